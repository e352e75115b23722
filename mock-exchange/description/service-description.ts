import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EwsOperation } from '../operation.ts';
import { OPERATION_DESCRIPTIONS } from './operation-descriptions.ts';
import { schemaFiles, serviceSchema } from './service-schema.ts';
import { servicesWsdl } from './services-wsdl.ts';

/** A --ews-schema folder that cannot be served: missing, unreadable, or without one of the three files. */
export class EwsSchemaDirError extends Error {}

/** The three documents of /EWS/, as served. */
export interface DescriptionFiles {
  wsdl: string;
  messages: string;
  types: string;
}

/** Exchange's file names; Microsoft ships them with a capital S, IIS serves them case-insensitively. */
const FILES = { wsdl: 'services.wsdl', messages: 'messages.xsd', types: 'types.xsd' } as const;

/** What a server's service description is made of: generated from the operation table, or Microsoft's copy. */
export class ServiceDescription {
  private wsdlFor: { url: string; text: string } | undefined;

  private constructor(
    private readonly schema: { messages: string; types: string },
    private readonly wsdl: (ewsUrl: string) => string,
    /** Registered operations left out for want of a description entry (a test fails on any). */
    readonly undescribed: readonly string[] = [],
  ) {}

  /** Generated from the operations the server registers that have a description entry. */
  static generated(operations: ReadonlyMap<string, EwsOperation>): ServiceDescription {
    const all = [...operations.values()];
    const ops = all.filter((op) => OPERATION_DESCRIPTIONS[op.name]);
    const undescribed = all.filter((op) => !OPERATION_DESCRIPTIONS[op.name]).map((op) => op.name);
    return new ServiceDescription(schemaFiles(serviceSchema(ops)), (url) => servicesWsdl(ops, url), undescribed);
  }

  /**
   * Microsoft's own files, read once from `dir` (names matched case-insensitively). Served as they are, except
   * that the ExchangeServices port's empty address becomes this server's EWS URL.
   */
  static fromDirectory(dir: string): ServiceDescription {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (err) {
      throw new EwsSchemaDirError(`--ews-schema ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const read = (file: string) => {
      const found = names.find((n) => n.toLowerCase() === file);
      if (!found) throw new EwsSchemaDirError(`--ews-schema ${dir}: no ${file} in it`);
      return readFileSync(join(dir, found), 'utf8');
    };
    const wsdl = read(FILES.wsdl);
    if (!wsdl.includes('<wsdl:definitions'))
      throw new EwsSchemaDirError(`--ews-schema ${dir}: ${FILES.wsdl} is not a WSDL document`);
    return new ServiceDescription({ messages: read(FILES.messages), types: read(FILES.types) }, (url) =>
      withAddress(wsdl, url),
    );
  }

  /** The document at /EWS/<file> (lower-case name), or undefined when there is none. */
  file(name: string, ewsUrl: string): string | undefined {
    if (name === FILES.messages) return this.schema.messages;
    if (name === FILES.types) return this.schema.types;
    if (name !== FILES.wsdl) return undefined;
    // The address holds the listening port, known once the server is up; built once per URL, not per request.
    if (this.wsdlFor?.url !== ewsUrl) this.wsdlFor = { url: ewsUrl, text: this.wsdl(ewsUrl) };
    return this.wsdlFor.text;
  }
}

const SOAP_ADDRESS = /(<soap:address\s+location=")[^"]*(")/;

/** Microsoft's services.wsdl with the port address set; a service element is added where it has none. */
function withAddress(wsdl: string, ewsUrl: string): string {
  if (SOAP_ADDRESS.test(wsdl)) return wsdl.replace(SOAP_ADDRESS, `$1${ewsUrl}$2`);
  const service =
    '<wsdl:service name="ExchangeServices"><wsdl:port name="ExchangeServicePort" binding="tns:ExchangeServiceBinding">' +
    `<soap:address location="${ewsUrl}"/></wsdl:port></wsdl:service>`;
  return wsdl.replace('</wsdl:definitions>', `${service}\n</wsdl:definitions>`);
}
