import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname } from 'node:path';

/** A fresh admin token: 32 random bytes, URL-safe (it travels in a dashboard link). */
export function newAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The dashboard's cookie: cookies ignore ports, so the name carries the port (two labs on one host keep theirs). */
export function tokenCookieName(port: number): string {
  return `pgsim_token_${port}`;
}

/** The token a request presents: `Authorization: Bearer <token>`, or (where allowed) the dashboard's cookie. */
export function presentedToken(req: IncomingMessage, cookieName?: string): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  if (!cookieName) return undefined;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === cookieName) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Constant-time comparison, so the time a refusal takes says nothing about the token. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Write a file only its owner may read (0600), atomically, whatever mode an older copy had. */
export function writePrivateFile(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  // The mode option is masked by the umask and ignored for an existing file: set it outright.
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
