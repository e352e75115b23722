import { type OperationDescription, requestType, responseMessagesType } from './operation-description.ts';
import { element, optional } from './xsd-model.ts';

const responseMessage = (name: string, sequence: OperationDescription['request']['sequence']) => ({
  name,
  ns: 'm' as const,
  base: 'm:ResponseMessageType',
  sequence,
});

/**
 * The operations clients call at start-up (time zones, id conversion, folder and item synchronization),
 * described ahead of their registration: an entry takes effect once the operation is in the table.
 */
export const STARTUP_OPERATION_DESCRIPTIONS: Readonly<Record<string, OperationDescription>> = {
  GetServerTimeZones: {
    request: requestType(
      'GetServerTimeZonesType',
      [optional('Ids', 't:NonEmptyArrayOfTimeZoneIdType')],
      [{ name: 'ReturnFullTimeZoneData', type: 'xs:boolean' }],
    ),
    response: responseMessagesType('GetServerTimeZonesResponseType'),
    responseMessages: [element('GetServerTimeZonesResponseMessage', 'm:GetServerTimeZonesResponseMessageType')],
    types: [
      responseMessage('GetServerTimeZonesResponseMessageType', [
        element('TimeZoneDefinitions', 't:ArrayOfTimeZoneDefinitionType'),
      ]),
    ],
  },
  ConvertId: {
    request: requestType(
      'ConvertIdType',
      [element('SourceIds', 't:NonEmptyArrayOfAlternateIdsType')],
      [{ name: 'DestinationFormat', type: 't:IdFormatType', required: true }],
    ),
    response: responseMessagesType('ConvertIdResponseType'),
    responseMessages: [element('ConvertIdResponseMessage', 'm:ConvertIdResponseMessageType')],
    types: [responseMessage('ConvertIdResponseMessageType', [optional('AlternateId', 't:AlternateIdBaseType')])],
  },
  SyncFolderHierarchy: {
    request: requestType('SyncFolderHierarchyType', [
      element('FolderShape', 't:FolderResponseShapeType'),
      optional('SyncFolderId', 't:TargetFolderIdType'),
      optional('SyncState', 'xs:string'),
    ]),
    response: responseMessagesType('SyncFolderHierarchyResponseType'),
    responseMessages: [element('SyncFolderHierarchyResponseMessage', 'm:SyncFolderHierarchyResponseMessageType')],
    types: [
      responseMessage('SyncFolderHierarchyResponseMessageType', [
        optional('SyncState', 'xs:string'),
        optional('IncludesLastFolderInRange', 'xs:boolean'),
        optional('Changes', 't:SyncFolderHierarchyChangesType'),
      ]),
    ],
  },
  SyncFolderItems: {
    request: requestType('SyncFolderItemsType', [
      element('ItemShape', 't:ItemResponseShapeType'),
      element('SyncFolderId', 't:TargetFolderIdType'),
      optional('SyncState', 'xs:string'),
      optional('Ignore', 't:ArrayOfBaseItemIdsType'),
      element('MaxChangesReturned', 't:MaxSyncChangesReturnedType'),
      optional('SyncScope', 't:SyncFolderItemsScopeType'),
    ]),
    response: responseMessagesType('SyncFolderItemsResponseType'),
    responseMessages: [element('SyncFolderItemsResponseMessage', 'm:SyncFolderItemsResponseMessageType')],
    types: [
      responseMessage('SyncFolderItemsResponseMessageType', [
        optional('SyncState', 'xs:string'),
        optional('IncludesLastItemInRange', 'xs:boolean'),
        optional('Changes', 't:SyncFolderItemsChangesType'),
      ]),
    ],
  },
};
