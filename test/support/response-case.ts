import type { PostOptions } from './https-post.ts';
import type { EnvelopeOptions } from './soap-envelope.ts';

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
