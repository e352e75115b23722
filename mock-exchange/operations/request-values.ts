import { type EwsError, fault } from '../../ews/errors.ts';

/** A request value that breaks the schema: Exchange rejects the whole request as an HTTP 500 fault. */
export function schemaError(where: string, problem: string): EwsError {
  return fault('ErrorSchemaValidation', `The request failed schema validation: ${where} ${problem}.`);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/;

/** xs:dateTime to epoch ms. A value without offset is read as UTC (as ews-javascript-api reads ours). */
export function parseDateTime(value: string | undefined, where: string): number {
  const v = value?.trim() ?? '';
  const ms = DATE_TIME.test(v) ? Date.parse(/[Zz]|[+-]\d{2}:\d{2}$/.test(v) ? v : `${v}Z`) : Number.NaN;
  if (!Number.isFinite(ms)) throw schemaError(where, `"${v}" is not a valid xs:dateTime`);
  return ms;
}

/** xs:date (optionally with an offset, as ews-javascript-api writes "2030-05-06+02:00") to its midnight in ms. */
export function parseDate(value: string | undefined, where: string): number {
  const m = DATE.exec(value?.trim() ?? '');
  const ms = m ? Date.parse(`${m[1]}T00:00:00${m[2] && m[2] !== 'Z' ? m[2] : 'Z'}`) : Number.NaN;
  if (!Number.isFinite(ms)) throw schemaError(where, `"${value?.trim() ?? ''}" is not a valid xs:date`);
  return ms;
}

export function parseBoolean(value: string | undefined, where: string): boolean {
  switch (value?.trim()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      throw schemaError(where, `"${value?.trim() ?? ''}" is not a valid xs:boolean`);
  }
}

/** An xs:int as written: an optional sign and up to ten digits, leading zeros allowed (the range is the caller's). */
export const XS_INT = /^[+-]?\d{1,10}$/;

export function parseInteger(value: string | undefined, where: string): number {
  const v = value?.trim() ?? '';
  if (!XS_INT.test(v)) throw schemaError(where, `"${v}" is not a valid xs:int`);
  return Number(v);
}

/** An attribute restricted to an enumeration; `fallback` applies when the attribute is absent. */
export function parseEnum<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  where: string,
  fallback?: T,
): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw schemaError(where, `"${value ?? ''}" is not one of ${allowed.join(', ')}`);
}
