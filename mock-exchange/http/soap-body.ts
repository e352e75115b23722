import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';

/** Why a body could not be read: too large, not valid UTF-8, or unreadable (bad charset, broken stream). */
export class BodyError extends Error {
  constructor(
    readonly kind: 'too-large' | 'invalid-utf8' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Read a request body as text, at most `limit` bytes. Exchange's XML reader refuses malformed UTF-8; decoding it
 * to U+FFFD would accept a corrupted request. The rest of a body over the limit is read and dropped.
 */
export function readTextBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      reject(new BodyError('too-large', `The request is larger than ${limit} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      failed = true;
      reject(new BodyError('too-large', `The request is larger than ${limit} bytes.`));
    });
    req.once('error', (err) => {
      if (!failed) reject(new BodyError('unreadable', err.message));
      failed = true;
    });
    req.once('end', () => {
      if (failed) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      const charset = /charset\s*=\s*"?([\w-]+)/i.exec(req.headers['content-type'] ?? '')?.[1] ?? 'utf-8';
      if (/^utf-?8$/i.test(charset)) {
        if (isUtf8(body)) resolve(body.toString('utf8'));
        else reject(new BodyError('invalid-utf8', 'the body is not valid UTF-8'));
        return;
      }
      try {
        resolve(new TextDecoder(charset, { fatal: true }).decode(body));
      } catch {
        reject(new BodyError('unreadable', `unsupported or invalid charset "${charset}"`));
      }
    });
  });
}
