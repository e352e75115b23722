import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLab, startLab } from '../../../api/index.ts';
import { portIsFree, tcpHandles } from './open-sockets.ts';

// Written as a user's suite would be: only the package's API and the default organization.
describe('startLab: the mock Exchange and an IM&P node on one virtual clock', () => {
  let lab: RunningLab;
  let handlesBefore: number;
  beforeAll(async () => {
    handlesBefore = tcpHandles();
    lab = await startLab({ start: '2030-05-06T07:00:00Z' });
  });
  afterAll(async () => {
    await lab.stop();
  });

  it("hands the test the lab's URLs, CA and users", () => {
    expect(lab.mock.ewsUrls.ex1).toMatch(/^https:\/\/ex1\.example\.test:\d+\/EWS\/Exchange\.asmx$/);
    expect(lab.mock.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(lab.node.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lab.node.presenceUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    expect(lab.node.users).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(lab.node.adminToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it("the node subscribed to alice's calendar and read it: the journal shows both", () => {
    const sub = lab.mock.requests.expectSome({ operation: 'Subscribe', mailbox: 'alice@example.test' });
    expect(sub[0]?.auth.account).toBe('svc-imp');
    expect(sub[0]?.responseCodes).toEqual(['NoError']);
    lab.mock.requests.expectSome({ operation: 'FindItem', mailbox: 'alice@example.test' });
  });

  it("presence appears: alice's calendar turns busy when her 09:00 stand-up starts", async () => {
    // Default organization: alice's first meeting is the Busy daily stand-up, 09:00-09:15 UTC.
    expect(lab.presence('alice').calendar).toBe('free');
    await lab.clock.runUntil('2030-05-06T09:05:00Z');
    expect(lab.clock.now().toISOString()).toBe('2030-05-06T09:05:00.000Z');
    expect(lab.presence('alice').calendar).toBe('busy');
    await lab.clock.advance(15 * 60_000);
    expect(lab.presence('alice').calendar).toBe('free');
  });

  it('stop() releases every socket: the ports are free and no handle is left open', async () => {
    const ports = lab.mock.servers.map((s) => [s.ip, s.port] as const);
    await lab.stop();
    await lab.stop();
    expect(tcpHandles()).toBe(handlesBefore);
    for (const [ip, port] of ports) expect(await portIsFree(ip, port)).toBe(true);
  });
});
