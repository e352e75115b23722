import { describe, expect, it } from 'vitest';
import { EwsError } from '../../../ews/errors.ts';
import { NS } from '../../../ews/namespaces.ts';
import { checkNamespaces } from '../../../ews/soap-namespaces.ts';
import { readSoapRequest, readXml } from '../../../ews/soap-request.ts';
import { MAX_XML_NAMESPACE_DECLARATIONS } from '../../../ews/xml-limits.ts';

/** The check's verdict on a request: 'ok', or the message of the EwsError it threw. */
function verdict(xml: string): string {
  try {
    checkNamespaces(readSoapRequest(xml), xml);
    return 'ok';
  } catch (err) {
    if (err instanceof EwsError) return err.message;
    throw err;
  }
}

const GET_FOLDER =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="calendar"/></m:FolderIds></m:GetFolder>';

describe('the parser resolves each element namespace where it stands', () => {
  it('prefixed and default namespaces, declared on the element itself or on an ancestor', () => {
    const doc = readXml(
      '<a:Root xmlns:a="urn:a" xmlns="urn:default"><Child><b:Leaf xmlns:b="urn:b"/><Plain/></Child></a:Root>',
    );
    expect(doc.namespace).toBe('urn:a');
    const child = doc.child('Child');
    expect(child?.namespace).toBe('urn:default');
    expect(child?.child('Leaf')?.namespace).toBe('urn:b');
    expect(child?.child('Plain')?.namespace).toBe('urn:default');
  });

  it('a declaration reaches only its own subtree; a sibling does not see it', () => {
    const doc = readXml('<Root><x:A xmlns:x="urn:first"/><x:B/></Root>');
    expect(doc.namespace).toBe('');
    expect(doc.child('A')?.namespace).toBe('urn:first');
    // x is not declared where B stands.
    expect(doc.child('B')?.namespace).toBeUndefined();
  });

  it('an inner declaration of the same prefix wins inside it, and the outer one holds again after it', () => {
    const doc = readXml('<p:Root xmlns:p="urn:outer"><p:In xmlns:p="urn:inner"><p:Deep/></p:In><p:After/></p:Root>');
    expect(doc.child('In')?.namespace).toBe('urn:inner');
    expect(doc.child('In')?.child('Deep')?.namespace).toBe('urn:inner');
    expect(doc.child('After')?.namespace).toBe('urn:outer');
  });

  it('xmlns="" takes the default namespace away below it; xml is bound without a declaration', () => {
    const doc = readXml('<Root xmlns="urn:d"><Inner xmlns=""><Leaf/></Inner><xml:Special/></Root>');
    expect(doc.namespace).toBe('urn:d');
    expect(doc.child('Inner')?.child('Leaf')?.namespace).toBe('');
    expect(doc.child('Special')?.namespace).toBe('http://www.w3.org/XML/1998/namespace');
  });

  it('refuses a document declaring more namespaces than the limit, however they are spread', () => {
    const declare = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ` xmlns:p${from + i}="urn:${from + i}"`).join('');
    const flat = (n: number) => `<Root${declare(n)}><p0:A/></Root>`;
    expect(readXml(flat(MAX_XML_NAMESPACE_DECLARATIONS)).child('A')?.namespace).toBe('urn:0');
    expect(() => readXml(flat(MAX_XML_NAMESPACE_DECLARATIONS + 1))).toThrow(
      `the document declares more than ${MAX_XML_NAMESPACE_DECLARATIONS} namespaces`,
    );
    // Nested, one per level: the count is the document's, not an element's.
    const nested = (n: number) =>
      `${Array.from({ length: n }, (_, i) => `<E${declare(1, i)}>`).join('')}${Array.from({ length: n }, () => '</E>').join('')}`;
    expect(() => readXml(nested(MAX_XML_NAMESPACE_DECLARATIONS))).not.toThrow();
    expect(() => readXml(nested(MAX_XML_NAMESPACE_DECLARATIONS + 1))).toThrow(/declares more than/);
  });

  it('namespace declarations are not attributes', () => {
    const doc = readXml('<a:Root xmlns:a="urn:a" xmlns="urn:d" a:Id="7" Other="x"/>');
    expect(doc.attrs).toEqual({ Id: '7', Other: 'x' });
  });
});

describe('checkNamespaces: SOAP 1.1 envelope, operation in the messages namespace', () => {
  it('accepts the usual prefixes, and the same namespaces under other prefixes or as default namespaces', () => {
    expect(
      verdict(
        `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:m="${NS.m}" xmlns:t="${NS.t}"><soap:Body>${GET_FOLDER}</soap:Body></soap:Envelope>`,
      ),
    ).toBe('ok');
    expect(
      verdict(
        `<Envelope xmlns="${NS.soap}"><Body><GetFolder xmlns="${NS.m}"><FolderShape><BaseShape xmlns="${NS.t}">IdOnly</BaseShape></FolderShape></GetFolder></Body></Envelope>`,
      ),
    ).toBe('ok');
  });

  it('an operation whose prefix is declared only on the operation element itself is in its namespace', () => {
    // The first declaration of m in the text is a wrong one, on the envelope; the operation redeclares m.
    const xml =
      `<s:Envelope xmlns:s="${NS.soap}" xmlns:m="urn:wrong" xmlns:t="${NS.t}"><s:Body>` +
      `${GET_FOLDER.replace('<m:GetFolder>', `<m:GetFolder xmlns:m="${NS.m}">`)}</s:Body></s:Envelope>`;
    expect(verdict(xml)).toBe('ok');
  });

  it('a prefix declared on a sibling in the header does not reach the operation: refused as undeclared', () => {
    const xml =
      `<s:Envelope xmlns:s="${NS.soap}" xmlns:t="${NS.t}"><s:Header><m:Note xmlns:m="${NS.m}"/></s:Header>` +
      `<s:Body>${GET_FOLDER}</s:Body></s:Envelope>`;
    expect(verdict(xml)).toContain("The ':GetFolder' element is not declared.");
  });

  it('a SOAP 1.2 envelope, a made-up one and an undeclared prefix are refused, each saying which', () => {
    const soap12 = 'http://www.w3.org/2003/05/soap-envelope';
    expect(
      verdict(
        `<e:Envelope xmlns:e="${soap12}" xmlns:m="${NS.m}" xmlns:t="${NS.t}"><e:Body>${GET_FOLDER}</e:Body></e:Envelope>`,
      ),
    ).toContain(`the Envelope is in the namespace '${soap12}'`);
    expect(verdict(`<Envelope xmlns:m="${NS.m}" xmlns:t="${NS.t}"><Body>${GET_FOLDER}</Body></Envelope>`)).toContain(
      "the Envelope is in the namespace ''",
    );
    expect(
      verdict(`<s:Envelope xmlns:m="${NS.m}" xmlns:t="${NS.t}"><s:Body>${GET_FOLDER}</s:Body></s:Envelope>`),
    ).toContain('the prefix of the Envelope element is not declared');
  });

  it('an operation in the types namespace is refused as undeclared', () => {
    const xml = `<s:Envelope xmlns:s="${NS.soap}" xmlns:m="${NS.t}" xmlns:t="${NS.t}"><s:Body>${GET_FOLDER}</s:Body></s:Envelope>`;
    expect(verdict(xml)).toContain(`The '${NS.t}:GetFolder' element is not declared.`);
  });
});
