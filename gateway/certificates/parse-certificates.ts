import { X509Certificate } from 'node:crypto';
import { GatewayError } from '../gateway-error.ts';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Read one or more certificates from PEM (bundles allowed) or DER; anything else is refused by name. */
export function parseCertificates(data: Buffer | string, filename: string): X509Certificate[] {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const text = buf.toString('latin1');
  if (text.includes('-----BEGIN ')) {
    const certs: X509Certificate[] = [];
    let index = 0;
    for (const m of text.matchAll(PEM_BLOCK)) {
      index++;
      if (m[1] !== 'CERTIFICATE') {
        throw new GatewayError(
          'NOT_A_CERTIFICATE',
          `${filename}: block ${index} is a ${m[1]}, not a CERTIFICATE`,
          'file',
        );
      }
      try {
        certs.push(new X509Certificate(m[0]));
      } catch (err) {
        throw new GatewayError(
          'NOT_A_CERTIFICATE',
          `${filename}: block ${index} is not a valid X.509 certificate (${(err as Error).message})`,
          'file',
        );
      }
    }
    if (certs.length === 0)
      throw new GatewayError('NOT_A_CERTIFICATE', `${filename}: no complete PEM CERTIFICATE block found`, 'file');
    return certs;
  }
  try {
    return [new X509Certificate(buf)];
  } catch {
    throw new GatewayError('NOT_A_CERTIFICATE', `${filename}: not a certificate (expected PEM or DER X.509)`, 'file');
  }
}

/** The CN of a distinguished name as Node prints it ("CN=x\nO=y"), else the whole DN on one line. */
export function commonName(dn: string): string {
  const cn = dn.split('\n').find((l) => l.startsWith('CN='));
  return cn ? cn.slice(3) : dn.replace(/\n/g, ', ');
}
