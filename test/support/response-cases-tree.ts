import { getFolder } from './ews-request-bodies.ts';
import { ALICE, CAROL, code, faultCode, type ResponseCase } from './response-case.ts';

const folderShape = (shape: string) => `<m:FolderShape><t:BaseShape>${shape}</t:BaseShape></m:FolderShape>`;
const itemShape = (shape: string, extra = '') =>
  `<m:ItemShape><t:BaseShape>${shape}</t:BaseShape>${extra}</m:ItemShape>`;
const distinguished = (id: string, mailbox?: string) =>
  mailbox === undefined
    ? `<t:DistinguishedFolderId Id="${id}"/>`
    : `<t:DistinguishedFolderId Id="${id}"><t:Mailbox><t:EmailAddress>${mailbox}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>`;
const subjectContains = (text: string) =>
  `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="item:Subject"/><t:Constant Value="${text}"/></t:Contains>`;
const indexedFind = (
  restriction: string,
  view = '<m:IndexedPageItemView MaxEntriesReturned="10" Offset="0" BasePoint="Beginning"/>',
) =>
  `<m:FindItem Traversal="Shallow">${itemShape('Default')}${view}<m:Restriction>${restriction}</m:Restriction>` +
  `<m:ParentFolderIds>${distinguished('calendar')}</m:ParentFolderIds></m:FindItem>`;
const syncItems = (state = '', max = 10) =>
  `<m:SyncFolderItems>${itemShape('IdOnly', '<t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties>')}` +
  `<m:SyncFolderId>${distinguished('calendar')}</m:SyncFolderId>${state === '' ? '' : `<m:SyncState>${state}</m:SyncState>`}` +
  `<m:MaxChangesReturned>${max}</m:MaxChangesReturned></m:SyncFolderItems>`;

/** The folder tree and the operations general-purpose clients call first: every response shape they get. */
export const TREE_CASES: ResponseCase[] = [
  {
    name: 'GetFolder root AllProperties',
    body: () => getFolder('root'),
    envelope: ALICE,
    status: 200,
    contains: '<t:ChildFolderCount>3</t:ChildFolderCount>',
  },
  {
    name: 'GetFolder several well-known folders, Default shape',
    body: () =>
      `<m:GetFolder>${folderShape('Default')}<m:FolderIds>${['inbox', 'tasks', 'contacts', 'searchfolders', 'recoverableitemsdeletions'].map((id) => distinguished(id)).join('')}</m:FolderIds></m:GetFolder>`,
    envelope: CAROL,
    status: 200,
    contains: '<t:TasksFolder>',
  },
  {
    name: 'GetFolder inbox of another mailbox named by t:Mailbox',
    body: () =>
      `<m:GetFolder>${folderShape('AllProperties')}<m:FolderIds>${distinguished('inbox', 'carol@example.test')}</m:FolderIds></m:GetFolder>`,
    status: 200,
    contains: '<t:DisplayName>Posteingang</t:DisplayName>',
  },
  {
    name: 'GetFolder IdOnly with AdditionalProperties and an ExtendedFieldURI',
    body: () =>
      `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="folder:FolderClass"/>` +
      '<t:FieldURI FieldURI="folder:ParentFolderId"/><t:ExtendedFieldURI PropertyTag="0x3613" PropertyType="String"/></t:AdditionalProperties></m:FolderShape>' +
      `<m:FolderIds>${distinguished('journal')}</m:FolderIds></m:GetFolder>`,
    envelope: ALICE,
    status: 200,
    contains:
      '<t:FolderClass>IPF.Journal</t:FolderClass><t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x3613" PropertyType="String"/><t:Value>IPF.Journal</t:Value></t:ExtendedProperty></t:Folder>',
  },
  {
    name: 'GetFolder publicfoldersroot: ErrorNoPublicFolderReplicaAvailable',
    body: () => getFolder('publicfoldersroot'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorNoPublicFolderReplicaAvailable'),
  },
  {
    name: 'GetFolder publicfoldersroot with a mailbox: ErrorInvalidOperation',
    body: () =>
      `<m:GetFolder>${folderShape('IdOnly')}<m:FolderIds>${distinguished('publicfoldersroot', 'alice@example.test')}</m:FolderIds></m:GetFolder>`,
    status: 200,
    contains: 'It is not valid to specify a mailbox with the public folder root.',
  },
  {
    name: 'GetFolder an id outside DistinguishedFolderIdNameType: fault ErrorSchemaValidation',
    body: () => getFolder('workingset'),
    envelope: ALICE,
    status: 500,
    contains: faultCode('ErrorSchemaValidation'),
    validRequest: false,
  },
  {
    name: 'FindFolder Deep under msgfolderroot restricted to IPF.Note',
    body: () =>
      `<m:FindFolder Traversal="Deep">${folderShape('Default')}<m:Restriction><t:IsEqualTo><t:FieldURI FieldURI="folder:FolderClass"/>` +
      '<t:FieldURIOrConstant><t:Constant Value="IPF.Note"/></t:FieldURIOrConstant></t:IsEqualTo></m:Restriction>' +
      `<m:ParentFolderIds>${distinguished('msgfolderroot')}</m:ParentFolderIds></m:FindFolder>`,
    envelope: ALICE,
    status: 200,
    // Conversation History, Deleted Items, Drafts, Inbox, Junk Email, Outbox, Sent Items, Sync Issues and its 3.
    contains: 'TotalItemsInView="11"',
  },
  {
    name: 'GetServerTimeZones, full data',
    body: () => '<m:GetServerTimeZones ReturnFullTimeZoneData="true"/>',
    status: 200,
    contains:
      '<t:To Kind="Period">trule:Microsoft/Registry/W. Europe Standard Time/1-Daylight</t:To><t:TimeOffset>PT2H</t:TimeOffset><t:Month>3</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek><t:Occurrence>-1</t:Occurrence>',
  },
  {
    name: 'GetServerTimeZones, named ids without full data',
    body: () =>
      '<m:GetServerTimeZones ReturnFullTimeZoneData="false"><m:Ids><t:Id>Tokyo Standard Time</t:Id><t:Id>India Standard Time</t:Id></m:Ids></m:GetServerTimeZones>',
    status: 200,
    contains:
      '<t:TimeZoneDefinition Id="Tokyo Standard Time" Name="(UTC+09:00) Osaka, Sapporo, Tokyo"/><t:TimeZoneDefinition Id="India Standard Time"',
  },
  {
    name: 'ConvertId EwsId to HexEntryId',
    body: (ids) =>
      `<m:ConvertId DestinationFormat="HexEntryId"><m:SourceIds><t:AlternateId Format="EwsId" Id="${ids.weeklySync}" Mailbox="alice@example.test"/></m:SourceIds></m:ConvertId>`,
    status: 200,
    contains: 'Format="HexEntryId" Id="00000000',
  },
  {
    name: 'GetFolder with an item id: ErrorCannotUseItemIdForFolderId',
    body: (ids) =>
      `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:FolderId Id="${ids.weeklySync}"/></m:FolderIds></m:GetFolder>`,
    envelope: ALICE,
    status: 200,
    contains: code('ErrorCannotUseItemIdForFolderId'),
  },
  {
    name: 'ConvertId of a malformed id: ErrorInvalidIdMalformed',
    body: () =>
      '<m:ConvertId DestinationFormat="EntryId"><m:SourceIds><t:AlternateId Format="EwsId" Id="DUMMY" Mailbox="DUMMY"/></m:SourceIds></m:ConvertId>',
    status: 200,
    contains: code('ErrorInvalidIdMalformed'),
  },
  {
    name: 'SyncFolderHierarchy from msgfolderroot',
    body: () => `<m:SyncFolderHierarchy>${folderShape('AllProperties')}</m:SyncFolderHierarchy>`,
    envelope: ALICE,
    status: 200,
    contains: '<t:Create><t:CalendarFolder>',
  },
  {
    name: 'SyncFolderItems on the calendar',
    body: () => syncItems(),
    envelope: ALICE,
    status: 200,
    contains: '<m:IncludesLastItemInRange>true</m:IncludesLastItemInRange><m:Changes><t:Create><t:CalendarItem>',
  },
  {
    name: 'SyncFolderItems with a state not made by this server: ErrorInvalidSyncStateData',
    body: () => syncItems('bm90IGEgc3luYyBzdGF0ZQ=='),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorInvalidSyncStateData'),
  },
  {
    name: 'FindItem IndexedPageItemView with a restriction',
    body: () => indexedFind(subjectContains('sync')),
    envelope: ALICE,
    status: 200,
    // The item cases before these renamed it.
    contains: '<t:Subject>Weekly sync (moved)</t:Subject>',
  },
  {
    name: 'FindItem restriction on a path it cannot query: ErrorUnsupportedPathForQuery',
    body: () => indexedFind('<t:Exists><t:FieldURI FieldURI="item:Body"/></t:Exists>'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorUnsupportedPathForQuery'),
  },
  {
    name: 'FindItem CalendarView with a restriction: ErrorInvalidRestriction',
    body: () =>
      indexedFind(
        subjectContains('sync'),
        '<m:CalendarView StartDate="2030-05-06T00:00:00Z" EndDate="2030-05-07T00:00:00Z"/>',
      ),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorInvalidRestriction'),
  },
  {
    name: 'GetItem AllProperties with an unset ExtendedFieldURI',
    body: (ids) =>
      `<m:GetItem>${itemShape('AllProperties', '<t:AdditionalProperties><t:ExtendedFieldURI PropertyTag="0x37" PropertyType="String"/></t:AdditionalProperties>')}` +
      `<m:ItemIds><t:ItemId Id="${ids.weeklySync}"/></m:ItemIds></m:GetItem>`,
    envelope: ALICE,
    status: 200,
    // The item cases before these renamed it.
    contains: '<t:Subject>Weekly sync (moved)</t:Subject>',
  },
];
