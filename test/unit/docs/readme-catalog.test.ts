import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_PROFILES } from '../../../mock-exchange/certs/profiles/index.ts';
import { FAULT_DEFINITIONS } from '../../../mock-exchange/faults/index.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The text under a heading, up to the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) return '';
  const level = heading.indexOf(' ');
  const rest = text.slice(start + heading.length + 1);
  const next = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return next === -1 ? rest : rest.slice(0, next);
}

/** Attributes documented once for all faults in the section's introduction. */
const COMMON = ['name', 'toxicity', 'operation', 'mailbox', 'from', 'until'];

describe('README: Broken certificates and faults', () => {
  const catalog = section(README, '## Broken certificates and faults');
  const profiles = section(catalog, '### Certificate profiles');
  const faults = section(catalog, '### Faults');

  it.each([...CERTIFICATE_PROFILES.values()].map((p) => [p.name, p.status]))(
    'profile %s has a row with its status row (%s)',
    (name, status) => {
      const row = profiles.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
      expect(row, `no README row for profile ${name}`).toBeDefined();
      expect(row?.split('|').at(-2)?.trim()).toBe(status);
    },
  );

  it('lists no profile that does not exist', () => {
    const rows = [...profiles.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual([...CERTIFICATE_PROFILES.keys()]);
  });

  it('documents the attributes every fault shares', () => {
    const intro = faults.slice(0, faults.indexOf('#### '));
    for (const attribute of COMMON) expect(intro, attribute).toContain(`\`${attribute}\``);
  });

  it.each([...FAULT_DEFINITIONS.values()].map((d) => [d.type, d]))(
    'fault %s has a heading and documents each of its own attributes',
    (type, def) => {
      const text = section(faults, `#### \`${type}\``);
      expect(text.trim(), `no README section for fault ${type}`).not.toBe('');
      for (const attribute of Object.keys(def.attributes).filter((a) => !COMMON.includes(a))) {
        expect(text, `${type}.${attribute}`).toContain(`\`${attribute}\``);
      }
    },
  );
});
