import type { EwsContext } from '../ews-context.ts';
import type { EwsOperation } from '../operation.ts';
import type { NotificationCenter } from './notification-center.ts';

/** Wrap operations so a request for a mailbox inside its move window gets ErrorMailboxMoveInProgress. */
export function gateMailboxMoves(
  operations: ReadonlyMap<string, EwsOperation>,
  center: NotificationCenter,
): ReadonlyMap<string, EwsOperation> {
  const check = (ctx: EwsContext) => {
    if (ctx.mailbox) center.assertNotMoving(ctx.mailbox.address);
  };
  return new Map(
    [...operations].map(([name, op]): [string, EwsOperation] => [
      name,
      {
        ...op,
        handle: (ctx) => {
          check(ctx);
          return op.handle(ctx);
        },
        stream: op.stream
          ? (ctx, res) => {
              check(ctx);
              return op.stream?.(ctx, res);
            }
          : undefined,
      },
    ]),
  );
}
