import { EXCHANGE_COMMON, type ExchangeFaultDefinition } from './fault.ts';

const { operation: _operation, ...scope } = EXCHANGE_COMMON;

/**
 * Push delivery cannot reach the subscriber's callback URL (firewall, wrong notification port). Declared
 * here as data; the push notification sender asks for it before each SendNotification.
 */
export const callbackUnreachable: ExchangeFaultDefinition = {
  type: 'callback-unreachable',
  layer: 'exchange',
  summary: 'push notifications (SendNotification) cannot reach the subscriber’s callback URL',
  attributes: scope,
  explain: (f) =>
    `The server cannot reach push subscribers${f.mailbox ? ` of ${String(f.mailbox)}` : ''}: ` +
    'every SendNotification fails to connect, and Exchange retries on its schedule.',
};
