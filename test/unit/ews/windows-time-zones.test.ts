import { describe, expect, it } from 'vitest';
import { WINDOWS_ZONES, type WindowsZone, windowsZone, type YearlyRule } from '../../../ews/windows-time-zones.ts';

/** CLDR windowsZones.xml, territory "001": the IANA zone whose rules each Windows zone follows. */
const CLDR: Record<string, string> = {
  UTC: 'Etc/UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'Russian Standard Time': 'Europe/Moscow',
  'India Standard Time': 'Asia/Calcutta',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Pacific Standard Time': 'America/Los_Angeles',
};

/** UTC offset in minutes that Node's ICU data gives for `iana` at `utcMs`. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffset(iana: string, utcMs: number): number {
  let format = formats.get(iana);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: iana, timeZoneName: 'longOffset' });
    formats.set(iana, format);
  }
  const name = format.formatToParts(new Date(utcMs)).find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name ?? '');
  if (!m?.[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Local wall-clock ms (as if UTC) at which a yearly rule fires in `year`. */
function ruleLocal(r: YearlyRule, year: number): number {
  const want = DAYS.indexOf(r.day);
  let day: number;
  if (r.occurrence === -1) {
    const last = new Date(Date.UTC(year, r.month, 0));
    day = last.getUTCDate() - ((last.getUTCDay() - want + 7) % 7);
  } else {
    const first = new Date(Date.UTC(year, r.month - 1, 1)).getUTCDay();
    day = 1 + ((want - first + 7) % 7) + 7 * (r.occurrence - 1);
  }
  return Date.UTC(year, r.month - 1, day) + r.minutes * 60_000;
}

/** UTC offset in minutes that a Windows definition gives at `utcMs` (transitions read in the prior period's time). */
function windowsOffset(z: WindowsZone, utcMs: number): number {
  const standard = -z.bias;
  if (!z.daylight) return standard;
  const year = new Date(utcMs).getUTCFullYear();
  const start = ruleLocal(z.daylight.start, year) - standard * 60_000;
  const end = ruleLocal(z.daylight.end, year) - (standard + 60) * 60_000;
  const inDst = start < end ? utcMs >= start && utcMs < end : utcMs >= start || utcMs < end;
  return inDst ? standard + 60 : standard;
}

describe('Windows time zone definitions agree with the IANA rules Node carries', () => {
  it('covers exactly the zones CLDR maps here', () => {
    expect(WINDOWS_ZONES.map((z) => z.id).sort()).toEqual(Object.keys(CLDR).sort());
  });

  it.each(WINDOWS_ZONES.map((z) => [z.id, z] as const))(
    '%s: same offset every hour around each change, 2030-2032',
    (_id, z) => {
      const iana = CLDR[z.id]!;
      const mismatches: string[] = [];
      for (let t = Date.UTC(2030, 0, 1); t < Date.UTC(2033, 0, 1); t += 3_600_000) {
        const a = windowsOffset(z, t);
        const b = intlOffset(iana, t);
        if (a !== b) mismatches.push(`${new Date(t).toISOString()}: windows ${a}, ${iana} ${b}`);
      }
      expect(mismatches.slice(0, 3)).toEqual([]);
    },
  );

  it('finds zones by id case-insensitively and nothing for an unknown id', () => {
    expect(windowsZone('w. europe standard time')?.name).toBe(
      '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    );
    expect(windowsZone('Mars Standard Time')).toBeUndefined();
  });
});
