import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigDatabase } from '../../../../gateway/config/config-database.ts';
import { ImpConfig } from '../../../../gateway/config/imp-config.ts';
import { runSelect } from '../../../../gateway/config/run-sql.ts';
import { GatewayError } from '../../../../gateway/gateway-error.ts';
import { OrganizationPki } from '../../../../mock-exchange/certs/organization-pki.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { IdGenerator } from '../../../../sim/ids.ts';

const START = Date.UTC(2030, 4, 6, 8, 0, 0);

function expectGatewayError(fn: () => unknown, code: string, field?: string): GatewayError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe(code);
    if (field) expect((err as GatewayError).field).toBe(field);
    return err as GatewayError;
  }
  throw new Error(`expected GatewayError ${code}`);
}

describe('IM&P configuration database', () => {
  let clock: VirtualClock;
  let config: ImpConfig;
  beforeEach(() => {
    clock = new VirtualClock(START);
    config = ImpConfig.open(':memory:', clock);
  });

  describe('pebackendgateway', () => {
    it('adds EWS gateways in order with default port 443 and the active locale word', () => {
      const a = config.addGateway({ host: 'EX1.example.test' });
      const b = config.addGateway({ host: '127.0.10.2', port: '8444', description: 'second' });
      expect(a).toMatchObject({
        host: 'ex1.example.test',
        port: 443,
        order: 1,
        type: 'Exchange - EWS Server',
        localecalendarname: 'Calendar',
      });
      expect(b).toMatchObject({ host: '127.0.10.2', port: 8444, order: 2, description: 'second' });
      expect(config.gateways.list().map((g) => g.host)).toEqual(['ex1.example.test', '127.0.10.2']);
    });

    it('fixes localecalendarname when the gateway is added; a later locale change does not alter it', () => {
      config.settings.set('active_locale', 'de_DE');
      const gw = config.addGateway({ host: 'ex1.example.test' });
      expect(gw.localecalendarname).toBe('Kalender');
      config.settings.set('active_locale', 'en_US');
      config.gateways.update(gw.id, { description: 'edited' });
      expect(config.gateways.require(gw.id).localecalendarname).toBe('Kalender');
    });

    it.each([
      ['', 'INVALID_HOST'],
      ['bad host', 'INVALID_HOST'],
      ['999.1.1.1', 'INVALID_HOST'],
      ['exchange', 'INVALID_HOST'],
    ])('refuses host %j with %s and changes nothing', (host, code) => {
      expectGatewayError(() => config.addGateway({ host }), code, 'host');
      expect(config.gateways.list()).toEqual([]);
    });

    it.each([0, 70000, -1, 'abc', 1.5])('refuses port %j', (port) => {
      expectGatewayError(
        () => config.addGateway({ host: 'ex1.example.test', port: port as number }),
        'INVALID_PORT',
        'port',
      );
      expect(config.gateways.list()).toEqual([]);
    });

    it('refuses a duplicate host:port, on add and on update', () => {
      config.addGateway({ host: 'ex1.example.test' });
      const other = config.addGateway({ host: 'ex2.example.test' });
      expectGatewayError(() => config.addGateway({ host: 'EX1.example.test', port: 443 }), 'DUPLICATE_GATEWAY');
      expectGatewayError(() => config.gateways.update(other.id, { host: 'ex1.example.test' }), 'DUPLICATE_GATEWAY');
      expect(config.gateways.require(other.id).host).toBe('ex2.example.test');
    });

    it('every change bumps the generation the running engine compares against', () => {
      const g0 = config.db.generation();
      const gw = config.addGateway({ host: 'ex1.example.test' });
      config.gateways.update(gw.id, { port: 8443 });
      config.gateways.delete(gw.id);
      expect(config.db.generation()).toBe(g0 + 3);
      expectGatewayError(() => config.gateways.delete(gw.id), 'UNKNOWN_GATEWAY');
      expect(config.db.generation()).toBe(g0 + 3);
    });

    it('shares one impersonation account across gateways', () => {
      config.gateways.setAccount('svc-imp', 'one');
      config.gateways.setAccount('svc-imp2', 'two');
      expect(config.gateways.account()).toEqual({ accountName: 'svc-imp2', password: 'two', authMethod: 'Basic' });
      expectGatewayError(() => config.gateways.setAccount(' ', 'x'), 'INVALID_VALUE', 'accountName');
    });

    it('rolls back a transaction as a whole when a nested step fails', () => {
      expect(() =>
        config.db.transaction(() => {
          config.gateways.setAccount('svc-imp', 'pw');
          config.addGateway({ host: 'not valid' });
        }),
      ).toThrow(GatewayError);
      expect(config.gateways.account()).toBeUndefined();
    });
  });

  describe('service parameters', () => {
    it('has IM&P defaults', () => {
      expect(config.parameters.get()).toMatchObject({
        notificationPort: 50020,
        calendarSpread: 50,
        exchangeTimeout: 3,
        exchangeQueue: 2200,
        exchangeThreads: 60,
        ewsStatusFrequency: 60,
        calendarOutOfOffice: false,
      });
    });

    it('checks every value before writing any', () => {
      expectGatewayError(
        () => config.parameters.set({ exchangeTimeout: 5, calendarSpread: 60 }),
        'PARAMETER_OUT_OF_RANGE',
        'calendarSpread',
      );
      expect(config.parameters.get().exchangeTimeout).toBe(3);
      expectGatewayError(() => config.parameters.set({ nope: 1 }), 'UNKNOWN_PARAMETER');
      expect(config.parameters.set({ exchangeTimeout: '20', calendarOutOfOffice: 'on' })).toMatchObject({
        exchangeTimeout: 20,
        calendarOutOfOffice: true,
      });
    });
  });

  describe('trust store', () => {
    const pki = new OrganizationPki(new VirtualClock(START), new IdGenerator('trust'));

    it('uploads a PEM bundle and lists it with subject, issuer and fingerprint', () => {
      const added = config.trust.upload('cup-trust', 'chain.pem', pki.caChainPem.join('\n'));
      expect(added).toHaveLength(2);
      const listed = config.trust.list('cup-trust');
      expect(listed.map((c) => c.subject)).toEqual([
        'CN=pgsim Lab Issuing CA\nO=pgsim Lab',
        'CN=pgsim Lab Root CA\nO=pgsim Lab',
      ]);
      expect(listed[0]?.fingerprint).toBe(new X509Certificate(pki.issuing.pem).fingerprint256);
      expect(config.trust.list('tomcat-trust')).toEqual([]);
    });

    it('accepts DER', () => {
      const der = new X509Certificate(pki.root.pem).raw;
      expect(config.trust.upload('tomcat-trust', 'root.der', der)[0]?.isCA).toBe(true);
    });

    it.each([
      ['garbage', Buffer.from('hello world'), 'NOT_A_CERTIFICATE'],
      ['a key', Buffer.from('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n'), 'NOT_A_CERTIFICATE'],
      [
        'broken PEM',
        Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
        'NOT_A_CERTIFICATE',
      ],
    ])('refuses %s and leaves the store unchanged', (_name, data, code) => {
      config.trust.upload('cup-trust', 'root.pem', pki.root.pem);
      const before = config.trust.list();
      expectGatewayError(() => config.trust.upload('cup-trust', 'x.pem', data), code, 'file');
      expect(config.trust.list()).toEqual(before);
    });

    it('refuses a bundle holding a duplicate, writing none of it', () => {
      config.trust.upload('cup-trust', 'root.pem', pki.root.pem);
      const err = expectGatewayError(
        () => config.trust.upload('cup-trust', 'chain.pem', pki.caChainPem.join('\n')),
        'DUPLICATE_CERTIFICATE',
      );
      expect(err.message).toContain('pgsim Lab Root CA');
      expect(config.trust.list('cup-trust')).toHaveLength(1);
    });

    it('refuses an expired CA (judged by the sim clock)', () => {
      clock.advance(25 * 365 * 86_400_000);
      const err = expectGatewayError(() => config.trust.upload('cup-trust', 'root.pem', pki.root.pem), 'EXPIRED_CA');
      expect(err.message).toMatch(/CA certificate "pgsim Lab Root CA" expired/);
      expect(config.trust.list()).toEqual([]);
    });

    it('deletes by subject CN or fingerprint prefix; ambiguity and unknowns are errors', () => {
      config.trust.upload('cup-trust', 'chain.pem', pki.caChainPem.join('\n'));
      expectGatewayError(() => config.trust.delete('cup-trust', 'chain.pem'), 'UNKNOWN_CERTIFICATE');
      expect(config.trust.delete('cup-trust', 'pgsim Lab Root CA').subject).toContain('Root CA');
      const fp = config.trust.list('cup-trust')[0]!.fingerprint;
      config.trust.delete('cup-trust', fp.replace(/:/g, '').slice(0, 12).toLowerCase());
      expect(config.trust.list()).toEqual([]);
      expectGatewayError(() => config.trust.delete('cup-trust', 'nothing'), 'UNKNOWN_CERTIFICATE');
    });
  });

  describe('run sql', () => {
    it('prints a SELECT and refuses everything else', () => {
      const dir = mkdtempSync(join(tmpdir(), 'pgsim-sql-'));
      const onDisk = ImpConfig.open(dir, clock);
      onDisk.addGateway({ host: 'ex1.example.test' });
      const ro = ConfigDatabase.open(dir, { readonly: true });
      expect(runSelect(ro, 'SELECT presencegateway, localecalendarname FROM pebackendgateway;')).toEqual({
        columns: ['presencegateway', 'localecalendarname'],
        rows: [['ex1.example.test', 'Calendar']],
      });
      for (const sql of [
        'DELETE FROM pebackendgateway',
        'SELECT 1; DELETE FROM pebackendgateway',
        'PRAGMA query_only = OFF',
        '',
      ]) {
        expectGatewayError(() => runSelect(ro, sql), 'NOT_A_SELECT');
      }
      expectGatewayError(
        () => runSelect(ro, "WITH x AS (SELECT 1) INSERT INTO enduser (userid, mailid) SELECT 'a', 'b'"),
        'NOT_A_SELECT',
      );
      expectGatewayError(() => runSelect(ro, 'SELECT * FROM nosuchtable'), 'SQL_ERROR');
      expect(onDisk.gateways.list()).toHaveLength(1);
      ro.close();
      onDisk.close();
      rmSync(dir, { recursive: true, force: true });
    });
  });
});
