import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FIXTURE_PASSWORD_COST } from '../../../gateway/config/password-hash.ts';
import { LAB_USER_PASSWORD, Lab } from '../../../lab/create-lab.ts';
import { settleUntil as settle } from '../../../lab/time-driver.ts';
import { CATALOG_DIR } from '../../../scenarios/catalog.ts';
import { loadScenarioFile } from '../../../scenarios/loader/load-scenario.ts';
import { runScenario } from '../../../scenarios/runner.ts';
import type { ScenarioLab } from '../../../scenarios/runtime/scenario-lab.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { TEST_START, testOrgConfig } from '../../support/test-org.ts';

/** scrypt's N as the stored hash records it (scrypt$N$r$p$salt$hash). */
const costOf = (hash: string | undefined) => Number(hash?.split('$')[1]);

async function login(url: string, user: string, password: string): Promise<string> {
  const ws = new WebSocket(url);
  const replies: { type: string }[] = [];
  ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
  await new Promise<void>((resolve) => ws.on('open', () => resolve()));
  ws.send(JSON.stringify({ type: 'login', user, password }));
  await settle(() => replies.length > 0, `login reply for ${user}`);
  ws.close();
  return replies[0]!.type;
}

/**
 * The suite runs with PGSIM_SCRYPT_COST=1024 (vitest.config.ts), the fixture cost itself: these tests run with the
 * product's default cost instead, so that a fixture hash made at the default would show.
 */
let suiteCost: string | undefined;
beforeEach(() => {
  suiteCost = process.env.PGSIM_SCRYPT_COST;
  delete process.env.PGSIM_SCRYPT_COST;
});
afterEach(() => {
  if (suiteCost !== undefined) process.env.PGSIM_SCRYPT_COST = suiteCost;
});

describe('the fixture password that every lab user shares is hashed cheaply; a password someone chooses is not', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.stop();
    lab = undefined;
  });

  it('a lab: its LDAP users at the fixture cost, logging in with the documented password; an added user at the default', async () => {
    lab = await Lab.create({ clock: new VirtualClock(TEST_START), org: testOrgConfig() });
    await lab.settle();
    const { db } = lab.imp.config;
    const stored = db.get<{ password: string }>('SELECT password FROM ldapuser WHERE userid = ?', 'alice')?.password;
    expect(costOf(stored)).toBe(FIXTURE_PASSWORD_COST);
    expect(await login(lab.presenceUrl, 'alice', LAB_USER_PASSWORD)).toBe('welcome');
    expect(await login(lab.presenceUrl, 'alice', `${LAB_USER_PASSWORD}x`)).toBe('error');

    lab.imp.config.users.add({ userId: 'zed', mailbox: 'zed@example.test', password: 'Chosen-Passw0rd' });
    const chosen = db.get<{ password: string }>('SELECT password FROM enduser WHERE userid = ?', 'zed')?.password;
    expect(costOf(chosen)).toBe(16_384);
  });

  it('a scenario lab: its users at the fixture cost', async () => {
    const scenario = loadScenarioFile(join(CATALOG_DIR, 'client-logout-mid-meeting.yaml'));
    let costs: number[] = [];
    const result = await runScenario(scenario, {
      ready: (s: ScenarioLab) => {
        costs = s.imp.config.db
          .all<{ password: string }>('SELECT password FROM ldapuser')
          .map((r) => costOf(r.password));
      },
    });
    expect(result.ok).toBe(true);
    expect(costs.length).toBeGreaterThan(0);
    expect(new Set(costs)).toEqual(new Set([FIXTURE_PASSWORD_COST]));
  });
});
