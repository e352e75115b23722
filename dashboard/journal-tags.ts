import type { JournalEntry } from '../sim/journal.ts';
import type { TaggedEntry } from './protocol.ts';

export interface TagDirectory {
  /** Exchange servers by name, with the names and addresses a log line may use for them. */
  servers: { name: string; fqdn: string; ip: string }[];
  users: { userId: string; mailbox: string }[];
  /** Presence Gateway id to host, for gateway-side entries that name a gateway by id. */
  gatewayHost(id: string): string | undefined;
}

/** Sources the mock Exchange stamps with a server name: `server:ex1`, `ews:ex1`, `fault:ex1`, ... */
const SERVER_SOURCE = /^(?:server|ews|fault|notifications|autodiscover):(.+)$/;

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Which users and Exchange servers a journal entry is about, from its source, its data fields and the
 * names, addresses and mailboxes its message mentions.
 */
export function journalTagger(dir: () => TagDirectory): (entry: JournalEntry) => TaggedEntry {
  return (entry) => {
    const { servers, users, gatewayHost } = dir();
    const data = entry.data ?? {};
    const text = `${entry.message} ${JSON.stringify(data)}`.toLowerCase();
    const serverTags = new Set<string>();
    const fromSource = SERVER_SOURCE.exec(entry.source)?.[1];
    if (fromSource) serverTags.add(fromSource);
    const gwId = asString(data.gateway);
    const gwHost = gwId ? gatewayHost(gwId)?.toLowerCase() : undefined;
    for (const s of servers) {
      const named = [s.fqdn.toLowerCase(), s.ip, asString(data.server) === s.name ? s.name : ''];
      if (named.some((n) => n !== '' && (text.includes(n) || gwHost === n))) serverTags.add(s.name);
    }
    const userTags = new Set<string>();
    const dataUser = (asString(data.user) ?? asString(data.userId) ?? '').toLowerCase();
    const message = entry.message.toLowerCase();
    for (const u of users) {
      const id = u.userId.toLowerCase();
      if (
        dataUser === id ||
        text.includes(u.mailbox.toLowerCase()) ||
        message.startsWith(`${id} `) ||
        message.startsWith(`${id}:`) ||
        message.includes(`end user ${id} `)
      )
        userTags.add(u.userId);
    }
    return { ...entry, users: [...userTags], servers: [...serverTags] };
  };
}
