import { FOLDER_OPERATION_DESCRIPTIONS } from './folder-operation-descriptions.ts';
import { type OperationDescription, requestType, responseMessagesType } from './operation-description.ts';
import { STARTUP_OPERATION_DESCRIPTIONS } from './startup-operation-descriptions.ts';
import { choice, element, optional, reference } from './xsd-model.ts';

/** A response message type extending m:ResponseMessageType with the given elements. */
const responseMessage = (
  name: string,
  sequence: OperationDescription['request']['sequence'],
  base = 'm:ResponseMessageType',
) => ({
  name,
  ns: 'm' as const,
  base,
  sequence,
});

const FOLDER_IDS = 't:NonEmptyArrayOfBaseFolderIdsType';
const ITEM_IDS = 't:NonEmptyArrayOfBaseItemIdsType';

/**
 * Every operation's place in the service description, keyed by the operation's name in the operation table
 * (mock-exchange/operations/index.ts). Request elements list what the operation reads, in Microsoft's order.
 * A test fails when an operation is registered without an entry here.
 */
export const OPERATION_DESCRIPTIONS: Readonly<Record<string, OperationDescription>> = {
  GetFolder: {
    request: requestType('GetFolderType', [
      element('FolderShape', 't:FolderResponseShapeType'),
      element('FolderIds', FOLDER_IDS),
    ]),
    response: responseMessagesType('GetFolderResponseType'),
    responseMessages: [element('GetFolderResponseMessage', 'm:FolderInfoResponseMessageType')],
    types: [responseMessage('FolderInfoResponseMessageType', [optional('Folders', 't:ArrayOfFoldersType')])],
  },
  FindFolder: {
    request: requestType(
      'FindFolderType',
      [
        element('FolderShape', 't:FolderResponseShapeType'),
        choice(
          [
            element('IndexedPageFolderView', 't:IndexedPageViewType'),
            element('FractionalPageFolderView', 't:FractionalPageViewType'),
          ],
          { min: 0 },
        ),
        optional('Restriction', 't:RestrictionType'),
        element('ParentFolderIds', FOLDER_IDS),
      ],
      [{ name: 'Traversal', type: 't:FolderQueryTraversalType', required: true }],
    ),
    response: responseMessagesType('FindFolderResponseType'),
    responseMessages: [element('FindFolderResponseMessage', 'm:FindFolderResponseMessageType')],
    types: [responseMessage('FindFolderResponseMessageType', [optional('RootFolder', 't:FindFolderParentType')])],
  },
  FindItem: {
    request: requestType(
      'FindItemType',
      [
        element('ItemShape', 't:ItemResponseShapeType'),
        choice(
          [element('IndexedPageItemView', 't:IndexedPageViewType'), element('CalendarView', 't:CalendarViewType')],
          { min: 0 },
        ),
        optional('Restriction', 't:RestrictionType'),
        optional('SortOrder', 't:NonEmptyArrayOfFieldOrdersType'),
        element('ParentFolderIds', FOLDER_IDS),
      ],
      [{ name: 'Traversal', type: 't:ItemQueryTraversalType', required: true }],
    ),
    response: responseMessagesType('FindItemResponseType'),
    responseMessages: [element('FindItemResponseMessage', 'm:FindItemResponseMessageType')],
    types: [responseMessage('FindItemResponseMessageType', [optional('RootFolder', 't:FindItemParentType')])],
  },
  GetItem: {
    request: requestType('GetItemType', [
      element('ItemShape', 't:ItemResponseShapeType'),
      element('ItemIds', ITEM_IDS),
    ]),
    response: responseMessagesType('GetItemResponseType'),
    responseMessages: [element('GetItemResponseMessage', 'm:ItemInfoResponseMessageType')],
    types: [responseMessage('ItemInfoResponseMessageType', [element('Items', 't:ArrayOfRealItemsType')])],
  },
  CreateItem: {
    request: requestType(
      'CreateItemType',
      [optional('SavedItemFolderId', 't:TargetFolderIdType'), element('Items', 't:NonEmptyArrayOfAllItemsType')],
      [
        { name: 'MessageDisposition', type: 't:MessageDispositionType' },
        { name: 'SendMeetingInvitations', type: 't:CalendarItemCreateOrDeleteOperationType' },
      ],
    ),
    response: responseMessagesType('CreateItemResponseType'),
    responseMessages: [element('CreateItemResponseMessage', 'm:ItemInfoResponseMessageType')],
  },
  UpdateItem: {
    request: requestType(
      'UpdateItemType',
      [
        optional('SavedItemFolderId', 't:TargetFolderIdType'),
        element('ItemChanges', 't:NonEmptyArrayOfItemChangesType'),
      ],
      [
        { name: 'ConflictResolution', type: 't:ConflictResolutionType', required: true },
        { name: 'MessageDisposition', type: 't:MessageDispositionType' },
        { name: 'SendMeetingInvitationsOrCancellations', type: 't:CalendarItemUpdateOperationType' },
      ],
    ),
    response: responseMessagesType('UpdateItemResponseType'),
    responseMessages: [element('UpdateItemResponseMessage', 'm:UpdateItemResponseMessageType')],
    types: [
      responseMessage(
        'UpdateItemResponseMessageType',
        [optional('ConflictResults', 't:ConflictResultsType')],
        'm:ItemInfoResponseMessageType',
      ),
    ],
  },
  DeleteItem: {
    request: requestType(
      'DeleteItemType',
      [element('ItemIds', ITEM_IDS)],
      [
        { name: 'DeleteType', type: 't:DisposalType', required: true },
        { name: 'SendMeetingCancellations', type: 't:CalendarItemCreateOrDeleteOperationType' },
      ],
    ),
    response: responseMessagesType('DeleteItemResponseType'),
    responseMessages: [element('DeleteItemResponseMessage', 'm:DeleteItemResponseMessageType')],
    types: [responseMessage('DeleteItemResponseMessageType', [])],
  },
  GetUserAvailabilityRequest: {
    operation: 'GetUserAvailability',
    requestPart: 'GetUserAvailabilityRequest',
    request: requestType('GetUserAvailabilityRequestType', [
      reference('t:TimeZone', 't:SerializableTimeZone'),
      element('MailboxDataArray', 't:ArrayOfMailboxData'),
      reference('t:FreeBusyViewOptions', 't:FreeBusyViewOptionsType'),
      reference('t:SuggestionsViewOptions', 't:SuggestionsViewOptionsType'),
    ]),
    response: {
      name: 'GetUserAvailabilityResponseType',
      ns: 'm',
      sequence: [
        optional('FreeBusyResponseArray', 'm:ArrayOfFreeBusyResponse'),
        optional('SuggestionsResponse', 'm:SuggestionsResponseType'),
      ],
    },
    types: [
      {
        name: 'ArrayOfFreeBusyResponse',
        ns: 'm',
        sequence: [{ ...optional('FreeBusyResponse', 'm:FreeBusyResponseType'), max: 'unbounded' }],
      },
      {
        name: 'FreeBusyResponseType',
        ns: 'm',
        sequence: [optional('ResponseMessage', 'm:ResponseMessageType'), optional('FreeBusyView', 't:FreeBusyView')],
      },
      {
        name: 'SuggestionsResponseType',
        ns: 'm',
        sequence: [
          optional('ResponseMessage', 'm:ResponseMessageType'),
          optional('SuggestionDayResultArray', 't:ArrayOfSuggestionDayResult'),
        ],
      },
    ],
  },
  ResolveNames: {
    request: requestType(
      'ResolveNamesType',
      [element('UnresolvedEntry', 't:NonEmptyStringType')],
      [
        { name: 'ReturnFullContactData', type: 'xs:boolean', required: true },
        { name: 'SearchScope', type: 't:ResolveNamesSearchScopeType' },
      ],
    ),
    response: responseMessagesType('ResolveNamesResponseType'),
    responseMessages: [element('ResolveNamesResponseMessage', 'm:ResolveNamesResponseMessageType')],
    types: [responseMessage('ResolveNamesResponseMessageType', [optional('ResolutionSet', 't:ArrayOfResolutionType')])],
  },
  Subscribe: {
    request: requestType('SubscribeType', [
      choice([
        element('PullSubscriptionRequest', 't:PullSubscriptionRequestType'),
        element('PushSubscriptionRequest', 't:PushSubscriptionRequestType'),
        element('StreamingSubscriptionRequest', 't:StreamingSubscriptionRequestType'),
      ]),
    ]),
    response: responseMessagesType('SubscribeResponseType'),
    responseMessages: [element('SubscribeResponseMessage', 'm:SubscribeResponseMessageType')],
    types: [
      responseMessage('SubscribeResponseMessageType', [
        optional('SubscriptionId', 't:SubscriptionIdType'),
        optional('Watermark', 't:WatermarkType'),
      ]),
    ],
  },
  GetEvents: {
    request: requestType('GetEventsType', [
      element('SubscriptionId', 't:SubscriptionIdType'),
      element('Watermark', 't:WatermarkType'),
    ]),
    response: responseMessagesType('GetEventsResponseType'),
    responseMessages: [element('GetEventsResponseMessage', 'm:GetEventsResponseMessageType')],
    types: [responseMessage('GetEventsResponseMessageType', [optional('Notification', 't:NotificationType')])],
  },
  GetStreamingEvents: {
    // Exchange's Services.wsdl binds GetStreamingEvents with the GetEvents SOAPAction; clients send that.
    soapActionOf: 'GetEvents',
    request: requestType('GetStreamingEventsType', [
      element('SubscriptionIds', 't:NonEmptyArrayOfSubscriptionIdsType'),
      element('ConnectionTimeout', 't:StreamingSubscriptionConnectionTimeoutType'),
    ]),
    response: responseMessagesType('GetStreamingEventsResponseType'),
    responseMessages: [element('GetStreamingEventsResponseMessage', 'm:GetStreamingEventsResponseMessageType')],
    types: [
      responseMessage('GetStreamingEventsResponseMessageType', [
        optional('Notifications', 't:NonEmptyArrayOfNotificationsType'),
        optional('ErrorSubscriptionIds', 't:NonEmptyArrayOfSubscriptionIdsType'),
        optional('ConnectionStatus', 't:ConnectionStatusType'),
      ]),
    ],
  },
  Unsubscribe: {
    request: requestType('UnsubscribeType', [element('SubscriptionId', 't:SubscriptionIdType')]),
    response: responseMessagesType('UnsubscribeResponseType'),
    responseMessages: [element('UnsubscribeResponseMessage', 'm:ResponseMessageType')],
  },
  ...STARTUP_OPERATION_DESCRIPTIONS,
  ...FOLDER_OPERATION_DESCRIPTIONS,
};
