import { envelope, errorMessage, responseMessages } from '../../ews/soap-response.ts';
import { EXCHANGE_COMMON, type ExchangeFaultDefinition } from './fault.ts';

/** A mailbox being moved between databases or servers refuses requests for a while. */
export const mailboxMoveInProgress: ExchangeFaultDefinition = {
  type: 'mailbox-move-in-progress',
  layer: 'exchange',
  summary: 'HTTP 200 with an ErrorMailboxMoveInProgress ResponseMessage',
  attributes: { ...EXCHANGE_COMMON },
  explain: (f) =>
    `Requests${f.mailbox ? ` on ${String(f.mailbox)}` : ''} get ErrorMailboxMoveInProgress: the mailbox is being moved.`,
  respond: (_f, ctx, res) => {
    const op = ctx.request.operation;
    res
      .status(200)
      .type('text/xml; charset=utf-8')
      .send(envelope(responseMessages(op, errorMessage(`${op}ResponseMessage`, 'ErrorMailboxMoveInProgress'))));
  },
};
