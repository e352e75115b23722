import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../../gateway/certificates/chain-verifier.ts';
import { DEFAULT_RELEASE, RELEASE_NAMES, releaseProfile } from '../../../../gateway/releases/release-profiles.ts';
import { sslLabel } from '../../../../gateway/status/ssl-label-table.ts';
import { buildChain, type ChainCase, HOST, NOW } from '../../../support/verifier-pki.ts';

/** A chain judged under one release's policy; `jdkRoot` lists the test root as a root bundled with the JDK. */
const judgeUnder = (release: string, c: ChainCase, jdkRoot = false) => {
  const { presented, trusted } = buildChain(c);
  const policy = releaseProfile(release).certificatePolicy;
  const v = verifyChain({ presented, trusted, host: HOST, now: NOW, policy, jdkRoots: jdkRoot ? trusted : [] });
  return { ...v, label: sslLabel(v.outcome) };
};

describe('release profiles (DESIGN §4a): one per IM and Presence release, data with sources', () => {
  it('the eight releases, oldest first; a node runs 15 unless told otherwise', () => {
    expect(RELEASE_NAMES).toEqual(['8.5(1)', '8.5(2)', '9.1', '10.5', '11.5', '12.5', '14', '15']);
    expect(DEFAULT_RELEASE).toBe('15');
    expect(releaseProfile().release).toBe('15');
  });

  it('an unknown release is refused with the list of known ones', () => {
    expect(() => releaseProfile('13')).toThrow(/Unknown IM and Presence release "13"; use one of 8\.5\(1\), .*, 15/);
  });

  it('8.5(1): the chapter validates 50 % subscribing and 30 % simultaneous transitions', () => {
    expect(releaseProfile('8.5(1)').scale).toEqual({ subscribingPercent: 50, transitionsPercent: 30 });
  });

  it.each(['8.5(2)', '9.1', '10.5', '11.5', '12.5', '14', '15'])(
    '%s: the chapter validates 100 % subscribing and 50 % transitions (8.5(2) and later)',
    (release) => {
      expect(releaseProfile(release).scale).toEqual({ subscribingPercent: 100, transitionsPercent: 50 });
    },
  );

  it.each(RELEASE_NAMES)('%s: one source line, users per node, and what could not be confirmed', (release) => {
    const p = releaseProfile(release);
    expect(p.source).not.toMatch(/\n/);
    expect(p.source.length).toBeGreaterThan(20);
    expect(p.usersPerNode).toBeGreaterThan(0);
    expect(p.unconfirmed.length).toBeGreaterThan(0);
    expect(Object.isFrozen(p.certificatePolicy)).toBe(true);
  });

  it('9.1: its EWS client offers NTLMv1 (the 9.1 integration guide), and Basic', () => {
    expect(releaseProfile('9.1').ewsAuthMethods).toEqual(['basic', 'ntlmv1']);
  });

  it.each(['11.5', '12.5', '14', '15'])('%s: NTLMv2 and Basic; NTLMv1 is not documented for it', (release) => {
    expect(releaseProfile(release).ewsAuthMethods).toEqual(['basic', 'ntlmv2']);
  });

  it.each(RELEASE_NAMES)('%s: the calendar folder is found by its localized word (the chapter)', (release) => {
    expect(releaseProfile(release).calendarFolder).toBe('localized-word');
  });

  it.each([
    ['8.5(1)', 'TLSv1'],
    ['10.5', 'TLSv1'],
    ['12.5', 'TLSv1'],
    ['14', 'TLSv1.2'],
    ['15', 'TLSv1.2'],
  ])('%s: the lowest TLS version its Java offers is %s', (release, min) => {
    expect(releaseProfile(release).certificatePolicy.tlsVersions.min).toBe(min);
  });
});

describe('the same certificate under each release profile (JSSE rules, OpenJDK java.security)', () => {
  it.each(RELEASE_NAMES)('%s: a leaf whose EKU lacks serverAuth is Failed - Bad Certificates', (release) => {
    const v = judgeUnder(release, { leaf: { extKeyUsage: 'clientAuth' } });
    expect([v.outcome, v.label]).toEqual(['server-auth-eku', 'Failed - Bad Certificates']);
  });

  it.each(RELEASE_NAMES)('%s: SHA-1 from a private CA is accepted, with a warning', (release) => {
    const v = judgeUnder(release, { leaf: { digest: 'sha1' } });
    expect(v.label).toBe('Verified');
    expect(v.warnings).toEqual([`"${HOST}" is signed with SHA-1 (accepted by policy)`]);
  });

  it.each(RELEASE_NAMES)('%s: SHA-1 in a chain to a root bundled with the JDK is refused', (release) => {
    const v = judgeUnder(release, { leaf: { digest: 'sha1' } }, true);
    expect(v.label).toBe('Failed - Bad Certificates');
    expect(v.detail).toMatch(/signed with sha1WithRSAEncryption in a chain to a root bundled with the JDK$/);
  });

  it.each(RELEASE_NAMES)('%s: a trusted leaf anchors its own path (PKIXValidator)', (release) => {
    expect(judgeUnder(release, { omitIssuing: true, trustRoot: false, trustLeaf: true }).label).toBe('Verified');
  });

  it.each(RELEASE_NAMES)('%s: MD5 is refused, even from a private CA', (release) => {
    expect(judgeUnder(release, { leaf: { digest: 'md5' } }).label).toBe('Failed - Bad Certificates');
  });
});
