/** Autodiscover namespaces: the wire (and ews-javascript-api) use http://, although MS docs print https://. */
export const AUTODISCOVER_NS = {
  poxRequest: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006',
  poxResponse: 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006',
  poxOutlook: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
  soap: 'http://schemas.microsoft.com/exchange/2010/Autodiscover',
  wsa: 'http://www.w3.org/2005/08/addressing',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** What Autodiscover says about one mailbox: where its EWS endpoint is now. */
export interface MailboxSettings {
  address: string;
  displayName: string;
  /** The home server's name and FQDN. */
  server: string;
  serverFqdn: string;
  internalEwsUrl: string;
  externalEwsUrl: string;
}
