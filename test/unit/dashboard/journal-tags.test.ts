import { describe, expect, it } from 'vitest';
import { journalTagger } from '../../../dashboard/journal-tags.ts';
import type { JournalEntry } from '../../../sim/journal.ts';

const tag = journalTagger(() => ({
  servers: [
    { name: 'ex1', fqdn: 'ex1.example.test', ip: '127.0.10.1' },
    { name: 'ex2', fqdn: 'ex2.example.test', ip: '127.0.10.2' },
  ],
  users: [
    { userId: 'alice', mailbox: 'alice@example.test' },
    { userId: 'al', mailbox: 'al@example.test' },
    { userId: 'bob', mailbox: 'bob@example.test' },
  ],
  gatewayHost: (id) => (id === 'gw-2' ? 'ex2.example.test' : undefined),
}));

const entry = (source: string, message: string, data?: Record<string, unknown>): JournalEntry => ({
  seq: 1,
  at: 0,
  level: 'info',
  source,
  message,
  data,
});

describe('log panel tags: which users and servers an entry is about', () => {
  it.each([
    [entry('ews:ex1', 'FindItem OK'), [], ['ex1']],
    [entry('notifications:ex2', 'push subscription created for bob@example.test'), ['bob'], ['ex2']],
    [
      entry('calendar', 'subscribed to the calendar of alice@example.test through ex1.example.test (push, X)'),
      ['alice'],
      ['ex1'],
    ],
    [entry('status-area', 'x', { gateway: 'gw-2' }), [], ['ex2']],
    [entry('status-area', '127.0.10.1:443 unreachable, Failed'), [], ['ex1']],
    [entry('presence-feed', 'bob logged in', { user: 'bob' }), ['bob'], []],
    [entry('imp-node', 'alice: IM and Presence license removed'), ['alice'], []],
    [entry('config', 'end user al updated: calendaring'), ['al'], []],
    [entry('presence-engine', 'Cisco Presence Engine started with 2 gateway(s)'), [], []],
  ])('%o -> users %j, servers %j', (e, users, servers) => {
    const t = tag(e);
    expect(t.users.sort()).toEqual(users);
    expect(t.servers.sort()).toEqual(servers);
    expect(t.message).toBe(e.message);
  });

  it('does not take a user id inside another word or address for the user', () => {
    expect(tag(entry('calendar', 'calendar for alice@example.test: folder not found')).users).toEqual(['alice']);
    expect(tag(entry('config', 'end user alice updated: licensed')).users).toEqual(['alice']);
  });
});
