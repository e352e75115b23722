import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DAY, CLIENT_ORG } from '../../../support/client-org.ts';
import { type PgsimProcess, REPO_ROOT, startPgsim, waitForJsonFile } from '../../../support/pgsim-process.ts';

/** Debian's interpreter: python3-exchangelib installs into its dist-packages, not into other Pythons. */
const PYTHON = '/usr/bin/python3';

function exchangelibVersion(): string | undefined {
  try {
    return execFileSync(PYTHON, ['-c', 'import exchangelib; print(exchangelib.__version__)'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}

const VERSION = exchangelibVersion();
if (!VERSION) console.warn('exchangelib client tests SKIPPED: apt-get install python3-exchangelib');

interface Step {
  step: string;
  ok: boolean;
  [fact: string]: unknown;
}

/** Outlook's English names of the folders Exchange creates (the IPM subtree), plus the non-IPM ones. */
const ENGLISH_TREE = [
  'Calendar',
  'Conflicts',
  'Contacts',
  'Conversation History',
  'Deleted Items',
  'Deletions',
  'Drafts',
  'Finder',
  'Inbox',
  'Journal',
  'Junk Email',
  'Local Failures',
  'Notes',
  'Outbox',
  'Purges',
  'Recoverable Items',
  'Sent Items',
  'Server Failures',
  'Sync Issues',
  'Tasks',
  'Top of Information Store',
  'Versions',
];

describe.skipIf(!VERSION)(`exchangelib ${VERSION ?? ''} (Python) through its opening sequence`, () => {
  let dir: string;
  let mock: PgsimProcess;
  const steps = new Map<string, Step>();
  let exitCode: number | null = null;
  let stderr = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-exchangelib-'));
    writeFileSync(join(dir, 'org.json'), JSON.stringify(CLIENT_ORG));
    const ready = join(dir, 'ready.json');
    mock = startPgsim(['mock-exchange', '--config', join(dir, 'org.json'), '--ready-file', ready, '--data-dir', dir]);
    await waitForJsonFile(ready, mock);
    const py = spawn(PYTHON, [join(REPO_ROOT, 'examples', 'exchangelib-opening.py'), ready], {
      env: {
        ...process.env,
        EWS_USER: 'svc-clients',
        EWS_PASSWORD: 'Clients-Passw0rd',
        EWS_MAILBOX_A: 'erin@clients.test',
        EWS_MAILBOX_B: 'frank@clients.test',
        EWS_DAY: CLIENT_DAY,
        EWS_FIND: 'stand-up',
      },
    });
    let out = '';
    py.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    py.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    exitCode = await new Promise((resolve) => py.once('close', resolve));
    for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
      const s = JSON.parse(line) as Step;
      steps.set(s.step, s);
    }
  }, 120_000);

  afterAll(async () => {
    mock?.child.kill('SIGINT');
    await mock?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every step to the end', () => {
    expect(stderr.split('\n').filter((l) => /Error|Traceback/.test(l))).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('guesses the version with ConvertId and reads the server build', () => {
    // The default server is Exchange 2019 CU14: build 15.2.1544.4 in Microsoft's build table.
    expect(steps.get('version')?.build).toBe('15.2.1544.4');
  });

  it('binds root and walks the whole tree with FindFolder Deep', () => {
    expect(steps.get('GetFolder root')?.children).toBe(3);
    expect(steps.get('FindFolder Deep from root')?.names).toEqual(ENGLISH_TREE);
  });

  it('gets every well-known folder with its class', () => {
    expect(steps.get('GetFolder well-known')?.folders).toEqual({
      calendar: ['Calendar', 'IPF.Appointment'],
      contacts: ['Contacts', 'IPF.Contact'],
      inbox: ['Inbox', 'IPF.Note'],
      outbox: ['Outbox', 'IPF.Note'],
      sentitems: ['Sent Items', 'IPF.Note'],
      deleteditems: ['Deleted Items', 'IPF.Note'],
      drafts: ['Drafts', 'IPF.Note'],
      junkemail: ['Junk Email', 'IPF.Note'],
      tasks: ['Tasks', 'IPF.Task'],
      notes: ['Notes', 'IPF.StickyNote'],
      journal: ['Journal', 'IPF.Journal'],
      conversationhistory: ['Conversation History', 'IPF.Note'],
    });
  });

  it('reads the server time zones and converts an id there and back', () => {
    expect(steps.get('GetServerTimeZones')?.ids).toEqual(
      expect.arrayContaining(['UTC', 'W. Europe Standard Time', 'Pacific Standard Time']),
    );
    expect(steps.get('ConvertId')).toMatchObject({ format: 'EntryId', roundtrip: true });
  });

  it('views the calendar, reads an item whole, and gets free/busy for two mailboxes', () => {
    // [2030-05-05, 2030-05-08): Budget review and the daily stand-up on each of the three days.
    expect(steps.get('CalendarView')?.subjects).toEqual([
      'Budget review',
      'Morning stand-up',
      'Morning stand-up',
      'Morning stand-up',
    ]);
    expect(steps.get('GetItem AllProperties')?.count).toBe(2);
    expect(steps.get('GetUserAvailability two mailboxes')).toMatchObject({
      views: ['DetailedMerged', 'DetailedMerged'],
      events: [2, 1],
    });
  });

  it('creates and deletes an item, and both a pull and a streaming subscription see it created', () => {
    expect(steps.get('CreateItem')?.id).toBe(true);
    expect(steps.get('pull subscription')?.events).toContain('CreatedEvent');
    expect(steps.get('streaming subscription')?.events).toContain('CreatedEvent');
    expect(steps.get('DeleteItem')?.remaining).toBe(0);
  });

  it('finds items with a restriction and synchronizes items and hierarchy', () => {
    expect(steps.get('FindItem with a restriction')?.subjects).toEqual(['Morning stand-up']);
    expect(steps.get('SyncFolderItems')).toMatchObject({ changes: ['create'], count: 2 });
    expect(steps.get('SyncFolderHierarchy')).toMatchObject({ changes: ['create'], count: 22 });
  });
});
