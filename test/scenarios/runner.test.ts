import { describe, expect, it } from 'vitest';
import { resolveScenarioRef } from '../../scenarios/catalog.ts';
import { loadScenarioFile, parseScenario } from '../../scenarios/loader/load-scenario.ts';
import { runScenario, type ScenarioResult } from '../../scenarios/runner.ts';

/** What a run observed, without wall times and the ephemeral ports the OS picks. */
function observations(r: ScenarioResult): unknown[] {
  const stable = (v: unknown) => JSON.stringify(v ?? null).replace(/:\d{4,5}\b/g, ':PORT');
  return r.steps.map((s) => [s.index, s.at, s.ok, stable(s.outcome), stable(s.checks), stable(s.observed)]);
}

const sockets = () => process.getActiveResourcesInfo().filter((r) => /TCP|TLS/.test(r)).length;

describe('scenario runner', () => {
  it('runs are deterministic: the same steps at the same virtual times with the same observations', async () => {
    for (const id of ['ssl-network-error', 'mailbox-move']) {
      const scenario = loadScenarioFile(resolveScenarioRef(id));
      const first = await runScenario(scenario);
      const second = await runScenario(scenario);
      expect(first.ok && second.ok).toBe(true);
      expect(observations(second)).toEqual(observations(first));
      expect(second.stats?.timersFired).toBe(first.stats?.timersFired);
    }
  });

  it('a status refresh against a server that never answers takes Exchange Timeout of virtual time', async () => {
    const r = await runScenario(loadScenarioFile(resolveScenarioRef('ssl-network-error')));
    const status = r.steps[1]!;
    expect(status.description).toBe('expect status, calendar');
    expect(status.at).toBe('08:00:01');
    expect(status.observed?.status).toMatchObject({
      rows: [{ gateway: 'ex1', ssl: 'Failed - Network Error', rule: 'timeout' }],
    });
  });

  it('an action that fails stops the scenario: its error is recorded, later steps are skipped, the lab is torn down', async () => {
    const before = sockets();
    const scenario = parseScenario(
      `id: failing-action
title: t
section: Troubleshooting Exchange Server Connection Status
symptom: s
cause: c
fix: f
lab:
  start: 2030-05-06T08:00:00Z
  exchange:
    servers: [{ name: ex1 }]
steps:
  - do: gateway.update
    with: { gateway: ex1, host: "not a host" }
  - expect:
      engine: { state: running }
`,
      'failing-action.yaml',
    );
    const r = await runScenario(scenario);
    expect(r.ok).toBe(false);
    expect(r.error).toBeUndefined();
    expect(r.steps[0]).toMatchObject({ ok: false, error: '"not a host" is not a valid FQDN or IP address' });
    expect(r.steps[1]).toMatchObject({ skipped: true, ok: true });
    expect(sockets()).toBeLessThanOrEqual(before);
  });

  it('exchange.restart-server with down: SSL Failed - Network Error while the listener is closed, Verified once it reopens', async () => {
    const scenario = parseScenario(
      `id: restart-down
title: t
section: Troubleshooting Exchange Server Connection Status
symptom: s
cause: c
fix: f
lab:
  start: 2030-05-06T08:00:00Z
  exchange:
    servers: [{ name: ex1 }]
steps:
  - do: exchange.restart-server
    with: { server: ex1, down: 2m }
  - expect:
      status:
        gateways:
          ex1: { reachability: pingable, ssl: Failed - Network Error }
  - advance: 2m
  - expect:
      status:
        gateways:
          ex1: { reachability: pingable, ssl: Verified }
`,
      'restart-down.yaml',
    );
    const r = await runScenario(scenario);
    expect(r.steps.map((s) => s.ok)).toEqual([true, true, true, true]);
    expect(r.steps[0]?.outcome).toBe('ex1 restarted; 0 subscription(s) lost, listener down for 2m');
    expect(r.ok).toBe(true);
  });
});
