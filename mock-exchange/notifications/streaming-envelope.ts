import type { EwsError } from '../../ews/errors.ts';
import { NS } from '../../ews/namespaces.ts';
import { DEFAULT_SERVER_VERSION, errorMessage, responseMessages, successMessage } from '../../ews/soap-response.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import type { ChangeEvent } from './change-log.ts';
import { eventXml } from './notification-xml.ts';

export type ConnectionStatus = 'OK' | 'Closed';

/**
 * One chunk of a GetStreamingEvents response: a complete envelope with the unprefixed
 * `<Envelope xmlns=...>` root Exchange sends (ews-javascript-api finds messages by "<Envelope").
 */
export function streamingEnvelope(message: string): string {
  return el(
    'Envelope',
    { xmlns: NS.soap },
    el(
      'soap11:Header',
      { 'xmlns:soap11': NS.soap },
      el('ServerVersionInfo', { xmlns: NS.t, ...DEFAULT_SERVER_VERSION }),
    ),
    el('soap11:Body', { 'xmlns:soap11': NS.soap }, responseMessages('GetStreamingEvents', message)),
  );
}

const MESSAGE = 'GetStreamingEventsResponseMessage';

export function connectionStatusChunk(status: ConnectionStatus): string {
  return streamingEnvelope(successMessage(MESSAGE, txt('m:ConnectionStatus', status)));
}

/** Events for several subscriptions; on the wire Notification is in the messages namespace (schema says t:). */
export function notificationsChunk(groups: { subscriptionId: string; events: ChangeEvent[] }[]): string {
  return streamingEnvelope(
    successMessage(
      MESSAGE,
      el(
        'm:Notifications',
        null,
        groups.map((g) =>
          el('m:Notification', null, txt('t:SubscriptionId', g.subscriptionId), g.events.map(eventXml)),
        ),
      ),
    ),
  );
}

/** An error for some subscriptions (ErrorSubscriptionIds) or the whole connection; always HTTP 200. */
export function errorChunk(err: EwsError, subscriptionIds: string[] = [], closed = false): string {
  return streamingEnvelope(
    errorMessage(
      MESSAGE,
      err.code,
      { message: err.message, values: err.messageXml },
      subscriptionIds.length
        ? el(
            'm:ErrorSubscriptionIds',
            null,
            subscriptionIds.map((id) => txt('m:SubscriptionId', id)),
          )
        : '',
      closed ? txt('m:ConnectionStatus', 'Closed') : '',
    ),
  );
}
