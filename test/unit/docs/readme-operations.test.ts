import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../mock-exchange/operations/index.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README: the mock Exchange', () => {
  it('lists every EWS operation the mock serves, and no other, in its opening paragraph', () => {
    const start = README.indexOf('EWS operations (one file each in `mock-exchange/operations/`)');
    const paragraph = README.slice(start, README.indexOf('\n\n', start));
    const listed = paragraph
      .slice(paragraph.indexOf('prefix:') + 'prefix:'.length, paragraph.indexOf('Any other'))
      .replace(/\([^)]*\)/g, '')
      .split(/,|\band\b/)
      .map((s) => s.replace(/[.\s]/g, ''))
      .filter(Boolean);
    // GetUserAvailability is registered under its request element, GetUserAvailabilityRequest.
    const served = [...OPERATIONS.keys()].map((name) => name.replace(/Request$/, ''));
    expect(listed.sort()).toEqual(served.sort());
  });
});
