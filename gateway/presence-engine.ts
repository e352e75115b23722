import { X509Certificate } from 'node:crypto';
import type { Clock } from '../sim/clock.ts';
import type { Journal } from '../sim/journal.ts';
import type { PresenceGateway } from './config/gateway-store.ts';
import type { ImpConfig } from './config/imp-config.ts';
import type { ServiceParameters } from './config/service-parameters.ts';
import type { EwsAuthMethod } from './ews-client/ntlm-handshake.ts';
import { GatewayError } from './gateway-error.ts';

export type EngineState = 'stopped' | 'running';

/** What the engine loaded at start: it keeps using this until the next restart, as IM&P does. */
export interface EngineSnapshot {
  gateways: PresenceGateway[];
  account: { accountName: string; password: string; authMethod: EwsAuthMethod } | undefined;
  parameters: ServiceParameters;
  trusted: X509Certificate[];
  generation: number;
  startedAt: number;
}

/** Work that runs while the engine runs (calendar subscriptions); started and stopped with it. */
export interface EngineWorker {
  start(snapshot: EngineSnapshot): Promise<void>;
  stop(reason: string): Promise<void>;
}

/** The Cisco Presence Engine's lifecycle: start loads the configuration; changes need a restart. */
export class PresenceEngine {
  #state: EngineState = 'stopped';
  #snapshot: EngineSnapshot | undefined;
  readonly #workers: EngineWorker[] = [];
  #transition: Promise<void> = Promise.resolve();

  constructor(
    readonly config: ImpConfig,
    readonly clock: Clock,
    readonly journal: Journal,
  ) {}

  get state(): EngineState {
    return this.#state;
  }

  get snapshot(): EngineSnapshot | undefined {
    return this.#snapshot;
  }

  addWorker(worker: EngineWorker): void {
    this.#workers.push(worker);
  }

  /** True when the configuration changed after the running engine loaded it. */
  restartRequired(): boolean {
    return (
      this.#state === 'running' &&
      this.#snapshot !== undefined &&
      this.config.db.generation() !== this.#snapshot.generation
    );
  }

  start(): Promise<void> {
    return this.#serial(async () => {
      if (this.#state === 'running')
        throw new GatewayError('ENGINE_STATE', 'The Cisco Presence Engine is already running');
      await this.#launch('started', {});
    });
  }

  stop(reason = 'stopped by the administrator'): Promise<void> {
    return this.#serial(async () => {
      if (this.#state === 'stopped') throw new GatewayError('ENGINE_STATE', 'The Cisco Presence Engine is not running');
      await this.#stopWorkers(reason);
    });
  }

  /** Stop then start: calendar work pauses briefly and resumes with the configuration as it is now. */
  restart(): Promise<void> {
    return this.#serial(async () => {
      const wasRunning = this.#state === 'running';
      if (wasRunning) await this.#stopWorkers('restart');
      await this.#launch('restarted', { wasRunning });
    });
  }

  /** Load the configuration as it is now, log it, and start every worker on it. */
  async #launch(verb: 'started' | 'restarted', extra: Record<string, unknown>): Promise<void> {
    const snap = this.#load();
    this.#snapshot = snap;
    this.#state = 'running';
    this.journal.record(
      'info',
      'presence-engine',
      `Cisco Presence Engine ${verb} with ${snap.gateways.length} gateway(s), ${snap.trusted.length} trusted certificate(s)`,
      { gateways: snap.gateways.map((g) => `${g.host}:${g.port}`), generation: snap.generation, ...extra },
    );
    for (const w of this.#workers) await w.start(snap);
  }

  async #stopWorkers(reason: string): Promise<void> {
    for (const w of [...this.#workers].reverse()) await w.stop(reason);
    this.#state = 'stopped';
    this.journal.record('info', 'presence-engine', `Cisco Presence Engine stopped (${reason})`);
  }

  #load(): EngineSnapshot {
    const cfg = this.config;
    return {
      gateways: cfg.gateways.list(),
      account: cfg.gateways.account(),
      parameters: cfg.parameters.get(),
      trusted: cfg.trust.list('cup-trust').map((c) => new X509Certificate(c.pem)),
      generation: cfg.db.generation(),
      startedAt: this.clock.now(),
    };
  }

  /** Lifecycle calls never interleave: a restart during a start waits for it. */
  #serial(fn: () => Promise<void>): Promise<void> {
    const next = this.#transition.then(fn, fn);
    this.#transition = next.catch(() => {});
    return next;
  }
}
