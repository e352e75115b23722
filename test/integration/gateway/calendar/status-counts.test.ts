import { afterEach, describe, expect, it } from 'vitest';
import { PresenceLab } from '../../../support/presence-lab.ts';
import { presenceOrgConfig } from '../../../support/presence-org.ts';

describe('subscription status counts, kept as statuses change', () => {
  let h: PresenceLab | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  const counts = (over: Partial<Record<string, number>>) => ({
    subscribing: 0,
    subscribed: 0,
    retrying: 0,
    'folder-not-found': 0,
    stopped: 0,
    ...over,
  });
  /** The same counts from the list of every tracked user, as a reader would count them. */
  const listed = () => {
    const out = counts({});
    for (const s of h!.imp.calendars.list()) out[s.status]++;
    return out;
  };

  it('follow subscribe, retry, a replaced mailbox, a user dropped or removed, and the engine stopping and starting', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const { calendars, config, engine } = h.imp;
    expect(calendars.statusCounts()).toEqual(counts({ subscribed: 5 }));

    // A mailbox the organization does not have: that user retries, the others stay subscribed.
    config.users.update('carol', { mailbox: 'nobody@example.test' });
    await h.settle();
    expect(calendars.get('carol')?.status).toBe('retrying');
    expect(calendars.statusCounts()).toEqual(counts({ subscribed: 4, retrying: 1 }));
    expect(calendars.statusCounts()).toEqual(listed());

    // Back to her own mailbox: a new subscription replaces the retrying one.
    config.users.update('carol', { mailbox: 'carol@example.test' });
    await h.settle();
    expect(calendars.statusCounts()).toEqual(counts({ subscribed: 5 }));

    // Calendaring off for one user and another removed: neither is counted any more.
    config.users.update('bob', { calendaring: false });
    config.users.delete('dave');
    await h.settle();
    expect(calendars.statusCounts()).toEqual(counts({ subscribed: 3 }));
    expect(calendars.statusCounts()).toEqual(listed());

    await engine.stop();
    expect(calendars.statusCounts()).toEqual(counts({}));
    await engine.start();
    await h.settle();
    expect(calendars.statusCounts()).toEqual(counts({ subscribed: 3 }));
    expect(calendars.statusCounts()).toEqual(listed());
  });

  it('hands out a copy: changing what it returned changes nothing', async () => {
    h = await PresenceLab.start({ org: presenceOrgConfig() });
    const first = h.imp.calendars.statusCounts();
    first.subscribed = 99;
    expect(h.imp.calendars.statusCounts()).toEqual(counts({ subscribed: 5 }));
  });
});
