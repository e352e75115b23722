import { createHash } from 'node:crypto';
import type { CalendarIds } from '../calendar.ts';
import { decodeEwsId, encodeEwsId, IdProcessingInstruction } from './ews-id.ts';
import { keptBytes } from './kept-bytes.ts';
import {
  changeKey,
  folderEntryId,
  messageEntryId,
  occurrenceStoreId,
  parseEntryId,
  parseOccurrenceStoreId,
  type StoreIdentity,
  StoreObjectType,
} from './store-object-id.ts';

/** How many occurrence ids are remembered (process-wide): a calendar view asks for the same few again and again. */
export const OCCURRENCE_ID_MEMO_LIMIT = 4096;
// An occurrence id is a pure function of the mailbox, the series id and the start: a remembered one is exact.
const occurrenceIds = new Map<string, string>();

/** Counters below this are the well-known folders'; folders and items made later count from here. */
const FIRST_DYNAMIC_COUNTER = 0x100;

function seeded(seed: string | number, what: string, address: string): Buffer {
  return createHash('sha256').update(`${seed}\0${what}\0${address}`).digest().subarray(0, 16);
}

/** A GUID in "D" format with RFC 4122 version 4 and variant bits, as Exchange's mailbox GUIDs are. */
function guidString(bytes: Buffer): string {
  const b = Buffer.from(bytes);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A mailbox's id space: its GUID, store provider UID and replica GUID (derived from the organization's seed and
 * the address, so a restart with the same seed hands out the same ids), and its global and change counters.
 */
export class MailboxIds implements StoreIdentity {
  readonly guid: string;
  readonly providerUid: Buffer;
  readonly replicaGuid: Buffer;
  #counter = FIRST_DYNAMIC_COUNTER;
  #changeNumber = 0;

  constructor(seed: string | number, address: string) {
    this.guid = guidString(seeded(seed, 'mailbox-guid', address));
    this.providerUid = keptBytes(seeded(seed, 'store-provider-uid', address));
    this.replicaGuid = keptBytes(seeded(seed, 'replica-guid', address));
  }

  /** The EwsId of the folder with this global counter. */
  folderId(counter: number): string {
    return this.#ewsId(IdProcessingInstruction.Normal, folderEntryId(this, counter));
  }

  /** A new folder's id and global counter. */
  newFolderId(): { id: string; counter: number } {
    const counter = this.#counter++;
    return { id: this.folderId(counter), counter };
  }

  /** A new message in the folder with global counter `folderCounter`. */
  newItemId(folderCounter: number): string {
    return this.itemId(folderCounter, this.#counter++);
  }

  /** The message with global counter `counter` in the folder with `folderCounter`. */
  itemId(folderCounter: number, counter: number): string {
    return this.#ewsId(IdProcessingInstruction.Normal, messageEntryId(this, folderCounter, counter));
  }

  /** The id of a series' occurrence, named (as Exchange does) by the occurrence's original start. */
  occurrenceId(seriesId: string, originalStart: number): string {
    const key = `${this.guid} ${seriesId} ${originalStart}`;
    const known = occurrenceIds.get(key);
    if (known !== undefined) return known;
    const series = decodeEwsId(seriesId);
    if (!series) throw new Error(`occurrenceId: "${seriesId}" is not an EwsId`);
    const id = this.#ewsId(IdProcessingInstruction.Recurrence, occurrenceStoreId(series.storeId, originalStart));
    // The oldest goes first: Maps iterate in insertion order.
    if (occurrenceIds.size >= OCCURRENCE_ID_MEMO_LIMIT)
      occurrenceIds.delete(occurrenceIds.keys().next().value as string);
    occurrenceIds.set(key, id);
    return id;
  }

  /** The next change key for an object of this StoreObjectType. */
  nextChangeKey(type: number): string {
    return changeKey(type, this.replicaGuid, ++this.#changeNumber);
  }

  /** How a calendar folder with global counter `folderCounter` names its items and occurrences. */
  calendarIds(folderCounter: number): CalendarIds {
    return new CalendarFolderIds(this, folderCounter);
  }

  #ewsId(instruction: number, storeId: Buffer): string {
    return encodeEwsId({ storage: 'guid', mailbox: this.guid, instruction, storeId });
  }
}

/** A calendar folder's side of its mailbox's id space: one small object per mailbox, its methods shared. */
class CalendarFolderIds implements CalendarIds {
  constructor(
    readonly ids: MailboxIds,
    readonly folderCounter: number,
  ) {}

  newItemId(): string {
    return this.ids.newItemId(this.folderCounter);
  }

  nextChangeKey(): string {
    return this.ids.nextChangeKey(StoreObjectType.CalendarItem);
  }

  occurrenceId(seriesId: string, originalStart: number): string {
    return this.ids.occurrenceId(seriesId, originalStart);
  }

  parseOccurrenceId(id: string): { seriesId: string; originalStart: number } | undefined {
    const parsed = parseEwsId(id);
    return parsed?.kind === 'occurrence' ? parsed : undefined;
  }
}

/** What an EwsId names, with the canonical ids to look it up by. */
export type ParsedEwsId =
  | { kind: 'folder'; mailboxGuid: string; id: string }
  | { kind: 'item'; mailboxGuid: string; id: string }
  | { kind: 'occurrence'; mailboxGuid: string; id: string; seriesId: string; originalStart: number };

/**
 * Read an EwsId (uncompressed or RLE-compressed): undefined when it is not one, which Exchange answers with
 * ErrorInvalidIdMalformed. The ids returned are canonical (uncompressed), as this mock hands them out.
 */
export function parseEwsId(id: string): ParsedEwsId | undefined {
  const parts = decodeEwsId(id);
  if (parts?.storage !== 'guid') return undefined;
  const mailboxGuid = parts.mailbox;
  const canonical = (instruction: number, storeId: Buffer) =>
    encodeEwsId({ storage: 'guid', mailbox: mailboxGuid, instruction, storeId });
  if (parts.instruction === IdProcessingInstruction.Recurrence) {
    const occ = parseOccurrenceStoreId(parts.storeId);
    if (!occ || parseEntryId(occ.seriesEntryId)?.kind !== 'message') return undefined;
    return {
      kind: 'occurrence',
      mailboxGuid,
      id: canonical(parts.instruction, parts.storeId),
      seriesId: canonical(IdProcessingInstruction.Normal, occ.seriesEntryId),
      originalStart: occ.originalStart,
    };
  }
  const entry = parseEntryId(parts.storeId);
  if (!entry) return undefined;
  const kind = entry.kind === 'folder' ? 'folder' : 'item';
  return { kind, mailboxGuid, id: canonical(IdProcessingInstruction.Normal, parts.storeId) };
}
