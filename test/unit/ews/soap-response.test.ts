import { describe, expect, it } from 'vitest';
import { EwsError, fault } from '../../../ews/errors.ts';
import { NS } from '../../../ews/namespaces.ts';
import { defaultMessage } from '../../../ews/response-codes.ts';
import { parseXml } from '../../../ews/soap-request.ts';
import {
  DEFAULT_SERVER_VERSION,
  envelope,
  errorMessage,
  errorMessageFrom,
  faultFromError,
  responseMessages,
  soapFault,
  successMessage,
} from '../../../ews/soap-response.ts';

/** Namespace URI bound to a prefix on the element itself, as Exchange writes them. */
const declared = (xml: string, prefix: string) => new RegExp(`xmlns:${prefix}="([^"]+)"`).exec(xml)?.[1];

describe('soapFault', () => {
  it('has Exchange’s throttling fault shape: faultcode in types ns, detail in errors ns, MessageXml values', () => {
    const xml = soapFault('ErrorServerBusy', undefined, { BackOffMilliseconds: '29774' });
    const busy = defaultMessage('ErrorServerBusy');
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>' +
        `<s:Envelope xmlns:s="${NS.soap}"><s:Body><s:Fault>` +
        `<faultcode xmlns:a="${NS.t}">a:ErrorServerBusy</faultcode>` +
        `<faultstring xml:lang="en-US">${busy}</faultstring>` +
        '<detail>' +
        `<e:ResponseCode xmlns:e="${NS.e}">ErrorServerBusy</e:ResponseCode>` +
        `<e:Message xmlns:e="${NS.e}">${busy}</e:Message>` +
        `<t:MessageXml xmlns:t="${NS.t}"><t:Value Name="BackOffMilliseconds">29774</t:Value></t:MessageXml>` +
        '</detail></s:Fault></s:Body></s:Envelope>',
    );
  });

  it('parses back to Fault(faultcode, faultstring, detail(ResponseCode, Message, MessageXml)) in that order', async () => {
    const root = await parseXml(soapFault('ErrorServerBusy', 'Busy, wait.', { BackOffMilliseconds: '5000', X: 'y' }));
    const f = root.at('Body', 'Fault');
    expect(f?.children.map((c) => c.name)).toEqual(['faultcode', 'faultstring', 'detail']);
    expect(f?.textAt('faultcode')).toBe('a:ErrorServerBusy');
    expect(f?.textAt('faultstring')).toBe('Busy, wait.');
    const detail = f?.child('detail');
    expect(detail?.children.map((c) => c.name)).toEqual(['ResponseCode', 'Message', 'MessageXml']);
    expect(detail?.textAt('ResponseCode')).toBe('ErrorServerBusy');
    expect(detail?.textAt('Message')).toBe('Busy, wait.');
    const values = detail?.child('MessageXml')?.all('Value') ?? [];
    expect(values.map((v) => [v.attr('Name'), v.text])).toEqual([
      ['BackOffMilliseconds', '5000'],
      ['X', 'y'],
    ]);
  });

  it('has no Header and no MessageXml when there are no values; uses the code’s default message', async () => {
    const xml = soapFault('ErrorInvalidServerVersion');
    expect(xml).not.toContain('MessageXml');
    expect(xml).not.toContain('Header');
    const root = await parseXml(xml);
    expect(root.textAt('Body', 'Fault', 'detail', 'Message')).toBe('The specified server version is invalid.');
  });

  it('escapes a message that echoes request input', async () => {
    const root = await parseXml(soapFault('ErrorNonExistentMailbox', 'No mailbox for <a&b@x>\u0001.'));
    expect(root.textAt('Body', 'Fault', 'faultstring')).toBe('No mailbox for <a&b@x>\uFFFD.');
  });

  it('faultFromError carries an EwsError’s code, message and MessageXml', async () => {
    const err = fault('ErrorServerBusy', 'Slow down.', { BackOffMilliseconds: '100' });
    expect(err.level).toBe('fault');
    expect(err.httpStatus).toBe(500);
    expect(faultFromError(err)).toBe(soapFault('ErrorServerBusy', 'Slow down.', { BackOffMilliseconds: '100' }));
  });
});

describe('ResponseMessages', () => {
  it('errorMessage writes MessageText, ResponseCode, DescriptiveLinkKey, MessageXml, then extras, in schema order', async () => {
    const xml = errorMessage(
      'FindItemResponseMessage',
      'ErrorServerBusy',
      { values: { BackOffMilliseconds: '5000' } },
      '<m:RootFolder/>',
    );
    const msg = await parseXml(`<r xmlns:m="${NS.m}" xmlns:t="${NS.t}">${xml}</r>`);
    const node = msg.child('FindItemResponseMessage');
    expect(node?.attr('ResponseClass')).toBe('Error');
    expect(node?.children.map((c) => c.name)).toEqual([
      'MessageText',
      'ResponseCode',
      'DescriptiveLinkKey',
      'MessageXml',
      'RootFolder',
    ]);
    expect(node?.textAt('MessageText')).toBe(defaultMessage('ErrorServerBusy'));
    expect(node?.textAt('ResponseCode')).toBe('ErrorServerBusy');
    expect(node?.textAt('DescriptiveLinkKey')).toBe('0');
    expect(node?.at('MessageXml', 'Value')?.attr('Name')).toBe('BackOffMilliseconds');
    expect(xml).toContain('<m:MessageXml><t:Value Name="BackOffMilliseconds">5000</t:Value></m:MessageXml>');
  });

  it('errorMessage omits MessageXml without values and can say Warning', () => {
    const xml = errorMessage('GetItemResponseMessage', 'ErrorItemNotFound', {
      message: 'gone',
      responseClass: 'Warning',
    });
    expect(xml).toBe(
      '<m:GetItemResponseMessage ResponseClass="Warning"><m:MessageText>gone</m:MessageText>' +
        '<m:ResponseCode>ErrorItemNotFound</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>' +
        '</m:GetItemResponseMessage>',
    );
  });

  it('errorMessageFrom takes code, message and values from an EwsError', () => {
    const err = new EwsError('ErrorMailboxMoveInProgress', { messageXml: { Server: 'ex2' } });
    expect(err.level).toBe('message');
    expect(err.httpStatus).toBe(200);
    expect(errorMessageFrom('FindItemResponseMessage', err)).toBe(
      errorMessage('FindItemResponseMessage', 'ErrorMailboxMoveInProgress', { values: { Server: 'ex2' } }),
    );
  });

  it('successMessage starts with ResponseCode NoError and ResponseClass Success (exact case ews-js needs)', () => {
    expect(successMessage('GetFolderResponseMessage', '<m:Folders/>')).toBe(
      '<m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Folders/></m:GetFolderResponseMessage>',
    );
  });

  it('responseMessages wraps messages in <m:XResponse> declaring m and t', () => {
    const xml = responseMessages('GetFolder', 'A', 'B');
    expect(xml).toBe(
      `<m:GetFolderResponse xmlns:m="${NS.m}" xmlns:t="${NS.t}"><m:ResponseMessages>AB</m:ResponseMessages></m:GetFolderResponse>`,
    );
  });
});

describe('envelope', () => {
  it('puts ServerVersionInfo in the Header (types ns) and the body in s:Body', async () => {
    const xml = envelope(responseMessages('GetFolder', successMessage('GetFolderResponseMessage')));
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><s:Envelope')).toBe(true);
    expect(declared(xml, 's')).toBe(NS.soap);
    expect(declared(xml, 'h')).toBe(NS.t);
    const root = await parseXml(xml);
    expect(root.children.map((c) => c.name)).toEqual(['Header', 'Body']);
    const info = root.at('Header', 'ServerVersionInfo');
    expect(info?.attr('MajorVersion')).toBe(String(DEFAULT_SERVER_VERSION.MajorVersion));
    expect(info?.attr('Version')).toBe(DEFAULT_SERVER_VERSION.Version);
    expect(root.at('Body', 'GetFolderResponse', 'ResponseMessages', 'GetFolderResponseMessage')).toBeDefined();
  });

  it('leaves the Header out when asked to send no server version', async () => {
    const root = await parseXml(envelope('<x/>', null));
    expect(root.children.map((c) => c.name)).toEqual(['Body']);
  });

  it('writes each release its own header, every time, an empty body open and closed as before', () => {
    const v2013 = {
      MajorVersion: 15,
      MinorVersion: 0,
      MajorBuildNumber: 1497,
      MinorBuildNumber: 2,
      Version: 'V2017_07_11',
    };
    const v2019 = {
      MajorVersion: 15,
      MinorVersion: 2,
      MajorBuildNumber: 1118,
      MinorBuildNumber: 7,
      Version: 'V2017_07_11',
    };
    const open =
      '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">';
    const info = (v: typeof v2013) =>
      `<s:Header><h:ServerVersionInfo xmlns:h="${NS.t}" MajorVersion="${v.MajorVersion}" MinorVersion="${v.MinorVersion}" ` +
      `MajorBuildNumber="${v.MajorBuildNumber}" MinorBuildNumber="${v.MinorBuildNumber}" Version="${v.Version}"/></s:Header>`;
    const body = `<s:Body xmlns:xsi="${NS.xsi}" xmlns:xsd="${NS.xsd}">`;
    for (let round = 0; round < 2; round++) {
      expect(envelope('<a/>', v2013)).toBe(`${open}${info(v2013)}${body}<a/></s:Body></s:Envelope>`);
      expect(envelope('<b/>', v2019)).toBe(`${open}${info(v2019)}${body}<b/></s:Body></s:Envelope>`);
      expect(envelope('<c/>', null)).toBe(`${open}${body}<c/></s:Body></s:Envelope>`);
    }
    expect(envelope('', v2013)).toBe(`${open}${info(v2013)}${body}</s:Body></s:Envelope>`);
  });
});
