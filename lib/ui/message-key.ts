/** `wrong_persona` → `WrongPersona`, as a type. */
type PascalCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<S>;

/**
 * The name _locales gives the message for one value of an enum: a prefix, then the value in PascalCase
 * (`reason` and `wrong_persona` → `reasonWrongPersona`). Passed to `t`, a value with no message
 * does not compile.
 */
export function messageKey<P extends string, V extends string>(prefix: P, value: V): `${P}${PascalCase<V>}` {
  const words = value.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return `${prefix}${words.join('')}` as `${P}${PascalCase<V>}`;
}
