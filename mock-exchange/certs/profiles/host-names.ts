/** The DNS domain a server's FQDN sits in: `ex1.example.test` -> `example.test`. */
export function parentDomain(fqdn: string): string {
  const dot = fqdn.indexOf('.');
  return dot === -1 ? fqdn : fqdn.slice(dot + 1);
}

/** The organization's public mail name, the name certificates are often bought for instead of the server's. */
export function publicMailName(fqdn: string): string {
  return `mail.${parentDomain(fqdn)}`;
}

/** The server's NetBIOS-style short name, upper case, as Exchange puts it in its self-signed certificate. */
export function shortHostName(fqdn: string): string {
  return (fqdn.split('.')[0] ?? fqdn).toUpperCase();
}
