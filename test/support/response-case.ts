import type { MockExchange } from '../../mock-exchange/mock-exchange.ts';
import { type PostOptions, type PostReply, postEws } from './https-post.ts';
import { type EnvelopeOptions, soapEnvelope } from './soap-envelope.ts';

/** Ids of seeded items, known once the organization exists. */
export interface Seeded {
  weeklySync: string;
  weeklySyncChangeKey: string;
  standUp: string;
  bobsMeeting: string;
}

/** One request to send and what its response must show; every response is also schema-validated. */
export interface ResponseCase {
  name: string;
  /** The operation element, or (with `raw`) the whole request body. */
  body: (ids: Seeded) => string;
  raw?: boolean;
  envelope?: EnvelopeOptions;
  as?: PostOptions;
  status: 200 | 500;
  /** A fragment the response must contain: the ResponseCode, or the element that proves the shape. */
  contains: string;
  /** False where the request is deliberately not EWS (bad version, unknown operation, broken XML). */
  validRequest?: boolean;
}

export const ALICE: EnvelopeOptions = { impersonate: 'alice@example.test' };
export const CAROL: EnvelopeOptions = { impersonate: 'carol@example.test' };
export const code = (c: string) => `>${c}</m:ResponseCode>`;
export const faultCode = (c: string) => `>${c}</e:ResponseCode>`;

/** The ids of the items the ambiguous-name organization seeds (alice's two meetings, bob's first). */
export function seededIds(mock: MockExchange): Seeded {
  const alice = mock.org.mailbox('alice@example.test')!.calendar.items();
  const weekly = alice.find((i) => i.subject === 'Weekly sync')!;
  return {
    weeklySync: weekly.id,
    weeklySyncChangeKey: weekly.changeKey,
    standUp: alice.find((i) => i.subject === 'Stand-up')!.id,
    bobsMeeting: mock.org.mailbox('bob@example.test')!.calendar.items()[0]!.id,
  };
}

/** Send the cases in order (some depend on earlier ones: UpdateItem makes the ChangeKey stale; DeleteItem twice). */
export async function sendCases(
  mock: MockExchange,
  cases: ResponseCase[],
): Promise<{ requests: Map<string, string>; responses: Map<string, PostReply> }> {
  const seeded = seededIds(mock);
  const requests = new Map<string, string>();
  const responses = new Map<string, PostReply>();
  for (const c of cases) {
    const body = c.raw ? c.body(seeded) : soapEnvelope(c.body(seeded), c.envelope);
    requests.set(c.name, body);
    responses.set(c.name, await postEws(mock, body, c.as));
  }
  return { requests, responses };
}
