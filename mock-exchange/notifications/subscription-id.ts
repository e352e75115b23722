/**
 * Subscription ids shaped like Exchange's: the FQDN of the mailbox server holding the subscription
 * (UTF-16 length-prefixed) followed by a 16-byte GUID, in base64.
 */
export function encodeSubscriptionId(serverFqdn: string, guid: Buffer): string {
  const name = Buffer.from(serverFqdn, 'utf8');
  const head = Buffer.alloc(2);
  head.writeUInt16LE(name.length);
  const guidLength = Buffer.alloc(4);
  guidLength.writeUInt32LE(guid.length);
  return Buffer.concat([head, name, guidLength, guid]).toString('base64');
}

/** The server FQDN inside a subscription id, or undefined when the id is not shaped like ours. */
export function subscriptionIdServer(id: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return undefined;
  const raw = Buffer.from(id, 'base64');
  if (raw.length < 2) return undefined;
  const n = raw.readUInt16LE(0);
  if (raw.length < 2 + n + 4) return undefined;
  return raw.subarray(2, 2 + n).toString('utf8');
}
