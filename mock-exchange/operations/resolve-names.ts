import { fault } from '../../ews/errors.ts';
import { errorMessage, responseMessages, successMessage } from '../../ews/soap-response.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import type { EwsOperation } from '../operation.ts';
import type { Mailbox, Organization } from '../organization.ts';

const SEARCH_SCOPES = ['ActiveDirectory', 'ActiveDirectoryContacts', 'Contacts', 'ContactsActiveDirectory'] as const;
/** ArrayOfResolutionType allows at most 100 Resolution elements. */
const MAX_RESOLUTIONS = 100;

/**
 * Ambiguous name resolution over the organization's mailboxes, case-insensitive: an entry with "@" must
 * equal the SMTP address; otherwise it is a prefix of the local part, of the display name, or of any
 * word of the display name (as ANR matches alias, displayName, givenName and sn).
 */
export function resolveMailboxes(org: Organization, entry: string): Mailbox[] {
  const q = entry
    .trim()
    .replace(/^smtp:/i, '')
    .toLowerCase();
  if (q === '') return [];
  const matches = [...org.mailboxes.values()].filter((m) => {
    if (q.includes('@')) return m.address === q;
    const name = m.displayName.toLowerCase();
    const local = m.address.split('@')[0] ?? '';
    return local.startsWith(q) || name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
  });
  return matches.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.address.localeCompare(b.address));
}

function resolutionXml(mbx: Mailbox, fullContact: boolean): string {
  return el(
    't:Resolution',
    null,
    el(
      't:Mailbox',
      null,
      txt('t:Name', mbx.displayName),
      txt('t:EmailAddress', mbx.address),
      txt('t:RoutingType', 'SMTP'),
      txt('t:MailboxType', 'Mailbox'),
    ),
    fullContact &&
      el(
        't:Contact',
        null,
        txt('t:DisplayName', mbx.displayName),
        el('t:EmailAddresses', null, txt('t:Entry', `SMTP:${mbx.address}`, { Key: 'EmailAddress1' })),
        txt('t:ContactSource', 'ActiveDirectory'),
      ),
  );
}

/** ResolveNames: a "does this mailbox exist" probe; one match is Success, several a Warning, none an Error. */
export const ResolveNames: EwsOperation = {
  name: 'ResolveNames',
  handle(ctx) {
    const body = ctx.request.body;
    const entry = body.textAt('UnresolvedEntry');
    if (!entry) {
      throw fault(
        'ErrorSchemaValidation',
        'The request failed schema validation: ResolveNames/UnresolvedEntry is missing or empty.',
      );
    }
    const scope = body.attr('SearchScope') ?? 'ActiveDirectoryContacts';
    if (!SEARCH_SCOPES.some((s) => s === scope)) {
      throw fault(
        'ErrorSchemaValidation',
        `The request failed schema validation: ResolveNames/@SearchScope "${scope}" is not one of ${SEARCH_SCOPES.join(', ')}.`,
      );
    }
    const fullContact = ['true', '1'].includes(body.attr('ReturnFullContactData')?.trim() ?? '');
    // The mailboxes' Contacts folders are empty here, so a Contacts-only search finds nothing.
    const found = scope === 'Contacts' ? [] : resolveMailboxes(ctx.org, entry);
    const name = 'ResolveNamesResponseMessage';
    if (found.length === 0) return responseMessages('ResolveNames', errorMessage(name, 'ErrorNameResolutionNoResults'));
    const shown = found.slice(0, MAX_RESOLUTIONS);
    const set = el(
      'm:ResolutionSet',
      { TotalItemsInView: found.length, IncludesLastItemInRange: shown.length === found.length },
      shown.map((m) => resolutionXml(m, fullContact)),
    );
    if (found.length === 1) return responseMessages('ResolveNames', successMessage(name, set));
    return responseMessages(
      'ResolveNames',
      errorMessage(name, 'ErrorNameResolutionMultipleResults', { responseClass: 'Warning' }, set),
    );
  },
};
