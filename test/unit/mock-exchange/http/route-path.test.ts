import { describe, expect, it } from 'vitest';
import { routePath } from '../../../../mock-exchange/http/route-path.ts';

describe('routePath: the path the EWS routes match', () => {
  it('drops the query, lowers the case and one trailing slash, as IIS and express matched', () => {
    expect(routePath('/EWS/Exchange.asmx?wsdl')).toBe('/ews/exchange.asmx');
    expect(routePath('/ews/EXCHANGE.ASMX/')).toBe('/ews/exchange.asmx');
    expect(routePath('/')).toBe('/');
    expect(routePath(undefined)).toBe('/');
  });

  it('keeps a trailing slash when told (regular-expression routes did not match one)', () => {
    expect(routePath('/EWS/Services.wsdl/', false)).toBe('/ews/services.wsdl/');
  });

  it('reads the path of an absolute-form target (RFC 9112 §3.2.2)', () => {
    expect(routePath('https://ex1.example.test:8443/EWS/Exchange.asmx')).toBe('/ews/exchange.asmx');
    expect(routePath('https://ex1.example.test')).toBe('/');
  });
});
