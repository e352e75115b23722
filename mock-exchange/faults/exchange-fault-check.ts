import type { Response } from 'express';
import type { Journal } from '../../sim/journal.ts';
import type { EwsContext } from '../ews-context.ts';
import type { ExchangeFaultDefinition } from './fault.ts';
import { faultDefinition } from './parse-fault.ts';
import type { ServerFaults } from './server-faults.ts';

/** The check the EWS endpoint runs before dispatch: answers with the first Exchange fault that applies. */
export function exchangeFaultCheck(
  faults: ServerFaults,
  journal?: Journal,
): (ctx: EwsContext, res: Response) => boolean {
  return (ctx, res) => {
    const fault = faults.forRequest({ operation: ctx.request.operation, mailbox: ctx.mailbox?.address });
    if (!fault) return false;
    (faultDefinition(fault) as ExchangeFaultDefinition).respond?.(fault, ctx, res);
    journal?.record('info', `fault:${faults.server}`, `${fault.type} answered ${ctx.request.operation}`, {
      fault: fault.name,
      account: ctx.account.user,
      mailbox: ctx.mailbox?.address,
    });
    return true;
  };
}
