import type { CalendarChange } from '../calendar.ts';
import type { Mailbox, Organization } from '../organization.ts';
import { type ChangeEvent, MailboxChangeLog } from './change-log.ts';
import { FOLDER_CHANGE_KEY } from './notification-xml.ts';
import { watermarkTag } from './watermark.ts';

export type ChangeListener = (mailbox: Mailbox, events: ChangeEvent[]) => void;

/**
 * Turns every calendar change of every mailbox into change-log events: the item event, and for
 * creates and deletes a ModifiedEvent of the calendar folder (its item count changed), as Exchange does.
 */
export class ChangeFeed {
  readonly #logs = new Map<string, MailboxChangeLog>();
  readonly #detach: (() => void)[] = [];
  /** Last change key per item, so a DeletedEvent can name the key the item had. */
  readonly #changeKeys = new Map<string, string>();
  /** One clock reader shared by every mailbox's log. */
  readonly #now = () => this.org.clock.now();

  constructor(
    readonly org: Organization,
    readonly seed: string | number,
    readonly retentionMs: number,
    readonly onEvents: ChangeListener,
  ) {
    for (const mbx of org.mailboxes.values()) this.log(mbx);
  }

  /** The change log of a mailbox, attached to its calendar on first use. */
  log(mbx: Mailbox): MailboxChangeLog {
    let log = this.#logs.get(mbx.address);
    if (log) return log;
    log = new MailboxChangeLog(mbx.address, watermarkTag(this.seed, mbx.address), this.#now, this.retentionMs);
    this.#logs.set(mbx.address, log);
    for (const item of mbx.calendar.items()) this.#changeKeys.set(item.id, item.changeKey);
    const listener = (change: CalendarChange) => this.#record(mbx, log, change);
    mbx.calendar.on('change', listener);
    this.#detach.push(() => mbx.calendar.off('change', listener));
    return log;
  }

  close(): void {
    for (const d of this.#detach.splice(0)) d();
  }

  #record(mbx: Mailbox, log: MailboxChangeLog, change: CalendarChange): void {
    const item = mbx.calendar.get(change.itemId);
    const changeKey = item?.changeKey ?? this.#changeKeys.get(change.itemId) ?? FOLDER_CHANGE_KEY;
    if (change.kind === 'deleted') this.#changeKeys.delete(change.itemId);
    else this.#changeKeys.set(change.itemId, changeKey);
    const type =
      change.kind === 'created' ? 'CreatedEvent' : change.kind === 'modified' ? 'ModifiedEvent' : 'DeletedEvent';
    const events = [log.append(type, { kind: 'item', id: change.itemId, changeKey }, mbx.calendarFolderId)];
    if (change.kind !== 'modified') {
      events.push(
        log.append(
          'ModifiedEvent',
          { kind: 'folder', id: mbx.calendarFolderId, changeKey: FOLDER_CHANGE_KEY },
          mbx.rootFolderId,
        ),
      );
    }
    this.onEvents(mbx, events);
  }
}
