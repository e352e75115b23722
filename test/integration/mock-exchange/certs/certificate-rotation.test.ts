import { connect, type TLSSocket } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { observe } from '../../../support/fault-helpers.ts';
import { startMock } from '../../../support/mock-server.ts';
import { SVC } from '../../../support/test-org.ts';
import { tlsOutcome } from '../../../support/tls-probe.ts';
import { waitUntil } from '../../../support/wait-until.ts';

/** One HTTP/1.1 GET over an already open TLS connection; resolves to the status line. */
function getOver(socket: TLSSocket, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (d: Buffer) => {
      text += d.toString();
      if (text.includes('</html>')) {
        socket.off('data', onData);
        resolve(text.split('\r\n')[0] ?? '');
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    // IIS authenticates the service page too.
    const basic = Buffer.from(`${SVC.user}:${SVC.password}`).toString('base64');
    socket.write(`GET /EWS/Exchange.asmx HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Basic ${basic}\r\n\r\n`);
  });
}

/** Connect (optionally resuming a saved session); resolves to the outcome and the session ticket received. */
function connectWithSession(mock: MockExchange, session?: Buffer) {
  const s = mock.org.server('ex1')!;
  return new Promise<{ ok: boolean; code?: string; reused?: boolean; session?: Buffer }>((resolve) => {
    let ticket: Buffer | undefined;
    const socket = connect({ host: s.ip, port: s.port, servername: s.fqdn, ca: [mock.pki.root.pem], session });
    socket.on('session', (t: Buffer) => {
      ticket = t;
    });
    socket.once('secureConnect', () => {
      const reused = socket.isSessionReused();
      // TLS 1.3 tickets arrive after a full handshake (none after a resumption): read until they are in.
      void waitUntil(() => reused || ticket !== undefined).then(() => {
        socket.destroy();
        resolve({ ok: true, reused, session: ticket });
      });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, code: err.code }));
  });
}

describe('switching a server certificate profile at run time', () => {
  let mock: MockExchange;
  const outcome = (server: string) => {
    const s = mock.org.server(server)!;
    return tlsOutcome(s.ip, s.port, s.fqdn, [mock.pki.root.pem]);
  };
  beforeEach(async () => {
    mock = await startMock();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('Exchange regenerated its certificate: new connections to ex1 see it; open connections and ex2 are untouched', async () => {
    const open1 = observe(mock, 'ex1');
    const open2 = observe(mock, 'ex2');
    await waitUntil(() => open1.secure && open2.secure);
    const profile = await mock.setCertificateProfile('ex1', 'regenerated');
    expect(profile.status).toBe('Failed - Bad Certificates');
    expect(await outcome('ex1')).toMatchObject({ ok: false, code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(await outcome('ex2')).toEqual({ ok: true });
    expect(await getOver(open1.socket, 'ex1.example.test')).toBe('HTTP/1.1 200 OK');
    expect(await getOver(open2.socket, 'ex2.example.test')).toBe('HTTP/1.1 200 OK');
    expect(open1.socket.getPeerCertificate().issuer.CN).toBe('pgsim Lab Issuing CA');
    expect(mock.org.server('ex1')!.certificate).toBe('regenerated');
    expect(mock.journal.entries({ source: 'server:ex1' }).at(-1)?.message).toBe('certificate profile regenerated');
    open1.socket.destroy();
    open2.socket.destroy();
  });

  it('a saved TLS session does not resume past a rotation: the client verifies the new certificate', async () => {
    const first = await connectWithSession(mock);
    expect(first.ok).toBe(true);
    const again = await connectWithSession(mock, first.session);
    expect(again).toMatchObject({ ok: true, reused: true });
    await mock.setCertificateProfile('ex1', 'missing-intermediate');
    expect(await connectWithSession(mock, first.session)).toEqual({
      ok: false,
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('weak profiles switch in too (security level 0, TLS 1.2 at most), and reset returns to valid with no faults', async () => {
    await mock.setCertificateProfile('ex1', 'rsa-512');
    expect(await outcome('ex1')).toMatchObject({
      ok: false,
      code: 'UNSPECIFIED',
      message: /EE certificate key too weak/,
    });
    await mock.setCertificateProfile('ex1', 'tls-1.0-only');
    expect(await outcome('ex1')).toMatchObject({ ok: false, code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
    await mock.faults.set('ex1', [{ type: 'latency', latency: 10 }]);
    await mock.reset('ex1');
    expect(mock.certificates.profile('ex1').name).toBe('valid');
    expect(mock.faults.list('ex1')).toEqual([]);
    expect(await outcome('ex1')).toEqual({ ok: true });
  });

  it('an unknown profile is refused naming the field and the allowed values, and nothing changes', async () => {
    await mock.setCertificateProfile('ex1', 'san-mismatch');
    await expect(mock.setCertificateProfile('ex1', 'self-signed')).rejects.toThrow(
      /^profile: unknown certificate profile "self-signed"; allowed: valid, exchange-self-signed, missing-intermediate, .*tls-1\.0-only$/,
    );
    await expect(mock.setCertificateProfile('ex9', 'valid')).rejects.toThrow(
      /^server: unknown server "ex9"; known: ex1, ex2$/,
    );
    expect(mock.certificates.profile('ex1').name).toBe('san-mismatch');
    expect(await outcome('ex1')).toMatchObject({ ok: false, code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });
});
