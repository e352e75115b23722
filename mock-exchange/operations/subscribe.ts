import { EwsError, fault } from '../../ews/errors.ts';
import { EXCHANGE_RELEASE_FACTS } from '../../ews/server-versions.ts';
import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { txt } from '../../ews/xml-writer.ts';
import { type EwsContext, requireMailbox } from '../ews-context.ts';
import { backEndSetCookie, readAffinity, routeBackEnd } from '../notifications/back-end-affinity.ts';
import { type EventType, isEventType } from '../notifications/event-types.ts';
import { notificationCenterOf } from '../notifications/notification-center.ts';
import type { SubscriptionKind } from '../notifications/subscription.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox } from '../organization.ts';
import { resolveCalendarFolder } from './get-folder.ts';
import { XS_INT } from './request-values.ts';

const KINDS: Record<string, SubscriptionKind> = {
  PullSubscriptionRequest: 'pull',
  PushSubscriptionRequest: 'push',
  StreamingSubscriptionRequest: 'streaming',
};

/** Subscribe: push, pull or streaming notifications on the calendar folder (or all folders) of one mailbox. */
export const Subscribe: EwsOperation = {
  name: 'Subscribe',
  handle(ctx) {
    const requestEl = ctx.request.body.children[0];
    const kind = requestEl && KINDS[requestEl.name];
    if (!requestEl || !kind) {
      throw fault(
        'ErrorSchemaValidation',
        `The request failed schema validation: Subscribe needs PullSubscriptionRequest, PushSubscriptionRequest or StreamingSubscriptionRequest, found ${requestEl ? `<${requestEl.name}>` : 'nothing'}.`,
      );
    }
    const allFolders = requestEl.attr('SubscribeToAllFolders') === 'true';
    const mailbox = subscribedMailbox(ctx, requestEl, allFolders);
    const watermark = requestEl.textAt('Watermark');
    if (watermark !== undefined && kind === 'streaming') {
      throw fault(
        'ErrorSchemaValidation',
        'The request failed schema validation: StreamingSubscriptionRequest has no Watermark element.',
      );
    }
    const center = notificationCenterOf(ctx.org);
    const affinity = readAffinity(ctx.http?.headers ?? {});
    const backEnd = routeBackEnd(ctx.org, ctx.server, affinity, mailbox);
    checkServerPolicy(ctx, kind, center.subscriptionCount(ctx.account.user));
    const sub = center.subscribe({
      kind,
      mailbox,
      account: ctx.account.user,
      eventTypes: eventTypes(requestEl),
      allFolders,
      watermark,
      timeoutMinutes: kind === 'pull' ? minutes(requestEl, 'Timeout', true) : undefined,
      statusFrequencyMinutes: kind === 'push' ? (minutes(requestEl, 'StatusFrequency', false) ?? 30) : undefined,
      url: kind === 'push' ? (requestEl.textAt('URL') ?? '') : undefined,
      callerData: requestEl.textAt('CallerData'),
      backEnd: backEnd?.name,
    });
    // The anchor mailbox's subscription response carries the cookie that routes the group's later requests.
    if (backEnd && affinity.preferServerAffinity && affinity.anchorMailbox) {
      ctx.http?.setHeader('Set-Cookie', backEndSetCookie(backEnd));
    }
    return responseMessages(
      'Subscribe',
      successMessage(
        'SubscribeResponseMessage',
        txt('m:SubscriptionId', sub.id),
        kind === 'streaming' ? '' : txt('m:Watermark', center.log(sub).watermark(sub.cursor)),
      ),
    );
  },
};

/** The one mailbox a subscription watches: the caller's own (or impersonated) one; delegate access is refused. */
function subscribedMailbox(ctx: EwsContext, requestEl: XmlElement, allFolders: boolean): Mailbox {
  const ids = requestEl.child('FolderIds')?.children ?? [];
  if (allFolders) {
    if (ids.length)
      throw fault(
        'ErrorSchemaValidation',
        'The request failed schema validation: SubscribeToAllFolders takes no FolderIds.',
      );
    return requireMailbox(ctx);
  }
  if (ids.length === 0)
    throw fault('ErrorSchemaValidation', 'The request failed schema validation: FolderIds is missing or empty.');
  let mailbox: Mailbox | undefined;
  for (const idEl of ids) {
    const mbx = resolveCalendarFolder(ctx, idEl);
    if ((ctx.mailbox && mbx !== ctx.mailbox) || (mailbox && mbx !== mailbox)) {
      throw new EwsError('ErrorSubscriptionDelegateAccessNotSupported', {
        message: `Subscriptions are not supported for delegate user access: ${mbx.address} is not the caller's mailbox; use impersonation.`,
      });
    }
    mailbox = mbx;
  }
  if (!ctx.mailbox && mailbox) {
    throw new EwsError('ErrorSubscriptionDelegateAccessNotSupported', {
      message: `Subscriptions are not supported for delegate user access to ${mailbox.address}; use impersonation.`,
    });
  }
  return mailbox!;
}

function eventTypes(requestEl: XmlElement): EventType[] {
  const values =
    requestEl
      .child('EventTypes')
      ?.all('EventType')
      .map((e) => e.text.trim()) ?? [];
  if (values.length === 0)
    throw fault('ErrorSchemaValidation', 'The request failed schema validation: EventTypes is missing or empty.');
  for (const v of values) {
    if (!isEventType(v)) {
      throw fault(
        'ErrorSchemaValidation',
        `The request failed schema validation: EventType "${v}" is not a NotificationEventTypeType value.`,
      );
    }
  }
  return values as EventType[];
}

/** Timeout / StatusFrequency: an xs:int of minutes in 1..1440 (schema types). */
function minutes(requestEl: XmlElement, name: string, required: boolean): number | undefined {
  const text = requestEl.textAt(name);
  if (text === undefined) {
    if (required) throw fault('ErrorSchemaValidation', `The request failed schema validation: ${name} is required.`);
    return undefined;
  }
  const n = Number(text);
  if (!XS_INT.test(text) || n < 1 || n > 1440) {
    throw fault(
      'ErrorSchemaValidation',
      `The request failed schema validation: ${name} "${text}" must be an integer from 1 to 1440.`,
    );
  }
  return n;
}

/** What the receiving server's release and throttling policy allow: streaming from 2010 SP1, EWSMaxSubscriptions. */
function checkServerPolicy(ctx: EwsContext, kind: string, active: number): void {
  if (kind === 'streaming' && !EXCHANGE_RELEASE_FACTS[ctx.server.version].streaming) {
    throw new EwsError('ErrorInvalidSubscriptionRequest', {
      message: `Streaming subscriptions need Exchange 2010 SP1 or later; ${ctx.server.name} runs Exchange ${ctx.server.version}.`,
    });
  }
  const max = ctx.server.throttling.EWSMaxSubscriptions;
  if (max !== null && active >= max) {
    throw new EwsError('ErrorExceededSubscriptionCount', {
      message: `You have exceeded the maximum number of subscriptions for your account (EWSMaxSubscriptions ${max}).`,
    });
  }
}
