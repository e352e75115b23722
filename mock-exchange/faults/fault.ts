import type { Socket } from 'node:net';
import type { Clock } from '../../sim/clock.ts';
import type { EwsContext } from '../ews-context.ts';
import type { HttpReply } from '../http/reply.ts';

/** What every fault carries besides its type-specific attributes (toxiproxy's shape, flattened). */
export interface FaultBase {
  type: string;
  /** Unique per server; defaults to the type. */
  name: string;
  /** Probability (0..1) that the fault applies to a connection (network) or a request (exchange). */
  toxicity: number;
}

export type Fault<A = Record<string, unknown>> = FaultBase & A;

export type AttributeSpec =
  | { kind: 'ms' | 'bytes' | 'seconds'; required?: boolean; default?: number; description: string }
  | { kind: 'probability'; default: number; description: string }
  | { kind: 'enum'; values: readonly string[]; default?: string; description: string }
  | { kind: 'text' | 'response-code' | 'operation' | 'mailbox' | 'date-time'; default?: string; description: string };

export interface FaultDefinitionBase<A> {
  readonly type: string;
  /** What the wire sees, in a few words (README, CLI help). */
  readonly summary: string;
  /** Every attribute the type accepts, common ones included. */
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  /** One sentence describing this fault instance. */
  explain(fault: Fault<A>): string;
}

/** Timers and randomness a network fault acts with: the Clock and the seeded random source. */
export interface NetworkEnv {
  clock: Clock;
  random(): number;
}

/** One direction of a proxied connection, as a chain of stages ending at the destination socket. */
export interface StreamStage {
  write(chunk: Buffer): void;
  end(): void;
}

export interface StageEnv extends NetworkEnv {
  /** Close both sides of the connection (FIN), as toxiproxy does when a toxic ends a link. */
  closeLink(): void;
}

export interface NetworkFaultDefinition<A = Record<string, unknown>> extends FaultDefinitionBase<A> {
  readonly layer: 'network';
  /** `listener`: acts on the listener itself; `connection`: takes over an accepted socket; `stream`: transforms bytes. */
  readonly acts: 'listener' | 'connection' | 'stream';
  takeOver?(fault: Fault<A>, socket: Socket, env: NetworkEnv): void;
  stage?(fault: Fault<A>, next: StreamStage, env: StageEnv): StreamStage;
  /** The direction a stream fault acts on. */
  stream?(fault: Fault<A>): 'upstream' | 'downstream';
}

export interface ExchangeFaultDefinition<A = Record<string, unknown>> extends FaultDefinitionBase<A> {
  readonly layer: 'exchange';
  /** Answer the request instead of the operation; absent for faults other components apply (push delivery). */
  respond?(fault: Fault<A>, ctx: EwsContext, res: HttpReply): void;
}

export type FaultDefinition = NetworkFaultDefinition | ExchangeFaultDefinition;

export const NAME_ATTRIBUTE: AttributeSpec = {
  kind: 'text',
  description: 'unique name of this fault on its server (default: the type)',
};
export const TOXICITY_ATTRIBUTE: AttributeSpec = {
  kind: 'probability',
  default: 1,
  description: 'probability 0..1 that it applies, drawn from the seeded random source',
};
export const STREAM_ATTRIBUTE: AttributeSpec = {
  kind: 'enum',
  values: ['downstream', 'upstream'],
  default: 'downstream',
  description: 'direction: downstream = server to client, upstream = client to server',
};

/** Attributes every per-connection network fault accepts. */
export const CONNECTION_COMMON = { name: NAME_ATTRIBUTE, toxicity: TOXICITY_ATTRIBUTE } as const;

/** Attributes every Exchange fault accepts: which requests it hits and when (sim Clock). */
export const EXCHANGE_COMMON = {
  name: NAME_ATTRIBUTE,
  toxicity: TOXICITY_ATTRIBUTE,
  operation: { kind: 'operation', description: 'only this EWS operation (e.g. FindItem)' },
  mailbox: { kind: 'mailbox', description: 'only requests acting on this mailbox' },
  from: { kind: 'date-time', description: 'active from this sim-clock instant (ISO 8601)' },
  until: { kind: 'date-time', description: 'active until this sim-clock instant (ISO 8601, exclusive)' },
} as const satisfies Record<string, AttributeSpec>;

export interface ExchangeScope {
  operation?: string;
  mailbox?: string;
  from?: string;
  until?: string;
}
