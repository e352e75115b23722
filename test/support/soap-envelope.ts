import { NS } from '../../ews/namespaces.ts';

export interface EnvelopeOptions {
  /** RequestServerVersion@Version; null leaves the element out. */
  version?: string | null;
  impersonate?: string;
  /** How ConnectingSID names the mailbox. */
  idKind?: 'SmtpAddress' | 'PrimarySmtpAddress' | 'PrincipalName' | 'SID';
  /** TimeZoneContext/TimeZoneDefinition@Id, as ews-javascript-api sends it for availability. */
  timeZoneId?: string;
  /** Start with the XML declaration (default true). */
  declaration?: boolean;
}

/** A SOAP request envelope shaped like ews-javascript-api's, around one operation element (m:/t: prefixes). */
export function soapEnvelope(operation: string, opts: EnvelopeOptions = {}): string {
  const version = opts.version === undefined ? 'Exchange2013' : opts.version;
  const kind = opts.idKind ?? 'SmtpAddress';
  const header = [
    version === null ? '' : `<t:RequestServerVersion Version="${version}"/>`,
    opts.timeZoneId === undefined
      ? ''
      : `<t:TimeZoneContext><t:TimeZoneDefinition Id="${opts.timeZoneId}"/></t:TimeZoneContext>`,
    opts.impersonate === undefined
      ? ''
      : `<t:ExchangeImpersonation><t:ConnectingSID><t:${kind}>${opts.impersonate}</t:${kind}></t:ConnectingSID></t:ExchangeImpersonation>`,
  ].join('');
  return (
    (opts.declaration === false ? '' : '<?xml version="1.0" encoding="utf-8"?>') +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:xsi="${NS.xsi}" xmlns:m="${NS.m}" xmlns:t="${NS.t}">` +
    `<soap:Header>${header}</soap:Header><soap:Body>${operation}</soap:Body></soap:Envelope>`
  );
}
