import { ALICE, code, faultCode, type ResponseCase } from './response-case.ts';

const userOptions = (name: string, props = 'All') =>
  `<m:GetUserConfiguration><m:UserConfigurationName Name="${name}"><t:DistinguishedFolderId Id="root"/></m:UserConfigurationName>` +
  `<m:UserConfigurationProperties>${props}</m:UserConfigurationProperties></m:GetUserConfiguration>`;
const createFolder = (parent: string, folders: string) =>
  `<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="${parent}"/></m:ParentFolderId><m:Folders>${folders}</m:Folders></m:CreateFolder>`;
const deleteFolder = (id: string) =>
  `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds><t:DistinguishedFolderId Id="${id}"/></m:FolderIds></m:DeleteFolder>`;

/** User configuration and folder management: every response shape a client meets when it sets up. */
export const FOLDER_CASES: ResponseCase[] = [
  {
    name: 'GetUserConfiguration OWA.UserOptions',
    body: () => userOptions('OWA.UserOptions'),
    envelope: ALICE,
    status: 200,
    contains: '<t:Value>timezone</t:Value>',
  },
  {
    name: 'GetUserConfiguration Id and Dictionary',
    body: () => userOptions('OWA.UserOptions', 'Id Dictionary'),
    envelope: ALICE,
    status: 200,
    contains: '<t:ItemId ',
  },
  {
    name: 'GetUserConfiguration of a configuration the mailbox lacks: ErrorItemNotFound',
    body: () => userOptions('OWA.ViewStateConfiguration'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorItemNotFound'),
  },
  {
    name: 'CreateFolder a calendar folder and a mail folder',
    body: () =>
      createFolder(
        'msgfolderroot',
        '<t:CalendarFolder><t:DisplayName>Scratch calendar</t:DisplayName></t:CalendarFolder>' +
          '<t:Folder><t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>Projects</t:DisplayName></t:Folder>',
      ),
    envelope: ALICE,
    status: 200,
    contains: '<t:CalendarFolder><t:FolderId ',
  },
  {
    name: 'CreateFolder again with the same name: ErrorFolderExists',
    body: () => createFolder('msgfolderroot', '<t:Folder><t:DisplayName>Projects</t:DisplayName></t:Folder>'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorFolderExists'),
  },
  {
    name: 'CreateFolder under Finder: ErrorInvalidParentFolder',
    body: () => createFolder('searchfolders', '<t:Folder><t:DisplayName>X</t:DisplayName></t:Folder>'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorInvalidParentFolder'),
  },
  {
    name: 'DeleteFolder a well-known folder: ErrorDeleteDistinguishedFolder',
    body: () => deleteFolder('inbox'),
    envelope: ALICE,
    status: 200,
    contains: code('ErrorDeleteDistinguishedFolder'),
  },
  {
    name: 'DeleteFolder without DeleteType: fault ErrorSchemaValidation',
    body: () => '<m:DeleteFolder><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:DeleteFolder>',
    envelope: ALICE,
    status: 500,
    contains: faultCode('ErrorSchemaValidation'),
    validRequest: false,
  },
  {
    name: 'FindItem on the inbox: NoError, no items',
    body: () =>
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
      '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>',
    envelope: ALICE,
    status: 200,
    contains: '<t:Items/>',
  },
  {
    name: 'FindItem CalendarView on the inbox: ErrorCalendarFolderIsInvalidForCalendarView',
    body: () =>
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
      '<m:CalendarView StartDate="2030-05-01T00:00:00Z" EndDate="2030-05-08T00:00:00Z"/>' +
      '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>',
    envelope: ALICE,
    status: 200,
    contains: code('ErrorCalendarFolderIsInvalidForCalendarView'),
  },
  {
    name: 'GetFolder calendar with extended properties',
    body: () =>
      '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape><t:AdditionalProperties>' +
      '<t:ExtendedFieldURI PropertyTag="0x3613" PropertyType="String"/><t:ExtendedFieldURI PropertyTag="0x3602" PropertyType="Integer"/>' +
      '<t:ExtendedFieldURI PropertyTag="0x3008" PropertyType="SystemTime"/></t:AdditionalProperties></m:FolderShape>' +
      '<m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>',
    envelope: ALICE,
    status: 200,
    contains: '<t:Value>IPF.Appointment</t:Value>',
  },
  {
    name: 'GetItem AllProperties with extended properties',
    body: (ids) =>
      '<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape><t:AdditionalProperties>' +
      '<t:ExtendedFieldURI PropertyTag="0x37" PropertyType="String"/><t:ExtendedFieldURI PropertyTag="0x670a" PropertyType="SystemTime"/>' +
      `</t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="${ids.standUp}"/></m:ItemIds></m:GetItem>`,
    envelope: ALICE,
    status: 200,
    contains: '<t:Value>Stand-up</t:Value>',
  },
  {
    name: 'FindItem restricted on an extended property, sorted on another',
    body: () =>
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
      '<m:IndexedPageItemView MaxEntriesReturned="10" Offset="0" BasePoint="Beginning"/><m:Restriction>' +
      '<t:IsEqualTo><t:ExtendedFieldURI PropertyTag="0x001A" PropertyType="String"/><t:FieldURIOrConstant><t:Constant Value="IPM.Appointment"/></t:FieldURIOrConstant></t:IsEqualTo>' +
      '</m:Restriction><m:SortOrder><t:FieldOrder Order="Descending"><t:ExtendedFieldURI PropertyTag="0x3008" PropertyType="SystemTime"/></t:FieldOrder></m:SortOrder>' +
      '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>',
    envelope: ALICE,
    status: 200,
    contains: 'IncludesLastItemInRange="true"><t:Items><t:CalendarItem>',
  },
];
