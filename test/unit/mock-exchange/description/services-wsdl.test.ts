import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../../ews/soap-request.ts';
import type { XmlElement } from '../../../../ews/xml-element.ts';
import { OPERATION_DESCRIPTIONS } from '../../../../mock-exchange/description/operation-descriptions.ts';
import { ServiceDescription } from '../../../../mock-exchange/description/service-description.ts';
import { schemaFiles, serviceSchema } from '../../../../mock-exchange/description/service-schema.ts';
import { servicesWsdl } from '../../../../mock-exchange/description/services-wsdl.ts';
import type { EwsOperation } from '../../../../mock-exchange/operation.ts';
import { OPERATIONS } from '../../../../mock-exchange/operations/index.ts';
import { EWS_SCHEMA_DIR } from '../../../support/ews-schema.ts';

const URL = 'https://ex1.example.test:8443/EWS/Exchange.asmx';
const ACTION = 'http://schemas.microsoft.com/exchange/services/2006/messages/';

const byName = (parent: XmlElement | undefined, tag: string) =>
  new Map((parent?.all(tag) ?? []).map((e) => [e.attr('name') ?? '', e]));

describe('Services.wsdl generated from the operation table', () => {
  it('lists exactly the registered operations, each with a description entry', async () => {
    const wsdl = await parseXml(servicesWsdl(OPERATIONS.values(), URL));
    const registered = [...OPERATIONS.keys()].sort();
    // Microsoft names the operation GetUserAvailability; its request element is GetUserAvailabilityRequest.
    const operations = registered.map((n) => (n === 'GetUserAvailabilityRequest' ? 'GetUserAvailability' : n)).sort();
    expect([...byName(wsdl.child('portType'), 'operation').keys()].sort()).toEqual(operations);
    expect([...byName(wsdl.child('binding'), 'operation').keys()].sort()).toEqual(operations);
    const inputs = wsdl.all('message').filter((m) => m.attr('name')?.endsWith('SoapIn'));
    expect(inputs.map((m) => m.child('part')?.attr('element')).sort()).toEqual(registered.map((n) => `tns:${n}`));
    expect(registered.filter((n) => !OPERATION_DESCRIPTIONS[n])).toEqual([]);
  });

  it("binds each operation document/literal with Exchange's SOAPAction, input and output elements", async () => {
    const wsdl = await parseXml(servicesWsdl(OPERATIONS.values(), URL));
    const messages = byName(wsdl, 'message');
    const schema = await parseXml(schemaFiles(serviceSchema(OPERATIONS.values())).messages);
    const declared = new Set(schema.all('element').map((e) => e.attr('name')));
    for (const op of byName(wsdl.child('binding'), 'operation').values()) {
      const name = op.attr('name') ?? '';
      // Microsoft's services.wsdl binds GetStreamingEvents with the GetEvents SOAPAction.
      const action = name === 'GetStreamingEvents' ? 'GetEvents' : name;
      expect(op.child('operation')?.attr('soapAction'), name).toBe(`${ACTION}${action}`);
      const input = messages.get(`${name}SoapIn`)?.child('part')?.attr('element') ?? '';
      const output = messages.get(`${name}SoapOut`)?.child('part')?.attr('element') ?? '';
      expect(declared.has(input.slice(4)), input).toBe(true);
      expect(declared.has(output.slice(4)), output).toBe(true);
    }
    expect(wsdl.child('binding')?.child('binding')?.attr('style')).toBe('document');
    expect(messages.get('GetUserAvailabilitySoapOut')?.child('part')?.attr('element')).toBe(
      'tns:GetUserAvailabilityResponse',
    );
  });

  it("serves the ExchangeServices service on ExchangeServicePort at the server's EWS URL", async () => {
    const wsdl = await parseXml(servicesWsdl(OPERATIONS.values(), URL));
    const port = wsdl.child('service')?.child('port');
    expect(wsdl.child('service')?.attr('name')).toBe('ExchangeServices');
    expect(port?.attr('name')).toBe('ExchangeServicePort');
    expect(port?.attr('binding')).toBe('tns:ExchangeServiceBinding');
    expect(port?.child('address')?.attr('location')).toBe(URL);
  });

  it('refuses an operation registered without a description entry, naming it', () => {
    const added: EwsOperation = { name: 'GetRooms', handle: () => '' };
    expect(() => serviceSchema([...OPERATIONS.values(), added])).toThrow(
      /no entry for operation\(s\) GetRooms in mock-exchange\/description\/operation-descriptions\.ts/,
    );
    // A running server still serves the others, and says which one it left out.
    const served = ServiceDescription.generated(new Map([...OPERATIONS, ['GetRooms', added]]));
    expect(served.undescribed).toEqual(['GetRooms']);
    expect(served.file('services.wsdl', URL)).not.toContain('GetRooms');
  });

  it.skipIf(!EWS_SCHEMA_DIR)("uses the SOAPAction and request element of Microsoft's services.wsdl", async () => {
    const theirs = await parseXml(readFileSync(join(EWS_SCHEMA_DIR ?? '', 'services.wsdl'), 'utf8'));
    const theirBinding = byName(theirs.child('binding'), 'operation');
    const theirMessages = byName(theirs, 'message');
    const mine = await parseXml(servicesWsdl(OPERATIONS.values(), URL));
    const myMessages = byName(mine, 'message');
    const parts = (m: XmlElement | undefined) => m?.all('part').map((p) => `${p.attr('name')}=${p.attr('element')}`);
    for (const op of byName(mine.child('binding'), 'operation').values()) {
      const name = op.attr('name') ?? '';
      expect(theirBinding.get(name)?.child('operation')?.attr('soapAction'), name).toBe(
        op.child('operation')?.attr('soapAction'),
      );
      // Microsoft's input also lists its SOAP header parts; the body part is the same.
      expect(parts(theirMessages.get(`${name}SoapIn`)), name).toEqual(
        expect.arrayContaining(parts(myMessages.get(`${name}SoapIn`)) ?? ['none']),
      );
      expect(parts(theirMessages.get(`${name}SoapOut`)), name).toEqual(parts(myMessages.get(`${name}SoapOut`)));
    }
  });
});
