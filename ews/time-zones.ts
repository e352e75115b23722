/**
 * Windows time zone ids, as EWS carries them in TimeZoneContext/TimeZoneDefinition@Id, and conversion
 * between UTC instants and the zone-less wall-clock xs:dateTime values EWS availability uses.
 */

/** A subset of CLDR's windowsZones table (the "001" territory of each id); enough for lab organizations. */
const WINDOWS_TO_IANA: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'Romance Standard Time': 'Europe/Paris',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'Russian Standard Time': 'Europe/Moscow',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Pacific Standard Time': 'America/Los_Angeles',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'India Standard Time': 'Asia/Calcutta',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'AUS Eastern Standard Time': 'Australia/Sydney',
};

export interface EwsTimeZone {
  /** The id the request named (or "UTC" when it named none). */
  readonly id: string;
  /** False when the id was not recognized and UTC is used instead. */
  readonly known: boolean;
  /** Offset of local time from UTC at the instant `utcMs`, in ms (UTC+02:00 gives 7_200_000). */
  offsetAt(utcMs: number): number;
}

export const UTC_ZONE: EwsTimeZone = { id: 'UTC', known: true, offsetAt: () => 0 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function ianaOffset(iana: string, utcMs: number): number {
  let fmt = formatters.get(iana);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(iana, fmt);
  }
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(utcMs))) p[part.type] = Number(part.value);
  const local = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return local - Math.floor(utcMs / 1000) * 1000;
}

function isIanaZone(id: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone a request names: a Windows id from the table above, or an IANA name. Anything else is
 * treated as UTC (known: false), so an unknown zone shifts times rather than failing the request.
 */
export function resolveTimeZone(id: string | undefined): EwsTimeZone {
  if (id === undefined || id.trim() === '') return UTC_ZONE;
  const trimmed = id.trim();
  const iana = WINDOWS_TO_IANA[trimmed] ?? (isIanaZone(trimmed) ? trimmed : undefined);
  if (iana === undefined) return { id: trimmed, known: false, offsetAt: () => 0 };
  if (iana === 'UTC') return { ...UTC_ZONE, id: trimmed };
  return { id: trimmed, known: true, offsetAt: (utcMs) => ianaOffset(iana, utcMs) };
}

/** A fixed-offset zone, as the legacy t:TimeZone (SerializableTimeZone) Bias describes: UTC = local + bias. */
export function fixedOffsetZone(id: string, biasMinutes: number): EwsTimeZone {
  return { id, known: true, offsetAt: () => -biasMinutes * 60_000 };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An xs:dateTime as an instant: values with Z or an offset are absolute; zone-less values are wall
 * clock in `zone`. Returns undefined when the text is not an xs:dateTime.
 */
export function wallClockToUtc(text: string, zone: EwsTimeZone): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Date.UTC rolls 2030-13-45 over into 2031; a field out of range must fail instead.
  if (new Date(local).toISOString().slice(0, 19) !== `${y}-${mo}-${d}T${h}:${mi}:${s}`) return undefined;
  if (tz === 'Z') return local;
  if (tz) {
    const sign = tz.startsWith('-') ? -1 : 1;
    return local - sign * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6))) * 60_000;
  }
  // Two passes settle the offset on either side of a DST change.
  const first = local - zone.offsetAt(local);
  return local - zone.offsetAt(first);
}

/** An instant as zone-less wall clock in `zone`: "2030-05-06T09:00:00". */
export function utcToWallClock(utcMs: number, zone: EwsTimeZone): string {
  return new Date(utcMs + zone.offsetAt(utcMs)).toISOString().slice(0, 19);
}

/** Local wall-clock milliseconds (Date.UTC of the local fields) in `zone` to the UTC instant they name. */
export function localToUtc(localMs: number, zone: EwsTimeZone): number {
  // Two passes settle the offset on either side of a DST change.
  const first = localMs - zone.offsetAt(localMs);
  return localMs - zone.offsetAt(first);
}

/** The Windows id of a zone named by Windows id (any case) or by an IANA name the table maps; else undefined. */
export function windowsZoneId(id: string | undefined): string | undefined {
  const trimmed = id?.trim().toLowerCase();
  if (!trimmed) return undefined;
  const entries = Object.entries(WINDOWS_TO_IANA);
  return (
    entries.find(([windows]) => windows.toLowerCase() === trimmed)?.[0] ??
    entries.find(([, iana]) => iana.toLowerCase() === trimmed)?.[0]
  );
}
