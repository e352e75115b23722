/** EWS request bodies (operation elements, m:/t: prefixes) shaped as ews-javascript-api sends them. */

export const calendarView = (start: string, end: string, max?: number, shape = 'AllProperties') =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>${shape}</t:BaseShape></m:ItemShape>` +
  `<m:CalendarView${max === undefined ? '' : ` MaxEntriesReturned="${max}"`} StartDate="${start}" EndDate="${end}"/>` +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';

export const getItem = (id: string) =>
  '<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>' +
  `<m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

export const getFolder = (id: string) =>
  '<m:GetFolder><m:FolderShape><t:BaseShape>AllProperties</t:BaseShape></m:FolderShape>' +
  `<m:FolderIds><t:DistinguishedFolderId Id="${id}"/></m:FolderIds></m:GetFolder>`;

export function availability(
  addresses: string[],
  view: string,
  extra = '',
  start = '2030-05-06T00:00:00',
  end = '2030-05-08T00:00:00',
): string {
  const mailboxes = addresses
    .map(
      (a) =>
        `<t:MailboxData><t:Email><t:Address>${a}</t:Address></t:Email><t:AttendeeType>Required</t:AttendeeType><t:ExcludeConflicts>false</t:ExcludeConflicts></t:MailboxData>`,
    )
    .join('');
  return (
    `<m:GetUserAvailabilityRequest><m:MailboxDataArray>${mailboxes}</m:MailboxDataArray>` +
    `<t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>${start}</t:StartTime><t:EndTime>${end}</t:EndTime></t:TimeWindow>` +
    `<t:MergedFreeBusyIntervalInMinutes>30</t:MergedFreeBusyIntervalInMinutes><t:RequestedView>${view}</t:RequestedView></t:FreeBusyViewOptions>` +
    `${extra}</m:GetUserAvailabilityRequest>`
  );
}

export const resolveNames = (entry: string, full = false) =>
  `<m:ResolveNames ReturnFullContactData="${full}"><m:UnresolvedEntry>${entry}</m:UnresolvedEntry></m:ResolveNames>`;

export function findFolder(
  parent: string,
  opts: { traversal?: string; shape?: string; restriction?: string; view?: string } = {},
): string {
  return (
    `<m:FindFolder Traversal="${opts.traversal ?? 'Shallow'}"><m:FolderShape><t:BaseShape>${opts.shape ?? 'AllProperties'}</t:BaseShape></m:FolderShape>` +
    `${opts.view ?? '<m:IndexedPageFolderView MaxEntriesReturned="10" Offset="0" BasePoint="Beginning"/>'}` +
    `${opts.restriction === undefined ? '' : `<m:Restriction>${opts.restriction}</m:Restriction>`}` +
    `<m:ParentFolderIds><t:DistinguishedFolderId Id="${parent}"/></m:ParentFolderIds></m:FindFolder>`
  );
}

export const displayNameIs = (name: string) =>
  `<t:IsEqualTo><t:FieldURI FieldURI="folder:DisplayName"/><t:FieldURIOrConstant><t:Constant Value="${name}"/></t:FieldURIOrConstant></t:IsEqualTo>`;
