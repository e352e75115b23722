import { EventEmitter } from 'node:events';
import type { Scenario } from '../scenarios/loader/load-scenario.ts';
import { runScenario, type StepRecord } from '../scenarios/runner.ts';
import type { ScenarioLab } from '../scenarios/runtime/scenario-lab.ts';
import type { Step } from '../scenarios/schema/step-spec.ts';
import { ClockDriver } from '../sim/clock-driver.ts';
import type { LabHandle } from './lab-context.ts';
import type { PlayerState, StepResultView } from './protocol.ts';
import { entryOf, type ScenarioCatalog, stepViews } from './scenario-catalog.ts';
import { SerialLock } from './serial-lock.ts';

class Aborted extends Error {
  constructor() {
    super('the trainer reset the scenario');
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** One play-through of a scenario: the runner's promise and what the trainer's buttons wait on. */
interface Run {
  scenario: Scenario;
  done: Promise<unknown>;
  ready: Deferred<void>;
  /** Resolved by Step (or Play's pacing) to let the next step start. */
  gate?: Deferred<void>;
  paceTimer?: NodeJS.Timeout;
  /** Resolved when the step that Step let through has finished. */
  stepDone?: Deferred<void>;
  /** Step or Play came between two steps, before the runner reached the next one: let it through on arrival. */
  stepRequested?: boolean;
  /** The lab stays up after the last step until the trainer resets or leaves. */
  dismissed: Deferred<void>;
  aborted: boolean;
  lock: SerialLock;
  /** Releases the lock the running step holds. */
  release?: () => void;
  driver?: ClockDriver;
}

export interface PlayerHost {
  showScenario(handle: LabHandle): void;
  showLive(): void;
}

/**
 * Trainer mode for the dashboard, over the scenario runner's hooks: the runner builds the lab and runs
 * each step; the player holds each step until Step (or Play) lets it through, shows the scenario's lab
 * in the dashboard, and keeps that lab up after the last step until Reset or Leave.
 */
export class ScenarioPlayer extends EventEmitter<{ state: [PlayerState]; step: [] }> {
  #state: PlayerState = { phase: 'idle', next: 0, results: [], pace: 1000 };
  #run: Run | undefined;
  #playing = false;

  constructor(
    readonly catalog: ScenarioCatalog,
    readonly host: PlayerHost,
  ) {
    super();
  }

  state(): PlayerState {
    return this.#state;
  }

  /** Build the scenario's lab and show it; resolves once it is up (or failed to build). */
  async load(id: string): Promise<PlayerState> {
    const scenario = this.catalog.load(id);
    await this.#stop();
    this.#playing = false;
    this.#set({
      phase: 'building',
      scenario: { ...entryOf(scenario), steps: stepViews(scenario) },
      next: 0,
      results: [],
      narration: undefined,
      running: undefined,
      error: undefined,
      at: scenario.lab.start,
    });
    const run: Run = {
      scenario,
      done: Promise.resolve(),
      ready: deferred(),
      dismissed: deferred(),
      aborted: false,
      lock: new SerialLock(),
    };
    this.#run = run;
    run.done = runScenario(scenario, {
      ready: (lab) => this.#ready(run, lab),
      beforeStep: (step, index) => this.#beforeStep(run, step, index),
      afterStep: (record) => this.#afterStep(run, record),
    }).then((result) => {
      run.driver?.stop();
      if (this.#run !== run || run.aborted) return;
      if (result.error) this.#set({ phase: 'failed', error: result.error, running: undefined });
      run.ready.resolve();
    });
    await run.ready.promise;
    return this.#state;
  }

  /** Let one step run; resolves when it has finished. */
  async step(): Promise<PlayerState> {
    const run = this.#run;
    const { phase, running } = this.#state;
    if (!run || run.aborted || running !== undefined || !['ready', 'playing'].includes(phase)) return this.#state;
    if (run.gate) this.#release(run);
    else {
      run.stepDone = deferred();
      run.stepRequested = true;
    }
    await run.stepDone?.promise;
    return this.#state;
  }

  play(pace?: number): PlayerState {
    if (pace !== undefined) {
      if (!Number.isInteger(pace) || pace < 0 || pace > 60_000)
        throw new RangeError(`pace must be a whole number of milliseconds from 0 to 60000, got ${String(pace)}`);
      this.#set({ pace });
    }
    const run = this.#run;
    if (!run || this.#state.phase === 'finished' || this.#state.phase === 'failed') return this.#state;
    this.#playing = true;
    if (run.gate) this.#release(run);
    else if (this.#state.running === undefined) run.stepRequested = true;
    this.#set({ phase: this.#phase() });
    return this.#state;
  }

  pause(): PlayerState {
    this.#playing = false;
    const run = this.#run;
    if (run) clearTimeout(run.paceTimer);
    if (this.#state.phase === 'playing') this.#set({ phase: this.#phase() });
    return this.#state;
  }

  /** Tear the scenario's lab down and build it again from the start. */
  async reset(): Promise<PlayerState> {
    const id = this.#state.scenario?.id;
    if (!id) return this.#state;
    return this.load(id);
  }

  /** Back to the live lab. */
  async leave(): Promise<PlayerState> {
    await this.#stop();
    this.#playing = false;
    this.#set({ phase: 'idle', scenario: undefined, next: 0, results: [], narration: undefined, running: undefined });
    return this.#state;
  }

  async close(): Promise<void> {
    await this.#stop();
  }

  #ready(run: Run, lab: ScenarioLab): void {
    if (run.aborted) throw new Aborted();
    // The trainer's clock moves the scenario's time too, but never while a step is moving it.
    const driver = new ClockDriver(lab.clock, (target) =>
      run.lock.run(() => lab.time.advanceTo(Math.max(target, lab.clock.now())).then(() => {})),
    );
    driver.pause();
    driver.start();
    run.driver = driver;
    this.host.showScenario({ kind: 'scenario', title: run.scenario.title, lab: lab.lab, clock: lab.clock, driver });
    this.#set({ phase: 'ready' });
    run.ready.resolve();
  }

  async #beforeStep(run: Run, step: Step, index: number): Promise<void> {
    if (run.aborted) throw new Aborted();
    run.gate = deferred();
    if (run.stepRequested) {
      run.stepRequested = false;
      run.stepDone ??= deferred();
      run.gate.resolve();
    } else if (this.#playing) this.#schedulePace(run);
    await run.gate.promise;
    run.gate = undefined;
    if (run.aborted) throw new Aborted();
    run.release = await run.lock.acquire();
    this.#set({
      phase: this.#playing ? 'playing' : 'running',
      running: index,
      narration: 'say' in step ? step.say : this.#state.narration,
    });
  }

  async #afterStep(run: Run, record: StepRecord): Promise<void> {
    run.release?.();
    run.release = undefined;
    if (run.aborted) throw new Aborted();
    const result: StepResultView = {
      index: record.index,
      ok: record.ok,
      at: record.at,
      outcome: record.outcome,
      error: record.error,
      checks: record.checks?.map((c) => ({ what: c.what, expected: c.expected, observed: c.observed, ok: c.ok })),
    };
    const last = record.index === run.scenario.steps.length - 1;
    const broken = record.error !== undefined;
    this.#set({
      results: [...this.#state.results, result],
      next: record.index + 1,
      running: undefined,
      at: record.at,
      phase: broken ? 'failed' : last ? 'finished' : this.#playing ? 'playing' : 'ready',
      error: broken ? `step ${record.index + 1} could not run: ${record.error}` : undefined,
    });
    this.emit('step');
    run.stepDone?.resolve();
    if (broken || last) {
      this.#playing = false;
      await run.dismissed.promise;
    }
  }

  /** Between steps: playing or ready; during one: playing or running (Step is refused while running). */
  #phase(): PlayerState['phase'] {
    if (this.#playing) return 'playing';
    return this.#state.running === undefined ? 'ready' : 'running';
  }

  #release(run: Run): void {
    clearTimeout(run.paceTimer);
    run.stepDone = deferred();
    run.gate?.resolve();
  }

  /** While playing, each step waits `pace` of real time: the trainer has time to talk. */
  #schedulePace(run: Run): void {
    run.paceTimer = setTimeout(() => {
      if (this.#playing && this.#run === run) this.#release(run);
    }, this.#state.pace);
  }

  async #stop(): Promise<void> {
    const run = this.#run;
    if (!run) return;
    this.#run = undefined;
    run.aborted = true;
    clearTimeout(run.paceTimer);
    run.gate?.reject(new Aborted());
    run.dismissed.resolve();
    run.stepDone?.resolve();
    run.driver?.stop();
    this.host.showLive();
    await run.done;
  }

  #set(patch: Partial<PlayerState>): void {
    this.#state = { ...this.#state, ...patch };
    this.emit('state', this.#state);
  }
}
