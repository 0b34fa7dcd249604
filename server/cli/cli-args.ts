import { parseArgs } from 'node:util';

/** A usage mistake: said on stderr with the usage line, exit code 2 (as the other commands do). */
export function usage(message: string, line: string): void {
  process.stderr.write(`${message}. Try: ${line}\n`);
  process.exitCode = 2;
}

/** A command that could not do its job: one line on stderr, exit code 1. */
export function failed(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** The options, or null after reporting the mistake (an unknown flag, a missing value). */
export function options<T extends OptionSpec>(args: string[], spec: T, line: string) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const first = error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments';
    usage(first.replace(/\.$/, ''), line);
    return null;
  }
}

export type DbOf = (flag: string | undefined) => string;
