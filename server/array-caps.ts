import { z } from 'zod';

export interface OversizedArray {
  path: PropertyKey[];
  maximum: number;
}

/**
 * The first array in `value` longer than `schema`'s `.max()` for it, found without validating a
 * single item. zod checks an array's length only after validating every element, which for a
 * union element costs milliseconds per thousand items: a 120,000-item body held a worker for
 * seconds before its "at most 20" answer.
 */
export function findOversizedArray(
  value: unknown,
  schema: z.core.$ZodType,
  path: PropertyKey[] = [],
): OversizedArray | null {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return findOversizedArray(value, def.innerType, path);
    case 'pipe':
      return findOversizedArray(value, def.in, path);
    case 'lazy':
      return findOversizedArray(value, def.getter(), path);
    case 'array': {
      if (!Array.isArray(value)) return null;
      const maximum = schema._zod.bag.maximum;
      if (typeof maximum === 'number' && value.length > maximum) return { path, maximum };
      for (let i = 0; i < value.length; i++) {
        const hit = findOversizedArray(value[i], def.element, [...path, i]);
        if (hit) return hit;
      }
      return null;
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
      for (const [key, field] of Object.entries(def.shape)) {
        if (!Object.hasOwn(value, key)) continue;
        const hit = findOversizedArray((value as Record<string, unknown>)[key], field, [...path, key]);
        if (hit) return hit;
      }
      return null;
    }
    case 'union': {
      // The caller may have meant any branch: the value is oversized only if it is for every one.
      let first: OversizedArray | null = null;
      for (const option of def.options) {
        const hit = findOversizedArray(value, option, path);
        if (!hit) return null;
        first ??= hit;
      }
      return first;
    }
    case 'intersection':
      return findOversizedArray(value, def.left, path) ?? findOversizedArray(value, def.right, path);
    case 'record': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
      for (const [key, item] of Object.entries(value)) {
        const hit = findOversizedArray(item, def.valueType, [...path, key]);
        if (hit) return hit;
      }
      return null;
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
  const oversized = findOversizedArray(value, schema);
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
