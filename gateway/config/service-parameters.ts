import { GatewayError } from '../gateway-error.ts';
import type { ConfigDatabase } from './config-database.ts';

export const PRESENCE_ENGINE_SERVICE = 'Cisco Presence Engine';

interface ParameterSpec {
  /** The name on IM&P's Service Parameters page (Calendaring Configuration). */
  label: string;
  default: number | boolean;
  min?: number;
  max?: number;
}

/** Calendaring service parameters of the Presence Engine, with IM&P's defaults and ranges. */
export const SERVICE_PARAMETERS = {
  notificationPort: { label: 'Microsoft Exchange Notification Port', default: 50020, min: 1024, max: 65535 },
  calendarSpread: { label: 'Calendar Spread (seconds)', default: 50, min: 0, max: 59 },
  exchangeTimeout: { label: 'Exchange Timeout (seconds)', default: 3, min: 1, max: 20 },
  exchangeQueue: { label: 'Exchange Queue', default: 2200, min: 1, max: 5000 },
  exchangeThreads: { label: 'Exchange Threads', default: 60, min: 1, max: 100 },
  ewsStatusFrequency: { label: 'EWS Status Frequency (minutes)', default: 60, min: 10, max: 1440 },
  calendarOutOfOffice: { label: 'Calendar Out of Office information', default: false },
  office365PullInterval: {
    label: 'Office 365 Calendar Information Pull Interval (minutes)',
    default: 60,
    min: 1,
    max: 1440,
  },
} as const satisfies Record<string, ParameterSpec>;

export type ParameterName = keyof typeof SERVICE_PARAMETERS;
export type ServiceParameters = {
  [K in ParameterName]: (typeof SERVICE_PARAMETERS)[K]['default'] extends boolean ? boolean : number;
};

export function isParameterName(name: string): name is ParameterName {
  return Object.hasOwn(SERVICE_PARAMETERS, name);
}

export function defaultParameters(): ServiceParameters {
  return Object.fromEntries(Object.entries(SERVICE_PARAMETERS).map(([k, v]) => [k, v.default])) as ServiceParameters;
}

/** Parse and range-check one value; throws a GatewayError naming the parameter and its range. */
export function parseParameter(name: string, raw: unknown): number | boolean {
  if (!isParameterName(name)) {
    throw new GatewayError(
      'UNKNOWN_PARAMETER',
      `Unknown service parameter "${name}"; known: ${Object.keys(SERVICE_PARAMETERS).join(', ')}`,
      name,
    );
  }
  const spec: ParameterSpec = SERVICE_PARAMETERS[name];
  if (typeof spec.default === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === 'on') return true;
    if (raw === 'false' || raw === 'off') return false;
    throw new GatewayError('INVALID_VALUE', `${spec.label} must be true or false, got "${String(raw)}"`, name);
  }
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < (spec.min ?? 0) || n > (spec.max ?? Number.MAX_SAFE_INTEGER)) {
    throw new GatewayError(
      'PARAMETER_OUT_OF_RANGE',
      `${spec.label} must be an integer from ${spec.min} to ${spec.max}, got "${String(raw)}"`,
      name,
    );
  }
  return n;
}

export class ServiceParameterStore {
  constructor(readonly db: ConfigDatabase) {}

  get(): ServiceParameters {
    const values = defaultParameters() as Record<string, number | boolean>;
    for (const row of this.db.all<{ paramname: string; paramvalue: string }>(
      'SELECT paramname, paramvalue FROM processconfig WHERE service = ?',
      PRESENCE_ENGINE_SERVICE,
    )) {
      if (isParameterName(row.paramname)) values[row.paramname] = parseParameter(row.paramname, row.paramvalue);
    }
    return values as ServiceParameters;
  }

  /** Set several parameters at once: all are checked first, then written in one transaction. */
  set(changes: Record<string, unknown>): ServiceParameters {
    const parsed = Object.entries(changes).map(([k, v]) => [k, parseParameter(k, v)] as const);
    this.db.transaction(() => {
      for (const [k, v] of parsed) {
        this.db.run(
          'INSERT INTO processconfig (service, paramname, paramvalue) VALUES (?, ?, ?) ON CONFLICT (service, paramname) DO UPDATE SET paramvalue = excluded.paramvalue',
          PRESENCE_ENGINE_SERVICE,
          k,
          String(v),
        );
      }
      if (parsed.length > 0) this.db.bumpGeneration();
    });
    return this.get();
  }
}
