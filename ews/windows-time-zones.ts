/**
 * Windows time zone definitions as Exchange serves them (GetServerTimeZones): display name, standard bias and
 * the current daylight-saving rule of each zone in the registry (HKLM\...\Time Zones), for the ids time-zones.ts maps.
 */

export type WeekDay = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';

/** A yearly transition: the `occurrence`th `day` of `month` (-1 = last) at `minutes` past local midnight. */
export interface YearlyRule {
  month: number;
  day: WeekDay;
  occurrence: 1 | 2 | 3 | 4 | -1;
  minutes: number;
}

export interface WindowsZone {
  id: string;
  name: string;
  /** Minutes to add to local standard time to get UTC (the registry's Bias: UTC+01:00 is -60). */
  bias: number;
  /** Daylight saving time, one hour ahead of standard in every zone listed here. */
  daylight?: { start: YearlyRule; end: YearlyRule };
}

const EU = { start: rule(3, -1, 120), end: rule(10, -1, 180) };
const US = { start: rule(3, 2, 120), end: rule(11, 1, 120) };

function rule(month: number, occurrence: YearlyRule['occurrence'], minutes: number): YearlyRule {
  return { month, day: 'Sunday', occurrence, minutes };
}

export const WINDOWS_ZONES: readonly WindowsZone[] = [
  { id: 'UTC', name: '(UTC) Coordinated Universal Time', bias: 0 },
  {
    id: 'GMT Standard Time',
    name: '(UTC+00:00) Dublin, Edinburgh, Lisbon, London',
    bias: 0,
    daylight: { start: rule(3, -1, 60), end: rule(10, -1, 120) },
  },
  { id: 'Greenwich Standard Time', name: '(UTC+00:00) Monrovia, Reykjavik', bias: 0 },
  {
    id: 'W. Europe Standard Time',
    name: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    bias: -60,
    daylight: EU,
  },
  {
    id: 'Central Europe Standard Time',
    name: '(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague',
    bias: -60,
    daylight: EU,
  },
  { id: 'Romance Standard Time', name: '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris', bias: -60, daylight: EU },
  {
    id: 'Central European Standard Time',
    name: '(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb',
    bias: -60,
    daylight: EU,
  },
  { id: 'E. Europe Standard Time', name: '(UTC+02:00) Chisinau', bias: -120, daylight: EU },
  {
    id: 'FLE Standard Time',
    name: '(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius',
    bias: -120,
    daylight: { start: rule(3, -1, 180), end: rule(10, -1, 240) },
  },
  { id: 'Russian Standard Time', name: '(UTC+03:00) Moscow, St. Petersburg', bias: -180 },
  { id: 'India Standard Time', name: '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi', bias: -330 },
  { id: 'China Standard Time', name: '(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi', bias: -480 },
  { id: 'Singapore Standard Time', name: '(UTC+08:00) Kuala Lumpur, Singapore', bias: -480 },
  { id: 'Tokyo Standard Time', name: '(UTC+09:00) Osaka, Sapporo, Tokyo', bias: -540 },
  {
    id: 'AUS Eastern Standard Time',
    name: '(UTC+10:00) Canberra, Melbourne, Sydney',
    bias: -600,
    daylight: { start: rule(10, 1, 120), end: rule(4, 1, 180) },
  },
  { id: 'E. South America Standard Time', name: '(UTC-03:00) Brasilia', bias: 180 },
  { id: 'Eastern Standard Time', name: '(UTC-05:00) Eastern Time (US & Canada)', bias: 300, daylight: US },
  { id: 'Central Standard Time', name: '(UTC-06:00) Central Time (US & Canada)', bias: 360, daylight: US },
  { id: 'Mountain Standard Time', name: '(UTC-07:00) Mountain Time (US & Canada)', bias: 420, daylight: US },
  { id: 'US Mountain Standard Time', name: '(UTC-07:00) Arizona', bias: 420 },
  { id: 'Pacific Standard Time', name: '(UTC-08:00) Pacific Time (US & Canada)', bias: 480, daylight: US },
];

const BY_ID = new Map(WINDOWS_ZONES.map((z) => [z.id.toLowerCase(), z]));

/** A zone by its Windows id (case-insensitive, as Exchange matches them). */
export function windowsZone(id: string): WindowsZone | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}
