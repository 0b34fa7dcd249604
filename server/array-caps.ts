import { z } from 'zod';

interface OversizedArray {
  path: PropertyKey[];
  maximum: number;
}

/** The first array in a value longer than its `.max()`, for one schema; see `finderFor`. */
type Finder = (value: unknown) => OversizedArray | null;

/** Built once per schema: a request walks only the parts of its body where a capped array can be. */
const finders = new WeakMap<z.core.$ZodType, Finder | null>();

/**
 * The finder for `schema`, or null when no array in it has a `.max()` (most items of a batch hold
 * none, so their values are never walked). zod checks an array's length only after validating
 * every element, which for a union element costs milliseconds per thousand items: a 120,000-item
 * body held a worker for seconds before its "at most 20" answer.
 */
function finderFor(schema: z.core.$ZodType): Finder | null {
  const known = finders.get(schema);
  if (known !== undefined) return known;
  // A schema that contains itself meets this stand-in while it is being built.
  let built: Finder | null = null;
  finders.set(schema, (value) => built?.(value) ?? null);
  built = build(schema);
  finders.set(schema, built);
  return built;
}

/** `hit`, found in the value at `key`, as seen from the value holding it. */
const under = (key: PropertyKey, hit: OversizedArray | null) => hit && { ...hit, path: [key, ...hit.path] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function build(schema: z.core.$ZodType): Finder | null {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return finderFor(def.innerType);
    case 'pipe':
      return finderFor(def.in);
    case 'lazy':
      return (value) => finderFor(def.getter())?.(value) ?? null;
    case 'array': {
      const maximum = schema._zod.bag.maximum;
      const element = finderFor(def.element);
      if (typeof maximum !== 'number' && !element) return null;
      return (value) => {
        if (!Array.isArray(value)) return null;
        if (typeof maximum === 'number' && value.length > maximum) return { path: [], maximum };
        if (element) {
          for (let i = 0; i < value.length; i++) {
            const hit = element(value[i]);
            if (hit) return under(i, hit);
          }
        }
        return null;
      };
    }
    case 'object': {
      const fields = Object.entries(def.shape).flatMap(([key, field]) => {
        const find = finderFor(field);
        return find ? [[key, find] as const] : [];
      });
      if (fields.length === 0) return null;
      return (value) => {
        if (!isRecord(value)) return null;
        for (const [key, find] of fields) {
          if (!Object.hasOwn(value, key)) continue;
          const hit = find(value[key]);
          if (hit) return under(key, hit);
        }
        return null;
      };
    }
    case 'union': {
      // The caller may have meant any branch: the value is oversized only if it is for every one.
      const options = def.options.map(finderFor);
      if (!options.every((find) => find !== null)) return null;
      return (value) => {
        let first: OversizedArray | null = null;
        for (const find of options) {
          const hit = find(value);
          if (!hit) return null;
          first ??= hit;
        }
        return first;
      };
    }
    case 'intersection': {
      const left = finderFor(def.left);
      const right = finderFor(def.right);
      if (!left || !right) return left ?? right;
      return (value) => left(value) ?? right(value);
    }
    case 'record': {
      const item = finderFor(def.valueType);
      if (!item) return null;
      return (value) => {
        if (!isRecord(value)) return null;
        for (const [key, entry] of Object.entries(value)) {
          const hit = item(entry);
          if (hit) return under(key, hit);
        }
        return null;
      };
    }
    default:
      return null;
  }
}

/**
 * `schema.safeParse(value)`, except that an array longer than the schema allows fails at once with
 * the issue zod itself would report for it (so callers describe it the same way).
 */
export function safeParseWithinCaps<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  const oversized = finderFor(schema)?.(value);
  if (!oversized) return schema.safeParse(value);
  const { path, maximum } = oversized;
  const error = new z.ZodError([
    {
      code: 'too_big',
      origin: 'array',
      maximum,
      inclusive: true,
      path,
      message: `Too big: expected array to have <=${maximum} items`,
    },
  ]) as z.ZodError<z.output<S>>;
  return { success: false, error };
}
