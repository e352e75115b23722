import { afterEach, describe, expect, it } from 'vitest';
import type { LabHandle } from '../../../dashboard/lab-context.ts';
import type { PlayerState } from '../../../dashboard/protocol.ts';
import { ScenarioCatalog } from '../../../dashboard/scenario-catalog.ts';
import { ScenarioPlayer } from '../../../dashboard/scenario-player.ts';

/** What the player asked the dashboard to show. */
class Shown {
  readonly calls: string[] = [];
  handle: LabHandle | undefined;
  showScenario(h: LabHandle) {
    this.handle = h;
    this.calls.push(`scenario:${h.title}`);
  }
  showLive() {
    this.handle = undefined;
    this.calls.push('live');
  }
}

const nextStep = (p: ScenarioPlayer) => new Promise<void>((r) => p.once('step', () => r()));
const results = (s: PlayerState) => s.results.map((r) => `${r.index}:${r.ok ? 'ok' : 'FAIL'}`);

describe('the scenario player behind the Scenarios page', () => {
  let player: ScenarioPlayer | undefined;
  afterEach(async () => {
    await player?.close();
    player = undefined;
  });

  it('holds each step until Step or Play, pauses between steps, resets and leaves', async () => {
    const shown = new Shown();
    player = new ScenarioPlayer(new ScenarioCatalog(), shown);
    const loaded = await player.load('reachability-pingable');
    expect(loaded).toMatchObject({ phase: 'ready', next: 0, results: [] });
    expect(shown.calls).toEqual(['scenario:Exchange Reachability - pingable (the healthy baseline)']);
    const clock = shown.handle?.clock;
    expect(clock?.now()).toBe(Date.UTC(2030, 4, 6, 8, 0));
    expect(shown.handle?.driver.state().paused).toBe(true);

    expect(results(await player.step())).toEqual(['0:ok']);
    expect(player.state().narration).toMatch(/^A working integration/);
    expect(results(await player.step())).toEqual(['0:ok', '1:ok']);
    expect(player.state()).toMatchObject({ phase: 'ready', next: 2 });

    // Play lets the next step go at once, then waits the pace; Pause between steps leaves Step usable.
    const ran = nextStep(player);
    expect(player.play(60_000).phase).toBe('playing');
    await ran;
    expect(player.pause().phase).toBe('ready');
    expect(results(await player.step())).toEqual(['0:ok', '1:ok', '2:ok', '3:ok']);
    expect(() => player?.play(-1)).toThrow(/pace must be/);

    // The trainer's clock moves the scenario's time, serialized with the steps.
    await shown.handle?.driver.jumpTo(Date.UTC(2030, 4, 6, 8, 30));
    expect(clock?.now()).toBe(Date.UTC(2030, 4, 6, 8, 30));

    const reset = await player.reset();
    expect(reset).toMatchObject({ phase: 'ready', next: 0, results: [] });
    expect(shown.handle?.clock.now()).toBe(Date.UTC(2030, 4, 6, 8, 0));
    expect((await player.leave()).phase).toBe('idle');
    expect(shown.calls.at(-1)).toBe('live');
  });

  it('an unknown id is refused and nothing is built', async () => {
    const shown = new Shown();
    player = new ScenarioPlayer(new ScenarioCatalog(), shown);
    await expect(player.load('no-such-case')).rejects.toThrow(
      /No scenario "no-such-case"; known: .*reachability-pingable/,
    );
    expect(shown.calls).toEqual([]);
    expect(player.state().phase).toBe('idle');
  });
});
