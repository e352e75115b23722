import { afterEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { schemaTestsEnabled, validateAgainstSchema } from '../../../support/ews-schema.ts';
import { postEws } from '../../../support/https-post.ts';
import { startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';
import { testOrgConfig } from '../../../support/test-org.ts';

const schema = schemaTestsEnabled('EWSFindCountLimit');
const ALICE = 'alice@example.test';
// alice's calendar holds three items unexpanded (Weekly sync, Stand-up master, Offsite); the limit is two.
const LIMIT = 2;

const findItem = (view: string) =>
  `<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>${view}<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>`;
// msgfolderroot holds the thirteen well-known folders Exchange creates under Top of Information Store.
const findFolder = (view: string) =>
  `<m:FindFolder Traversal="Shallow"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>${view}<m:ParentFolderIds><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderIds></m:FindFolder>`;
const pagedFolders = (offset: number) =>
  findFolder(`<m:IndexedPageFolderView MaxEntriesReturned="20" Offset="${offset}" BasePoint="Beginning"/>`);
const paged = (offset: number) =>
  findItem(`<m:IndexedPageItemView MaxEntriesReturned="10" Offset="${offset}" BasePoint="Beginning"/>`);

/**
 * EWSFindCountLimit as Microsoft's "EWS throttling in Exchange" describes it: RequestServerVersion Exchange 2010
 * or earlier gets ErrorServerBusy; from Exchange 2010 SP1 on a paged request gets a partial result set with
 * IncludesLastItemInRange false; ErrorExceededFindCountLimit (the doc's error table) for an unpaged one.
 */
describe('EWSFindCountLimit', () => {
  let mock: MockExchange | undefined;
  afterEach(async () => {
    await mock?.stop();
    mock = undefined;
  });

  async function start(): Promise<MockExchange> {
    const config = testOrgConfig();
    config.servers[0] = { ...config.servers[0]!, throttling: { EWSFindCountLimit: LIMIT } };
    mock = await startMock(config);
    return mock;
  }

  it('a paged FindItem (Exchange2013) gets the first two items, IncludesLastItemInRange false, and pages on to the rest', async () => {
    const m = await start();
    const first = await postEws(m, soapEnvelope(paged(0), { impersonate: ALICE }));
    expect(first.status).toBe(200);
    expect(first.body).toContain(
      '<m:RootFolder IndexedPagingOffset="2" TotalItemsInView="3" IncludesLastItemInRange="false">',
    );
    expect(first.body.match(/<t:CalendarItem>/g)).toHaveLength(2);
    const rest = await postEws(m, soapEnvelope(paged(2), { impersonate: ALICE }));
    expect(rest.body).toContain(
      '<m:RootFolder IndexedPagingOffset="3" TotalItemsInView="3" IncludesLastItemInRange="true">',
    );
    expect(rest.body.match(/<t:CalendarItem>/g)).toHaveLength(1);
    const unpaged = await postEws(m, soapEnvelope(findItem(''), { impersonate: ALICE }));
    expect(unpaged.status).toBe(200);
    expect(unpaged.body).toContain('ResponseClass="Error"');
    expect(unpaged.body).toContain('<m:ResponseCode>ErrorExceededFindCountLimit</m:ResponseCode>');
    const old = await postEws(m, soapEnvelope(paged(0), { impersonate: ALICE, version: 'Exchange2010' }));
    expect(old.status).toBe(200);
    expect(old.body).toContain('<m:ResponseCode>ErrorServerBusy</m:ResponseCode>');
    // Within the limit nothing changes.
    const small = await postEws(
      m,
      soapEnvelope(findItem('<m:IndexedPageItemView MaxEntriesReturned="2" Offset="0" BasePoint="Beginning"/>'), {
        impersonate: ALICE,
        version: 'Exchange2010',
      }),
    );
    expect(small.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
    if (schema) {
      const results = await validateAgainstSchema(
        [first, rest, unpaged, old, small].map((r, i) => ({ name: `case-${i}`, xml: r.body })),
      );
      expect(results.filter((r) => !r.valid)).toEqual([]);
    }
  });

  it('a paged FindFolder (Exchange2013) gets two folders, IncludesLastItemInRange false, and pages on to all thirteen', async () => {
    const m = await start();
    const seen: string[] = [];
    let offset = 0;
    const pages: { status: number; body: string }[] = [];
    for (;;) {
      const reply = await postEws(m, soapEnvelope(pagedFolders(offset), { impersonate: ALICE }));
      pages.push(reply);
      expect(reply.status).toBe(200);
      const ids = [...reply.body.matchAll(/<t:FolderId Id="([^"]+)"/g)].map((x) => x[1]!);
      expect(ids.length).toBeLessThanOrEqual(LIMIT);
      seen.push(...ids);
      offset += ids.length;
      const last = offset >= 13;
      expect(reply.body).toContain(
        `<m:RootFolder IndexedPagingOffset="${offset}" TotalItemsInView="13" IncludesLastItemInRange="${last}">`,
      );
      if (last || pages.length > 13) break;
    }
    expect(pages).toHaveLength(7);
    expect(new Set(seen).size).toBe(13);
    const unpaged = await postEws(m, soapEnvelope(findFolder(''), { impersonate: ALICE }));
    expect(unpaged.body).toContain('ResponseClass="Error"');
    expect(unpaged.body).toContain('<m:ResponseCode>ErrorExceededFindCountLimit</m:ResponseCode>');
    expect(unpaged.body).toContain('IndexedPageFolderView');
    const old = await postEws(m, soapEnvelope(pagedFolders(0), { impersonate: ALICE, version: 'Exchange2010' }));
    expect(old.body).toContain('<m:ResponseCode>ErrorServerBusy</m:ResponseCode>');
    // Through ex2 (default limit 1000) one unpaged FindFolder lists all thirteen.
    const viaEx2 = await postEws(m, soapEnvelope(findFolder(''), { impersonate: ALICE }), { server: 'ex2' });
    expect(viaEx2.body).toContain('<m:RootFolder TotalItemsInView="13" IncludesLastItemInRange="true">');
    if (schema) {
      const results = await validateAgainstSchema(
        [pages[0]!, pages.at(-1)!, unpaged, old, viaEx2].map((r, i) => ({ name: `folders-${i}`, xml: r.body })),
      );
      expect(results.filter((r) => !r.valid)).toEqual([]);
    }
  });

  it('the server answering applies its own policy: through ex2 (default 1000) the same unpaged find succeeds', async () => {
    const m = await start();
    const viaEx2 = await postEws(m, soapEnvelope(findItem(''), { impersonate: ALICE }), { server: 'ex2' });
    expect(viaEx2.body).toContain('<m:ResponseCode>NoError</m:ResponseCode>');
    expect(viaEx2.body.match(/<t:CalendarItem>/g)).toHaveLength(3);
  });
});
