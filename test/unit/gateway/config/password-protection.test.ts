import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigDatabase } from '../../../../gateway/config/config-database.ts';
import { ImpConfig } from '../../../../gateway/config/imp-config.ts';
import { hashPassword, scryptCost, verifyPassword } from '../../../../gateway/config/password-hash.ts';
import { runSelect } from '../../../../gateway/config/run-sql.ts';
import { SECRET_KEY_FILE, SecretBox } from '../../../../gateway/config/secret-box.ts';
import { LdapDirectory } from '../../../../gateway/directory/ldap-directory.ts';
import { VirtualClock } from '../../../../sim/clock.ts';

const SERVICE = 'Svc-Passw0rd-7431';
const ALICE = 'alice-secret-9921';
const LDAP = 'ldap-secret-5518';

/** Every file in the data directory, as bytes: the database, its WAL and shm, the key. */
function dataDirBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
}

describe('passwords in the configuration database', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the service account encrypted (recoverable), end users and LDAP users hashed, none in clear in the file', () => {
    const config = ImpConfig.open(dir, new VirtualClock(0));
    config.gateways.setAccount('svc-imp', SERVICE, 'NTLM');
    config.users.add({ userId: 'alice', mailbox: 'alice@example.test', password: ALICE });
    new LdapDirectory(config.db).add({ userId: 'bob', mail: 'bob@example.test', displayName: 'Bob', password: LDAP });
    expect(config.gateways.account()).toEqual({ accountName: 'svc-imp', password: SERVICE, authMethod: 'NTLM' });
    expect(config.users.authenticate('alice', ALICE)?.userId).toBe('alice');
    expect(config.users.authenticate('alice', 'wrong')).toBeUndefined();
    expect(new LdapDirectory(config.db).authenticate('bob', LDAP)).toBe(true);
    expect(new LdapDirectory(config.db).authenticate('bob', 'wrong')).toBe(false);
    const stored = config.db.get<{ password: string }>('SELECT password FROM pegatewayaccount')?.password ?? '';
    expect(stored.startsWith('aes256gcm:')).toBe(true);
    expect(config.db.get<{ password: string }>('SELECT password FROM enduser')?.password).toMatch(/^scrypt\$/);
    config.close();
    const bytes = dataDirBytes(dir);
    for (const pw of [SERVICE, ALICE, LDAP]) expect(bytes.includes(Buffer.from(pw))).toBe(false);
    expect(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('takes LDAP users with a hash made once: each authenticates with the password, a non-hash is refused', () => {
    const config = ImpConfig.open(dir, new VirtualClock(0));
    const ldap = new LdapDirectory(config.db);
    const passwordHash = hashPassword(LDAP);
    ldap.add({ userId: 'bob', mail: 'bob@example.test', displayName: 'Bob', passwordHash });
    ldap.add({ userId: 'carol', mail: 'carol@example.test', displayName: 'Carol', passwordHash });
    expect(ldap.authenticate('bob', LDAP)).toBe(true);
    expect(ldap.authenticate('carol', LDAP)).toBe(true);
    expect(ldap.authenticate('carol', 'wrong')).toBe(false);
    expect(() =>
      ldap.add({ userId: 'dave', mail: 'dave@example.test', displayName: 'Dave', passwordHash: LDAP }),
    ).toThrow('LDAP user "dave": passwordHash is not a password hash');
    expect(ldap.get('dave')).toBeUndefined();
    config.close();
    expect(dataDirBytes(dir).includes(Buffer.from(LDAP))).toBe(false);
  });

  it('migrates a database written with clear passwords when it is opened, leaving no clear copy in the files', () => {
    const old = ConfigDatabase.open(dir);
    // As an older pgsim wrote them: plain text in all three tables.
    old.run("INSERT INTO pegatewayaccount (id, accountname, password) VALUES (1, 'svc-imp', ?)", SERVICE);
    old.run("INSERT INTO enduser (userid, mailid, password) VALUES ('alice', 'alice@example.test', ?)", ALICE);
    old.run("INSERT INTO ldapuser (userid, mail, password) VALUES ('bob', 'bob@example.test', ?)", LDAP);
    old.close();
    expect(dataDirBytes(dir).includes(Buffer.from(SERVICE))).toBe(true);

    const config = ImpConfig.open(dir, new VirtualClock(0));
    expect(config.gateways.account()?.password).toBe(SERVICE);
    expect(config.users.authenticate('alice', ALICE)?.userId).toBe('alice');
    expect(new LdapDirectory(config.db).authenticate('bob', LDAP)).toBe(true);
    config.close();
    const bytes = dataDirBytes(dir);
    for (const pw of [SERVICE, ALICE, LDAP]) expect(bytes.includes(Buffer.from(pw)), pw).toBe(false);
  });

  it('run sql shows every password masked, whatever the column is called', () => {
    const config = ImpConfig.open(dir, new VirtualClock(0));
    config.gateways.setAccount('svc-imp', SERVICE);
    config.users.add({ userId: 'alice', mailbox: 'alice@example.test', password: ALICE });
    config.users.add({ userId: 'carol', mailbox: 'carol@example.test' });
    expect(runSelect(config.db, 'SELECT accountname, password FROM pegatewayaccount').rows).toEqual([
      ['svc-imp', '********'],
    ]);
    expect(runSelect(config.db, 'SELECT userid, password AS p FROM enduser ORDER BY userid').rows).toEqual([
      ['alice', '********'],
      ['carol', ''],
    ]);
    config.close();
  });

  it('refuses a password that is not a string, naming the field', () => {
    const config = ImpConfig.open(':memory:', new VirtualClock(0));
    expect(() =>
      config.users.add({ userId: 'x', mailbox: 'x@example.test', password: { $ne: '' } as unknown as string }),
    ).toThrow('Password must be a string');
    config.close();
  });
});

describe('SecretBox and password hashes', () => {
  it('encrypts with a fresh IV each time and refuses a value sealed under another key', () => {
    const a = new SecretBox(':memory:');
    const one = a.encrypt('same');
    const two = a.encrypt('same');
    expect(one).not.toBe(two);
    expect(a.decrypt(one)).toBe('same');
    expect(() => new SecretBox(':memory:').decrypt(one)).toThrow('does not open this value');
  });

  it('hashes with scrypt N=16384, r=8, p=1 by default, a fresh salt each time', () => {
    expect(scryptCost({})).toBe(16_384);
    expect(() => scryptCost({ PGSIM_SCRYPT_COST: '1000' })).toThrow('PGSIM_SCRYPT_COST must be a power of two >= 1024');
    const h = hashPassword('pw', 16_384);
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(hashPassword('pw', 1024)).not.toBe(hashPassword('pw', 1024));
    expect(verifyPassword('pw', h)).toBe(true);
    expect(verifyPassword('pW', h)).toBe(false);
    expect(verifyPassword('', '')).toBe(false);
    expect(verifyPassword('pw', 'pw')).toBe(false);
  });
});
