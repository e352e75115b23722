import { type NameResolutionCollection, ResolveNameSearchLocation } from 'ews-javascript-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockExchange } from '../../../../mock-exchange/mock-exchange.ts';
import { orgWithAmbiguousName } from '../../../support/ambiguous-org.ts';
import { postEws } from '../../../support/https-post.ts';
import { ewsClient, startMock } from '../../../support/mock-server.ts';
import { soapEnvelope } from '../../../support/soap-envelope.ts';

const addresses = (c: NameResolutionCollection) => c.GetEnumerator().map((r) => r.Mailbox.Address);

describe('ResolveNames through ews-javascript-api', () => {
  let mock: MockExchange;
  afterEach(async () => {
    await mock.stop();
  });

  it('resolves a local-part prefix, a display-name word and a full SMTP address to one mailbox', async () => {
    mock = await startMock();
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    const byPrefix = await svc.ResolveName('ali');
    expect(byPrefix.Count).toBe(1);
    expect(byPrefix.IncludesAllResolutions).toBe(true);
    expect(byPrefix._getItem(0).Mailbox.Name).toBe('Alice Archer');
    expect(byPrefix._getItem(0).Mailbox.RoutingType).toBe('SMTP');
    expect(addresses(await svc.ResolveName('SCHMIDT'))).toEqual(['carol@example.test']);
    expect(addresses(await svc.ResolveName('bob@example.test'))).toEqual(['bob@example.test']);
    // An address must match whole: a prefix with "@" is not an SMTP match.
    expect((await svc.ResolveName('bob@example')).Count).toBe(0);
  });

  it('returns every match with a Warning when the name is ambiguous', async () => {
    mock = await startMock(orgWithAmbiguousName());
    const body = soapEnvelope(
      '<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>ali</m:UnresolvedEntry></m:ResolveNames>',
    );
    const raw = await postEws(mock, body);
    expect(raw.status).toBe(200);
    expect(raw.body).toContain('ResponseClass="Warning"');
    expect(raw.body).toContain('<m:ResponseCode>ErrorNameResolutionMultipleResults</m:ResponseCode>');
    expect(raw.body).toContain('<m:ResolutionSet TotalItemsInView="2" IncludesLastItemInRange="true">');
    // ews-javascript-api treats the Warning as a result, ordered by display name.
    const both = await ewsClient(mock).ResolveName('ali');
    expect(addresses(both)).toEqual(['alice@example.test', 'alina@example.test']);
  });

  it('answers ErrorNameResolutionNoResults when nothing matches, which the client reads as empty', async () => {
    mock = await startMock();
    const raw = await postEws(
      mock,
      soapEnvelope(
        '<m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>zed</m:UnresolvedEntry></m:ResolveNames>',
      ),
    );
    expect(raw.body).toContain('ResponseClass="Error"');
    expect(raw.body).toContain('<m:ResponseCode>ErrorNameResolutionNoResults</m:ResponseCode>');
    expect(raw.body).not.toContain('ResolutionSet');
    expect((await ewsClient(mock).ResolveName('zed')).Count).toBe(0);
  });

  it('finds nothing in a Contacts-only search, since the mailboxes hold no contacts', async () => {
    mock = await startMock();
    const svc = ewsClient(mock, { impersonate: 'alice@example.test' });
    expect((await svc.ResolveName('alice', ResolveNameSearchLocation.ContactsOnly, false)).Count).toBe(0);
    const withContact = await svc.ResolveName('alice', ResolveNameSearchLocation.DirectoryOnly, true);
    expect(withContact.Count).toBe(1);
    expect(withContact._getItem(0).Contact?.DisplayName).toBe('Alice Archer');
  });
});
