import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView } from '../../../../mock-exchange/admin/org-admin.ts';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { admin } from '../../../support/admin-client.ts';
import { startMock } from '../../../support/mock-server.ts';
import { T, testOrgConfig } from '../../../support/test-org.ts';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';

describe('admin API meetings with sendInvitations reach attendee mailboxes', () => {
  let mock: MockExchange;
  beforeAll(async () => {
    mock = await startMock(testOrgConfig());
  });
  afterAll(async () => {
    await mock?.stop();
  });
  const bobCopy = (subject: string) =>
    mock.org
      .mailbox(BOB)
      ?.calendar.items()
      .find((i) => i.subject.endsWith(subject));

  it('create, move and delete with sending: tentative copy, moved copy, cancelled copy', async () => {
    const created = await admin<MeetingView>(mock, 'POST', `/mailboxes/${ALICE}/meetings`, {
      subject: 'Roadmap',
      start: T('15:00'),
      end: T('16:00'),
      attendees: [BOB],
      sendInvitations: true,
    });
    expect(created.status).toBe(201);
    const owner = mock.org.mailbox(ALICE)?.calendar.get(created.body.id);
    expect(bobCopy('Roadmap')).toMatchObject({
      uid: owner?.uid,
      freeBusy: 'Tentative',
      responseType: 'NoResponseReceived',
      organizer: { address: ALICE },
    });
    const path = `/mailboxes/${ALICE}/meetings/${encodeURIComponent(created.body.id)}`;
    const moved = await admin(mock, 'PATCH', path, { start: T('16:00'), end: T('17:00'), sendInvitations: true });
    expect(moved.status).toBe(200);
    expect(bobCopy('Roadmap')?.start).toBe(Date.parse(T('16:00')));
    expect((await admin(mock, 'DELETE', `${path}?sendCancellations=true`)).status).toBe(204);
    expect(bobCopy('Roadmap')).toMatchObject({ subject: 'Canceled: Roadmap', isCancelled: true, freeBusy: 'Free' });
  });

  it('without the flag attendees are untouched; a flag that is not a boolean is a 400 naming it', async () => {
    const plain = await admin(mock, 'POST', `/mailboxes/${ALICE}/meetings`, {
      subject: 'Private planning',
      start: T('15:00'),
      end: T('16:00'),
      attendees: [BOB],
    });
    expect(plain.status).toBe(201);
    expect(bobCopy('Private planning')).toBeUndefined();
    const bad = await admin<{ error: string }>(mock, 'POST', `/mailboxes/${ALICE}/meetings`, {
      subject: 'Bad',
      start: T('15:00'),
      end: T('16:00'),
      sendInvitations: 'yes',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('sendInvitations');
    expect(bobCopy('Bad')).toBeUndefined();
  });
});
