import { type ChaosFaultKind, faultBehaviour, type PlannedFault } from './chaos-faults.ts';
import { SeededRandom } from './seeded-random.ts';

const MINUTE = 60_000;
/** How long a fault that lasts holds, in minutes: long enough to outlast Exchange Timeout and a few retries. */
const MIN_MINUTES = 2;
const MAX_MINUTES = 40;

export interface FaultPlanInput {
  seed: string;
  kinds: readonly ChaosFaultKind[];
  count: number;
  servers: readonly string[];
  /** Faults start at or after this instant (whole minutes). */
  from: number;
  /** Every fault has cleared by this instant: the quiet tail begins here. */
  to: number;
}

/** A seeded fault schedule: `count` faults drawn from `kinds`, each inside [from, to], sorted by start. */
export function planFaults(input: FaultPlanInput): PlannedFault[] {
  if (input.count > 0 && input.kinds.length === 0) throw new RangeError('no fault kinds to draw from');
  const random = new SeededRandom(input.seed, 'faults');
  const minutes = Math.floor((input.to - input.from) / MINUTE);
  const faults: PlannedFault[] = [];
  for (let i = 0; i < input.count; i++) {
    const kind = random.pick(input.kinds);
    const behaviour = faultBehaviour(kind);
    const server = behaviour.server ? random.pick(input.servers) : undefined;
    const length = behaviour.instant ? 0 : random.int(MIN_MINUTES, MAX_MINUTES);
    const at = input.from + random.int(0, Math.max(0, minutes - length - 1)) * MINUTE;
    faults.push({
      name: `chaos-${i + 1}`,
      kind,
      ...(server ? { server } : {}),
      at,
      until: Math.min(at + length * MINUTE, input.to),
      attributes: behaviour.draw(random),
    });
  }
  return faults.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name, 'en', { numeric: true }));
}
