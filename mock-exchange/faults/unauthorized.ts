import { sendUnauthorized } from '../ews-endpoint.ts';
import { EXCHANGE_COMMON, type ExchangeFaultDefinition } from './fault.ts';

/** What a client sees when its credentials stop working (password changed, account locked). */
export const unauthorized: ExchangeFaultDefinition = {
  type: 'unauthorized',
  layer: 'exchange',
  summary: 'HTTP 401 with the WWW-Authenticate challenges IIS sends, whatever the credentials',
  attributes: { ...EXCHANGE_COMMON },
  explain: () => 'Requests are refused with HTTP 401 Unauthorized, as if the credentials were wrong.',
  respond: (_f, ctx, res) => sendUnauthorized(res, ctx.server),
};
