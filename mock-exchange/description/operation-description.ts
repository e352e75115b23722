import type { XsdComplexType, XsdElement } from './xsd-model.ts';

/**
 * How one EWS operation appears in the service description: its request and response types in messages.xsd
 * (named as Microsoft names them) and the response message elements it puts in m:ResponseMessages.
 * The request and response element names come from the operation table (name, responseName).
 */
export interface OperationDescription {
  /** The WSDL operation and its SOAPAction, when not the request element's name (GetUserAvailability). */
  operation?: string;
  /** The operation whose SOAPAction it is bound with, when not its own (Exchange: GetStreamingEvents uses GetEvents). */
  soapActionOf?: string;
  /** The input message part's name, when not `request` (Microsoft: GetUserAvailabilityRequest). */
  requestPart?: string;
  request: XsdComplexType;
  response: XsdComplexType;
  /** Elements in m:ArrayOfResponseMessagesType (GetFolderResponseMessage of m:FolderInfoResponseMessageType). */
  responseMessages?: XsdElement[];
  /** Further messages-namespace types only this operation uses. */
  types?: XsdComplexType[];
}

/** The request type every EWS request extends. */
export const BASE_REQUEST = 'm:BaseRequestType';
/** The response type of the operations that answer with m:ResponseMessages. */
export const BASE_RESPONSE = 'm:BaseResponseMessageType';

/** A request type: m:<name> extending m:BaseRequestType. */
export function requestType(
  name: string,
  sequence: XsdComplexType['sequence'],
  attributes: XsdComplexType['attributes'] = [],
): XsdComplexType {
  return { name, ns: 'm', base: BASE_REQUEST, sequence, attributes };
}

/** A response type answering with m:ResponseMessages only. */
export function responseMessagesType(name: string): XsdComplexType {
  return { name, ns: 'm', base: BASE_RESPONSE };
}
