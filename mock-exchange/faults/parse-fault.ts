import { isResponseCode } from '../../ews/response-codes.ts';
import { MockExchangeError } from '../mock-exchange-error.ts';
import type { AttributeSpec, Fault, FaultDefinition } from './fault.ts';
import { FAULT_DEFINITIONS, FAULT_TYPES } from './index.ts';

/** What the organization knows, so that a fault naming an operation or mailbox can be checked. */
export interface FaultInputContext {
  operations?: readonly string[];
  mailboxes?: readonly string[];
}

const MAX_MS = 86_400_000;

/** Check one fault given as `{ type, ...attributes }` and fill in defaults; throws a MockExchangeError naming the field. */
export function parseFault(input: unknown, field: string, ctx: FaultInputContext = {}): Fault {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw MockExchangeError.at(
      'INVALID_VALUE',
      field,
      `must be an object { type, ...attributes }; fault types: ${FAULT_TYPES.join(', ')}`,
    );
  }
  const raw = input as Record<string, unknown>;
  const def = typeof raw.type === 'string' ? FAULT_DEFINITIONS.get(raw.type) : undefined;
  if (!def) {
    throw MockExchangeError.at(
      'INVALID_VALUE',
      `${field}.type`,
      `${raw.type === undefined ? 'is required' : `unknown fault type ${JSON.stringify(raw.type)}`}; allowed: ${FAULT_TYPES.join(', ')}`,
    );
  }
  const fault: Record<string, unknown> = { type: def.type };
  for (const key of Object.keys(raw)) {
    if (key !== 'type' && !(key in def.attributes)) {
      throw MockExchangeError.at(
        'INVALID_VALUE',
        `${field}.${key}`,
        `unknown attribute for ${def.type}; allowed: ${Object.keys(def.attributes).join(', ')}`,
      );
    }
  }
  for (const [name, spec] of Object.entries(def.attributes)) {
    const value = attribute(raw[name], spec, `${field}.${name}`, ctx);
    if (value !== undefined) fault[name] = value;
  }
  fault.name ??= def.type;
  fault.toxicity ??= 1;
  checkWindow(fault, field);
  return fault as Fault;
}

/** Check a list of faults for one server: each fault, and that names are unique. */
export function parseFaults(input: unknown, field: string, ctx: FaultInputContext = {}): Fault[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) throw MockExchangeError.at('INVALID_VALUE', field, 'must be a list of faults');
  const faults = input.map((f, i) => parseFault(f, `${field}[${i}]`, ctx));
  const seen = new Set<string>();
  for (const [i, f] of faults.entries()) {
    if (seen.has(f.name)) {
      throw MockExchangeError.at(
        'INVALID_VALUE',
        `${field}[${i}].name`,
        `duplicate fault name "${f.name}"; give each fault its own name`,
      );
    }
    seen.add(f.name);
  }
  return faults;
}

export function faultDefinition(fault: Fault): FaultDefinition {
  const def = FAULT_DEFINITIONS.get(fault.type);
  if (!def) throw new Error(`no definition for fault type ${fault.type}`);
  return def;
}

function attribute(value: unknown, spec: AttributeSpec, field: string, ctx: FaultInputContext): unknown {
  if (value === undefined || value === null) {
    if ('required' in spec && spec.required)
      throw MockExchangeError.at('INVALID_VALUE', field, `is required (${spec.description})`);
    return spec.default;
  }
  switch (spec.kind) {
    case 'ms':
    case 'bytes':
    case 'seconds': {
      const max = spec.kind === 'ms' ? MAX_MS : spec.kind === 'seconds' ? MAX_MS / 1000 : 2 ** 31;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
        const unit = spec.kind === 'ms' ? 'milliseconds' : spec.kind;
        throw MockExchangeError.at(
          'INVALID_VALUE',
          field,
          `must be a whole number of ${unit} from 0 to ${max}, got ${JSON.stringify(value)}`,
        );
      }
      return value;
    }
    case 'probability':
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        throw MockExchangeError.at(
          'INVALID_VALUE',
          field,
          `must be a number from 0 to 1, got ${JSON.stringify(value)}`,
        );
      }
      return value;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        throw MockExchangeError.at(
          'INVALID_VALUE',
          field,
          `must be one of ${spec.values.join(', ')}, got ${JSON.stringify(value)}`,
        );
      }
      return value;
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') {
        throw MockExchangeError.at('INVALID_VALUE', field, `must be a non-empty string, got ${JSON.stringify(value)}`);
      }
      return value;
    case 'response-code':
      if (typeof value !== 'string' || !isResponseCode(value)) {
        throw MockExchangeError.at(
          'INVALID_VALUE',
          field,
          `must be an EWS ResponseCode such as ErrorInternalServerError, got ${JSON.stringify(value)}`,
        );
      }
      return value;
    case 'operation':
      if (
        typeof value !== 'string' ||
        (ctx.operations ? !ctx.operations.includes(value) : !/^[A-Z][A-Za-z]+$/.test(value))
      ) {
        const allowed = ctx.operations
          ? `one of ${ctx.operations.join(', ')}`
          : 'an EWS operation name such as FindItem';
        throw MockExchangeError.at('INVALID_VALUE', field, `must be ${allowed}, got ${JSON.stringify(value)}`);
      }
      return value;
    case 'mailbox': {
      const address = typeof value === 'string' ? value.trim().toLowerCase() : '';
      if (!/^[^@\s]+@[^@\s]+$/.test(address) || (ctx.mailboxes && !ctx.mailboxes.includes(address))) {
        const allowed = ctx.mailboxes ? `one of ${ctx.mailboxes.join(', ')}` : 'an SMTP address';
        throw MockExchangeError.at('INVALID_VALUE', field, `must be ${allowed}, got ${JSON.stringify(value)}`);
      }
      return address;
    }
    case 'date-time': {
      const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (!Number.isFinite(t)) {
        throw MockExchangeError.at(
          'INVALID_VALUE',
          field,
          `must be an ISO 8601 date-time such as 2030-05-06T09:00:00Z, got ${JSON.stringify(value)}`,
        );
      }
      return new Date(t).toISOString();
    }
  }
}

function checkWindow(fault: Record<string, unknown>, field: string): void {
  if (typeof fault.from === 'string' && typeof fault.until === 'string' && fault.from >= fault.until) {
    throw MockExchangeError.at(
      'INVALID_VALUE',
      `${field}.until`,
      `must be later than from (${fault.from}), got ${fault.until}`,
    );
  }
}
