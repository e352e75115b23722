import { describe, expect, it } from 'vitest';
import { folderTree } from '../../../../mock-exchange/folder-tree.ts';
import { Organization } from '../../../../mock-exchange/organization.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { IdGenerator } from '../../../../sim/ids.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

/** Every id an organization hands out at start: folders, items, change keys, UIDs. */
function idsOf(org: Organization): string[] {
  return [...org.mailboxes.values()].flatMap((mbx) => [
    mbx.ids.guid,
    ...[...folderTree(mbx).folders()].flatMap((f) => [f.id, f.changeKey]),
    ...mbx.calendar.items().flatMap((i) => [i.id, i.changeKey, i.uid]),
  ]);
}

describe('an organization restarted with the same seed hands out the same ids', () => {
  const start = (seed: string) => new Organization(testOrgConfig(), new VirtualClock(), new IdGenerator(seed));

  it('same seed, same ids; another seed, none in common', () => {
    const first = idsOf(start('lab-1'));
    expect(first.length).toBeGreaterThan(20);
    expect(idsOf(start('lab-1'))).toEqual(first);
    const other = new Set(idsOf(start('lab-2')));
    expect(first.filter((id) => other.has(id))).toEqual([]);
  });

  it('ids are unique across the organization', () => {
    const ids = idsOf(start('lab-1')).filter((id) => id.startsWith('AAMk'));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
