/** How scenarios write virtual time: durations ("90s", "1h30m") and instants ("09:00", ISO 8601). */
export const DURATION = /^(\d+(ms|s|m|h|d))+$/;
export const INSTANT = /^(\d{2}:\d{2}(:\d{2})?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))$/;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number {
  if (!DURATION.test(text)) throw new RangeError(`"${text}" is not a duration like 90s, 10m or 1h30m`);
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|s|m|h|d)/g)) ms += Number(n) * (UNIT_MS[unit ?? ''] ?? 0);
  return ms;
}

/** The UTC midnight of the day an instant falls in: "09:00" is read on the scenario's start day. */
export function dayOf(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export function parseInstant(text: string, startMs: number): number {
  if (!INSTANT.test(text)) throw new RangeError(`"${text}" is not a time like 09:00 or 2030-05-06T09:00:00Z`);
  if (text.includes('T')) return Date.parse(text);
  const [h, m, s] = text.split(':').map(Number);
  return dayOf(startMs) + ((h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000;
}

export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const size = UNIT_MS[unit] ?? 1;
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}

/** "09:00:50" for an instant on the start day, the full ISO form otherwise. */
export function formatInstant(ms: number, startMs: number): string {
  const iso = new Date(ms).toISOString();
  return dayOf(ms) === dayOf(startMs) ? iso.slice(11, 19) : iso.replace('.000Z', 'Z');
}
