/** Small helpers for the command line: reading JSON input and reporting one clear error line. */

/** An error that the CLI prints as one line on stderr (no stack trace). */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Parses JSON text, naming where it broke. */
export function parseJson(text: string, what = 'stdin'): unknown {
  if (text.trim() === '') throw new CliError(`${what} is empty: expected one JSON object`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}

export type Json = Record<string, unknown>;

export function asObject(v: unknown, what = 'input'): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new CliError(`${what} must be a JSON object, got ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}`);
  }
  return v as Json;
}

export function stringArray(o: Json, field: string): string[] {
  const v = o[field];
  if (v === undefined) throw new CliError(`"${field}" is missing: expected an array of token strings`);
  if (!Array.isArray(v)) throw new CliError(`"${field}" must be an array of token strings, got ${typeof v}`);
  v.forEach((t, i) => {
    if (typeof t !== 'string') throw new CliError(`"${field}"[${i}] must be a string, got ${JSON.stringify(t)}`);
  });
  return v as string[];
}

export function optionalNumber(o: Json, field: string, check?: (n: number) => string | null): number | undefined {
  const v = o[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new CliError(`"${field}" must be a number, got ${JSON.stringify(v)}`);
  const problem = check?.(v);
  if (problem) throw new CliError(`"${field}" ${problem}, got ${v}`);
  return v;
}

export function optionalBoolean(o: Json, field: string): boolean | undefined {
  const v = o[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new CliError(`"${field}" must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

export function optionalEnum<T extends string>(o: Json, field: string, values: readonly T[]): T | undefined {
  const v = o[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !values.includes(v as T)) {
    throw new CliError(`"${field}" must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

export const wholeNumber = (n: number) => (Number.isInteger(n) ? null : 'must be a whole number');
export const seedNumber = (n: number) =>
  Number.isInteger(n) && n >= 0 && n <= 4294967295 ? null : 'must be a whole number from 0 to 4294967295';

/** Reads `[[start, end], ...]` spans. */
export function spanList(o: Json, field = 'spans'): { start: number; end: number }[] {
  const v = o[field];
  if (v === undefined) throw new CliError(`"${field}" is missing: expected [[start, end], ...] token ranges, end exclusive`);
  if (!Array.isArray(v)) throw new CliError(`"${field}" must be an array of [start, end] pairs`);
  return v.map((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => typeof x === 'number' && Number.isInteger(x))) {
      throw new CliError(`"${field}"[${i}] must be a pair of whole numbers [start, end], got ${JSON.stringify(p)}`);
    }
    return { start: p[0] as number, end: p[1] as number };
  });
}

export function numberArray(o: Json, field: string): number[] | undefined {
  const v = o[field];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isInteger(x))) {
    throw new CliError(`"${field}" must be an array of whole numbers, got ${JSON.stringify(v)}`);
  }
  return v as number[];
}
