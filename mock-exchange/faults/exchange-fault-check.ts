import type { Journal } from '../../sim/journal.ts';
import type { EwsContext } from '../ews-context.ts';
import type { HttpReply } from '../http/reply.ts';
import { responseCodesOf } from '../requests/recorded-request.ts';
import type { ExchangeFaultDefinition } from './fault.ts';
import { faultDefinition } from './parse-fault.ts';
import type { ServerFaults } from './server-faults.ts';

/** The fault that answered a request, and the response codes its reply carried. */
export interface FaultAnswer {
  fault: string;
  responseCodes: string[];
}

/** The check the EWS endpoint runs before dispatch: answers with the first Exchange fault that applies. */
export function exchangeFaultCheck(
  faults: ServerFaults,
  journal?: Journal,
): (ctx: EwsContext, res: HttpReply) => FaultAnswer | undefined {
  return (ctx, res) => {
    const fault = faults.forRequest({ operation: ctx.request.operation, mailbox: ctx.mailbox?.address });
    if (!fault) return undefined;
    // The request journal shows the codes the fault's reply carried.
    let sent = '';
    const send = res.send;
    res.send = (body: string) => {
      sent = body;
      return send.call(res, body);
    };
    try {
      (faultDefinition(fault) as ExchangeFaultDefinition).respond?.(fault, ctx, res);
    } finally {
      res.send = send;
    }
    journal?.record('info', `fault:${faults.server}`, `${fault.type} answered ${ctx.request.operation}`, {
      fault: fault.name,
      account: ctx.account.user,
      mailbox: ctx.mailbox?.address,
    });
    return { fault: fault.name, responseCodes: responseCodesOf(sent) };
  };
}
