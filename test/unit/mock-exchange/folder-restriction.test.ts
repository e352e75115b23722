import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../ews/errors.ts';
import { parseXml } from '../../../ews/soap-request.ts';
import { compileFolderRestriction, type FolderProperties } from '../../../mock-exchange/folder-restriction.ts';

const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const kalender: FolderProperties = {
  'folder:DisplayName': 'Kalender',
  'folder:FolderClass': 'IPF.Appointment',
  'folder:TotalCount': 3,
  'folder:ChildFolderCount': 0,
};
const top: FolderProperties = {
  'folder:DisplayName': 'Top of Information Store',
  'folder:FolderClass': undefined,
  'folder:TotalCount': 0,
  'folder:ChildFolderCount': 1,
};

async function compile(expr: string) {
  return compileFolderRestriction(await parseXml(`<m:Restriction xmlns:m="m" xmlns:t="${T}">${expr}</m:Restriction>`));
}
const field = (f: string) => `<t:FieldURI FieldURI="folder:${f}"/>`;
const constant = (v: string) => `<t:FieldURIOrConstant><t:Constant Value="${v}"/></t:FieldURIOrConstant>`;

describe('FindFolder restrictions', () => {
  it('IsEqualTo on DisplayName ignores case; numbers compare as numbers', async () => {
    const is = await compile(`<t:IsEqualTo>${field('DisplayName')}${constant('KALENDER')}</t:IsEqualTo>`);
    expect([is(kalender), is(top)]).toEqual([true, false]);
    const many = await compile(`<t:IsGreaterThan>${field('TotalCount')}${constant('10')}</t:IsGreaterThan>`);
    expect(many({ ...kalender, 'folder:TotalCount': 9 })).toBe(false);
    expect(many({ ...kalender, 'folder:TotalCount': 11 })).toBe(true);
  });

  it('combines And, Or, Not and Exists; a missing property is not equal to anything', async () => {
    const p = await compile(
      `<t:And><t:Exists>${field('FolderClass')}</t:Exists><t:Not><t:IsEqualTo>${field('DisplayName')}${constant('Calendar')}</t:IsEqualTo></t:Not></t:And>`,
    );
    expect([p(kalender), p(top)]).toEqual([true, false]);
    const ne = await compile(`<t:IsNotEqualTo>${field('FolderClass')}${constant('IPF.Appointment')}</t:IsNotEqualTo>`);
    expect([ne(kalender), ne(top)]).toEqual([false, true]);
  });

  it('Contains honours ContainmentMode and ContainmentComparison', async () => {
    const contains = (value: string, mode: string, comparison: string) =>
      compile(
        `<t:Contains ContainmentMode="${mode}" ContainmentComparison="${comparison}">${field('DisplayName')}<t:Constant Value="${value}"/></t:Contains>`,
      );
    expect((await contains('lend', 'Substring', 'Exact'))(kalender)).toBe(true);
    expect((await contains('LEND', 'Substring', 'Exact'))(kalender)).toBe(false);
    expect((await contains('LEND', 'Substring', 'IgnoreCase'))(kalender)).toBe(true);
    expect((await contains('lend', 'Prefixed', 'IgnoreCase'))(kalender)).toBe(false);
    expect((await contains('info', 'PrefixOnWords', 'IgnoreCase'))(top)).toBe(true);
    expect((await contains('KÄLENDER', 'FullString', 'IgnoreCaseAndNonSpacingCharacters'))(kalender)).toBe(true);
    expect((await contains('kälender', 'FullString', 'IgnoreCase'))(kalender)).toBe(false);
    expect(
      (await contains('Kalender', 'FullString', 'IgnoreNonSpacingCharacters'))({
        ...kalender,
        'folder:DisplayName': 'Kälender',
      }),
    ).toBe(true);
  });

  it('names the unsupported path or expression in its error', async () => {
    const err = await compile(`<t:IsEqualTo>${field('UnreadCount')}${constant('0')}</t:IsEqualTo>`).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EwsError);
    expect((err as EwsError).code).toBe('ErrorUnsupportedPathForQuery');
    expect((err as EwsError).message).toContain('folder:UnreadCount');
    const bad = await compile(`<t:Excludes>${field('DisplayName')}</t:Excludes>`).catch((e: unknown) => e);
    expect((bad as EwsError).code).toBe('ErrorInvalidRestriction');
    expect((bad as EwsError).message).toContain('Restriction/Excludes');
  });
});
