import { availability, displayNameIs, findFolder, getFolder, resolveNames } from './ews-request-bodies.ts';
import { ALICE, CAROL, code, faultCode, type ResponseCase } from './response-case.ts';

/** Availability, name resolution, folder search and SOAP faults: every response shape the mock sends. */
export const DIRECTORY_AND_FAULT_CASES: ResponseCase[] = [
  // GetUserAvailability
  {
    name: 'GetUserAvailability FreeBusy with an unknown mailbox',
    body: () => availability(['alice@example.test', 'ghost@example.test', 'carol@example.test'], 'FreeBusy'),
    envelope: { timeZoneId: 'UTC' },
    status: 200,
    contains: code('ErrorMailRecipientNotFound'),
  },
  {
    name: 'GetUserAvailability Detailed',
    body: () => availability(['alice@example.test'], 'Detailed'),
    envelope: { timeZoneId: 'Greenwich Standard Time' },
    status: 200,
    contains: '<t:CalendarEventDetails>',
  },
  {
    name: 'GetUserAvailability DetailedMerged',
    body: () => availability(['alice@example.test'], 'DetailedMerged'),
    envelope: { timeZoneId: 'W. Europe Standard Time' },
    status: 200,
    contains: '<t:MergedFreeBusy>',
  },
  {
    name: 'GetUserAvailability MergedOnly',
    body: () => availability(['bob@example.test'], 'MergedOnly'),
    status: 200,
    contains: '<t:FreeBusyViewType>MergedOnly</t:FreeBusyViewType>',
  },
  {
    name: 'GetUserAvailability with SuggestionsViewOptions',
    body: () =>
      availability(
        ['bob@example.test'],
        'FreeBusy',
        '<t:SuggestionsViewOptions><t:MeetingDurationInMinutes>30</t:MeetingDurationInMinutes><t:DetailedSuggestionsWindow>' +
          '<t:StartTime>2030-05-06T00:00:00</t:StartTime><t:EndTime>2030-05-07T00:00:00</t:EndTime></t:DetailedSuggestionsWindow></t:SuggestionsViewOptions>',
      ),
    status: 200,
    // Bob is free at 08:00 UTC on Monday 6 May 2030, the first half hour of his working day.
    contains:
      '<t:Suggestion><t:MeetingTime>2030-05-06T08:00:00</t:MeetingTime><t:IsWorkTime>true</t:IsWorkTime><t:SuggestionQuality>Excellent</t:SuggestionQuality>',
  },
  {
    name: 'GetUserAvailability fault ErrorInvalidTimeInterval',
    body: () => availability(['bob@example.test'], 'FreeBusy', '', '2030-05-08T00:00:00', '2030-05-06T00:00:00'),
    status: 500,
    contains: faultCode('ErrorInvalidTimeInterval'),
  },
  // ResolveNames
  {
    name: 'ResolveNames one match',
    body: () => resolveNames('bob'),
    status: 200,
    contains: '<t:EmailAddress>bob@example.test</t:EmailAddress>',
  },
  {
    name: 'ResolveNames one match with contact data',
    body: () => resolveNames('carol@example.test', true),
    status: 200,
    contains: '<t:ContactSource>ActiveDirectory</t:ContactSource>',
  },
  {
    name: 'ResolveNames multiple (Warning)',
    body: () => resolveNames('ali'),
    status: 200,
    contains: code('ErrorNameResolutionMultipleResults'),
  },
  {
    name: 'ResolveNames none',
    body: () => resolveNames('nobody-here'),
    status: 200,
    contains: code('ErrorNameResolutionNoResults'),
  },
  // FindFolder
  {
    name: 'FindFolder Kalender under msgfolderroot',
    body: () => findFolder('msgfolderroot', { restriction: displayNameIs('Kalender') }),
    envelope: CAROL,
    status: 200,
    contains: '<t:DisplayName>Kalender</t:DisplayName>',
  },
  {
    name: 'FindFolder no match',
    body: () => findFolder('msgfolderroot', { restriction: displayNameIs('Calendar') }),
    envelope: CAROL,
    status: 200,
    contains: 'TotalItemsInView="0"',
  },
  {
    name: 'FindFolder Deep from root, Default shape',
    body: () => findFolder('root', { traversal: 'Deep', shape: 'Default' }),
    envelope: ALICE,
    status: 200,
    contains: '<t:DisplayName>Top of Information Store</t:DisplayName>',
  },
  {
    name: 'FindFolder IdOnly, fractional page',
    body: () =>
      findFolder('root', {
        traversal: 'Deep',
        shape: 'IdOnly',
        view: '<m:FractionalPageFolderView MaxEntriesReturned="1" Numerator="1" Denominator="2"/>',
      }),
    envelope: ALICE,
    status: 200,
    // 22 folders below root: msgfolderroot, its 13 well-known folders and 3 under Sync Issues; Finder; Recoverable Items and 3.
    contains: 'NumeratorOffset="12" AbsoluteDenominator="22"',
  },
  {
    name: 'FindFolder ErrorFolderNotFound',
    body: () => findFolder('archivemsgfolderroot'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorFolderNotFound'),
  },
  {
    name: 'FindFolder ErrorUnsupportedPathForQuery',
    body: () =>
      findFolder('msgfolderroot', { restriction: '<t:Exists><t:FieldURI FieldURI="folder:UnreadCount"/></t:Exists>' }),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorUnsupportedPathForQuery'),
  },
  // SOAP faults (HTTP 500)
  {
    name: 'fault ErrorInvalidServerVersion',
    body: () => getFolder('calendar'),
    envelope: { ...ALICE, version: 'Exchange1999' },
    status: 500,
    contains: faultCode('ErrorInvalidServerVersion'),
    validRequest: false,
  },
  {
    name: 'fault ErrorImpersonateUserDenied',
    body: () => getFolder('calendar'),
    envelope: CAROL,
    as: { auth: { user: 'svc-ex1-only', password: 'Scoped-Passw0rd' } },
    status: 500,
    contains: faultCode('ErrorImpersonateUserDenied'),
  },
  {
    name: 'fault ErrorImpersonationDenied',
    body: () => getFolder('calendar'),
    envelope: { impersonate: 'bob@example.test' },
    as: { auth: { user: 'alice', password: 'alice-pw' } },
    status: 500,
    contains: faultCode('ErrorImpersonationDenied'),
  },
  {
    name: 'fault ErrorNonExistentMailbox',
    body: () => getFolder('calendar'),
    envelope: { impersonate: 'ghost@example.test' },
    status: 500,
    contains: faultCode('ErrorNonExistentMailbox'),
  },
  {
    name: 'fault ErrorSchemaValidation',
    body: () => '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:GetFolder>',
    raw: true,
    status: 500,
    contains: faultCode('ErrorSchemaValidation'),
    validRequest: false,
  },
  {
    name: 'fault ErrorSchemaValidation for an operation Exchange does not declare',
    body: () => '<m:GetPresence/>',
    status: 500,
    contains:
      '<t:Violation>The &apos;http://schemas.microsoft.com/exchange/services/2006/messages:GetPresence&apos; element is not declared.</t:Violation>',
    validRequest: false,
  },
];
