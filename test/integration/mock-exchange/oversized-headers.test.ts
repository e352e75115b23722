import { afterEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../mock-exchange/mock-exchange.ts';
import { getEws } from '../../support/https-post.ts';
import { startMock } from '../../support/mock-server.ts';

/** RFC 6585 §5: a request whose header fields are too large gets 431, not a reset connection. */
describe('EWS endpoint: oversized request headers', () => {
  let mock: MockExchange | undefined;
  afterEach(async () => {
    await mock?.stop();
    mock = undefined;
  });

  it('answers 431 to a 20 KB header (the default limit is 16 KB) and still serves the next connection', async () => {
    mock = await startMock();
    const big = await getEws(mock, '/EWS/Exchange.asmx', { headers: { 'X-Padding': 'x'.repeat(20 * 1024) } });
    expect(big.status).toBe(431);
    expect(big.body).toBe('Request header fields are too large');
    const normal = await getEws(mock, '/EWS/Exchange.asmx', { headers: { 'X-Padding': 'x'.repeat(8 * 1024) } });
    expect(normal.status).not.toBe(431);
  });
});
