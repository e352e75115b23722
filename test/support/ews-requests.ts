import { NS } from '../../ews/namespaces.ts';

export interface RequestOptions {
  /** RequestServerVersion@Version; null leaves the element out. */
  version?: string | null;
  impersonate?: string;
  /** How ConnectingSID names the mailbox. */
  idKind?: 'SmtpAddress' | 'PrimarySmtpAddress' | 'PrincipalName' | 'SID';
}

/** A request envelope shaped as ews-javascript-api writes it, around one operation element. */
export function ewsRequest(operation: string, opts: RequestOptions = {}): string {
  const version = opts.version === undefined ? 'Exchange2013' : opts.version;
  const kind = opts.idKind ?? 'SmtpAddress';
  const header =
    (version === null ? '' : `<t:RequestServerVersion Version="${version}"/>`) +
    (opts.impersonate === undefined
      ? ''
      : `<t:ExchangeImpersonation><t:ConnectingSID><t:${kind}>${opts.impersonate}</t:${kind}></t:ConnectingSID></t:ExchangeImpersonation>`);
  return (
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:xsi="${NS.xsi}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    `<soap:Header>${header}</soap:Header><soap:Body>${operation}</soap:Body></soap:Envelope>`
  );
}

/** GetFolder for the calendar, as CalendarFolder.Bind sends it. */
export function getCalendarFolder(opts: RequestOptions = {}): string {
  return ewsRequest(
    '<m:GetFolder><m:FolderShape><t:BaseShape>AllProperties</t:BaseShape></m:FolderShape>' +
      '<m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>',
    opts,
  );
}

/** FindItem with a CalendarView on the calendar, as svc.FindAppointments sends it. */
export function findCalendarView(start: string, end: string, opts: RequestOptions = {}, max = 50): string {
  return ewsRequest(
    '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>' +
      `<m:CalendarView MaxEntriesReturned="${max}" StartDate="${start}" EndDate="${end}"/>` +
      '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>',
    opts,
  );
}
