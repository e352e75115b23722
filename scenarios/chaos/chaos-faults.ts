import type { Lab } from '../../lab/create-lab.ts';
import type { SeededRandom } from './seeded-random.ts';

/**
 * The faults chaos draws from: the mock's wire and Exchange faults, the admin surfaces' server restart and
 * certificate rotation, and a Presence Engine restart. The faithful defects (mailbox move, LDAP removal) are
 * not here: they are meant to stay stale until an administrator acts, so they are no convergence test.
 */
export const CHAOS_FAULT_KINDS = [
  'hang',
  'reset',
  'close',
  'latency',
  'down',
  'server-restart',
  'server-busy',
  'callback-unreachable',
  'mailbox-move-in-progress',
  'certificate-rotation',
  'engine-restart',
] as const;
export type ChaosFaultKind = (typeof CHAOS_FAULT_KINDS)[number];

/** Profiles a rotation goes to and comes back from: each fails the engine's own verification. */
const BAD_PROFILES = ['missing-intermediate', 'untrusted-root', 'md5', 'expired', 'cn-mismatch', 'bad-signature'];

/** One fault of the schedule: what, where, from when until when (equal for instant ones), its attributes. */
export interface PlannedFault {
  name: string;
  kind: ChaosFaultKind;
  /** The Exchange server it hits (none for an engine restart). */
  server?: string;
  at: number;
  until: number;
  attributes: Record<string, unknown>;
}

interface FaultBehaviour {
  /** Happens at one instant (nothing to clear). */
  instant: boolean;
  /** Aims at one Exchange server. */
  server: boolean;
  draw(random: SeededRandom): Record<string, unknown>;
  explain(f: PlannedFault): string;
}

/** A mock fault added by name and removed by name: the wire faults and Exchange behaviours. */
const mockFault = (draw: FaultBehaviour['draw'], say: (a: Record<string, unknown>) => string): FaultBehaviour => ({
  instant: false,
  server: true,
  draw,
  explain: (f) => `${f.kind} on ${f.server}${say(f.attributes) ? ` (${say(f.attributes)})` : ''}`,
});

const BEHAVIOUR: Record<ChaosFaultKind, FaultBehaviour> = {
  hang: mockFault(
    () => ({}),
    () => '',
  ),
  reset: mockFault(
    () => ({}),
    () => '',
  ),
  close: mockFault(
    () => ({}),
    () => '',
  ),
  latency: mockFault(
    (r) => ({ latency: r.int(5, 60) * 100 }),
    (a) => `${a.latency} ms`,
  ),
  down: mockFault(
    () => ({}),
    () => '',
  ),
  'server-busy': mockFault(
    (r) => ({ backOffMilliseconds: r.int(1, 12) * 10_000 }),
    (a) => `BackOffMilliseconds ${a.backOffMilliseconds}`,
  ),
  'callback-unreachable': mockFault(
    () => ({}),
    () => '',
  ),
  'mailbox-move-in-progress': mockFault(
    () => ({}),
    () => '',
  ),
  'server-restart': {
    instant: true,
    server: true,
    draw: () => ({}),
    explain: (f) => `EWS/IIS restart of ${f.server} (every subscription it holds is lost)`,
  },
  'certificate-rotation': {
    instant: false,
    server: true,
    draw: (r) => ({ profile: r.pick(BAD_PROFILES) }),
    explain: (f) => `certificate of ${f.server} rotated to ${f.attributes.profile} and back to valid`,
  },
  'engine-restart': {
    instant: true,
    server: false,
    draw: () => ({}),
    explain: () => 'Cisco Presence Engine restart',
  },
};

export function faultBehaviour(kind: ChaosFaultKind): FaultBehaviour {
  return BEHAVIOUR[kind];
}

/**
 * Applies and clears planned faults on a lab. Certificate rotations on one server may overlap: the server
 * presents the newest rotation still active, and `valid` once none is.
 */
export class FaultApplier {
  readonly #rotations = new Map<string, PlannedFault[]>();

  constructor(readonly lab: Lab) {}

  async apply(f: PlannedFault): Promise<void> {
    const { exchange, imp } = this.lab;
    switch (f.kind) {
      case 'server-restart':
        exchange.admin.restartServer(f.server as string);
        return;
      case 'engine-restart':
        await imp.engine.restart();
        return;
      case 'certificate-rotation': {
        const active = [...(this.#rotations.get(f.server as string) ?? []), f];
        this.#rotations.set(f.server as string, active);
        await exchange.setCertificateProfile(f.server as string, f.attributes.profile);
        return;
      }
      default:
        await exchange.faults.add(f.server as string, { type: f.kind, name: f.name, ...f.attributes });
    }
  }

  async clear(f: PlannedFault): Promise<void> {
    if (BEHAVIOUR[f.kind].instant) return;
    const server = f.server as string;
    if (f.kind === 'certificate-rotation') {
      const active = (this.#rotations.get(server) ?? []).filter((r) => r !== f);
      this.#rotations.set(server, active);
      await this.lab.exchange.setCertificateProfile(server, active.at(-1)?.attributes.profile ?? 'valid');
      return;
    }
    await this.lab.exchange.faults.remove(server, f.name);
  }
}
