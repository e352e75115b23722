import { LEGACY_FREE_BUSY } from '../calendar.ts';
import { calendarItemTypes } from './calendar-item-type.ts';
import {
  choice,
  element,
  optional,
  repeated,
  type XsdComplexType,
  type XsdGlobalElement,
  type XsdSimpleType,
} from './xsd-model.ts';

const ID_ATTRIBUTES = [
  { name: 'Id', type: 'xs:string', required: true },
  { name: 'ChangeKey', type: 'xs:string' },
];

/** FindFolder and FindItem RootFolder paging attributes (t:FindResponsePagingAttributes, spelt out). */
const PAGING_ATTRIBUTES = [
  { name: 'IndexedPagingOffset', type: 'xs:int' },
  { name: 'NumeratorOffset', type: 'xs:int' },
  { name: 'AbsoluteDenominator', type: 'xs:int' },
  { name: 'IncludesLastItemInRange', type: 'xs:boolean' },
  { name: 'TotalItemsInView', type: 'xs:int' },
];

const string = (name: string, enumeration?: readonly string[]): XsdSimpleType => ({
  kind: 'simple',
  name,
  ns: 't',
  base: 'xs:string',
  ...(enumeration ? { enumeration } : {}),
});

/** Simple types of the values the mock writes, restricted to the values it writes where they form a set. */
export const TYPES_SIMPLE: readonly XsdSimpleType[] = [
  string('ItemClassType'),
  string('SensitivityChoicesType', ['Normal', 'Personal', 'Private', 'Confidential']),
  string('ImportanceChoicesType', ['Low', 'Normal', 'High']),
  string('LegacyFreeBusyType', LEGACY_FREE_BUSY),
  string('CalendarItemTypeType', ['Single', 'Occurrence', 'Exception', 'RecurringMaster']),
  string('ResponseTypeType', ['Unknown', 'Organizer', 'Tentative', 'Accept', 'Decline', 'NoResponseReceived']),
  string('BodyTypeType', ['HTML', 'Text']),
];

/** Types the mock writes, described element by element in Microsoft's names and order. */
export function describedTypes(): XsdComplexType[] {
  return [
    { name: 'BaseFolderIdType', ns: 't', abstract: true },
    { name: 'FolderIdType', ns: 't', base: 't:BaseFolderIdType', attributes: ID_ATTRIBUTES },
    { name: 'BaseItemIdType', ns: 't', abstract: true },
    { name: 'ItemIdType', ns: 't', base: 't:BaseItemIdType', attributes: ID_ATTRIBUTES },
    {
      name: 'BaseFolderType',
      ns: 't',
      abstract: true,
      sequence: [
        optional('FolderId', 't:FolderIdType'),
        optional('ParentFolderId', 't:FolderIdType'),
        optional('FolderClass', 'xs:string'),
        optional('DisplayName', 'xs:string'),
        optional('TotalCount', 'xs:int'),
        optional('ChildFolderCount', 'xs:int'),
        repeated('ExtendedProperty', 't:ExtendedPropertyType'),
        optional('EffectiveRights', 't:EffectiveRightsType'),
        optional('DistinguishedFolderId', 't:DistinguishedFolderIdNameType'),
      ],
    },
    { name: 'FolderType', ns: 't', base: 't:BaseFolderType', sequence: [optional('UnreadCount', 'xs:int')] },
    { name: 'CalendarFolderType', ns: 't', base: 't:BaseFolderType', sequence: [] },
    {
      name: 'ArrayOfFoldersType',
      ns: 't',
      sequence: [
        choice(
          [
            element('Folder', 't:FolderType'),
            element('CalendarFolder', 't:CalendarFolderType'),
            element('ContactsFolder', 't:ContactsFolderType'),
            element('SearchFolder', 't:SearchFolderType'),
            element('TasksFolder', 't:TasksFolderType'),
          ],
          { min: 0, max: 'unbounded' },
        ),
      ],
    },
    {
      name: 'EffectiveRightsType',
      ns: 't',
      sequence: ['CreateAssociated', 'CreateContents', 'CreateHierarchy', 'Delete', 'Modify', 'Read']
        .map((n) => element(n, 'xs:boolean'))
        .concat(optional('ViewPrivateItems', 'xs:boolean')),
    },
    {
      name: 'FindFolderParentType',
      ns: 't',
      sequence: [optional('Folders', 't:ArrayOfFoldersType')],
      attributes: PAGING_ATTRIBUTES,
    },
    {
      name: 'FindItemParentType',
      ns: 't',
      sequence: [choice([element('Items', 't:ArrayOfRealItemsType'), element('Groups', 't:ArrayOfGroupedItemsType')])],
      attributes: PAGING_ATTRIBUTES,
    },
    {
      name: 'ArrayOfRealItemsType',
      ns: 't',
      sequence: [choice([element('CalendarItem', 't:CalendarItemType')], { min: 0, max: 'unbounded' })],
    },
    ...calendarItemTypes(),
    {
      name: 'BodyType',
      ns: 't',
      base: 'xs:string',
      simpleContent: true,
      attributes: [{ name: 'BodyType', type: 't:BodyTypeType', required: true }],
    },
    { name: 'BaseEmailAddressType', ns: 't', abstract: true },
    {
      name: 'EmailAddressType',
      ns: 't',
      base: 't:BaseEmailAddressType',
      sequence: [
        optional('Name', 'xs:string'),
        optional('EmailAddress', 't:NonEmptyStringType'),
        optional('RoutingType', 't:NonEmptyStringType'),
        optional('MailboxType', 't:MailboxTypeType'),
        optional('ItemId', 't:ItemIdType'),
      ],
    },
    { name: 'SingleRecipientType', ns: 't', sequence: [element('Mailbox', 't:EmailAddressType')] },
    {
      name: 'AttendeeType',
      ns: 't',
      sequence: [
        element('Mailbox', 't:EmailAddressType'),
        optional('ResponseType', 't:ResponseTypeType'),
        optional('LastResponseTime', 'xs:dateTime'),
      ],
    },
    {
      name: 'NonEmptyArrayOfAttendeesType',
      ns: 't',
      sequence: [{ ...repeated('Attendee', 't:AttendeeType'), min: undefined }],
    },
  ];
}

/**
 * Types the mock reads or writes without describing them element by element here: they are declared
 * with open content (any element, checked only where a declaration exists).
 */
export const OPEN_TYPES: readonly string[] = [
  'FolderResponseShapeType',
  'NonEmptyArrayOfBaseFolderIdsType',
  'IndexedPageViewType',
  'FractionalPageViewType',
  'RestrictionType',
  'ItemResponseShapeType',
  'CalendarViewType',
  'NonEmptyArrayOfBaseItemIdsType',
  'TargetFolderIdType',
  'NonEmptyArrayOfAllItemsType',
  'NonEmptyArrayOfItemChangesType',
  'SerializableTimeZone',
  'ArrayOfMailboxData',
  'FreeBusyViewOptionsType',
  'SuggestionsViewOptionsType',
  'FreeBusyView',
  'ArrayOfSuggestionDayResult',
  'ArrayOfResolutionType',
  'PullSubscriptionRequestType',
  'PushSubscriptionRequestType',
  'StreamingSubscriptionRequestType',
  'NotificationType',
  'NonEmptyArrayOfNotificationsType',
  'NonEmptyArrayOfSubscriptionIdsType',
  'ContactsFolderType',
  'SearchFolderType',
  'TasksFolderType',
  'ArrayOfGroupedItemsType',
  'RecurrenceType',
  'OccurrenceInfoType',
  'NonEmptyArrayOfDeletedOccurrencesType',
  'NonEmptyArrayOfOccurrenceInfoType',
  'MimeContentType',
  'ConflictResultsType',
  'NonEmptyArrayOfTimeZoneIdType',
  'ArrayOfTimeZoneDefinitionType',
  'NonEmptyArrayOfAlternateIdsType',
  'AlternateIdBaseType',
  'SyncFolderHierarchyChangesType',
  'ArrayOfBaseItemIdsType',
  'SyncFolderItemsChangesType',
  'UserConfigurationNameType',
  'ExtendedPropertyType',
  'NonEmptyArrayOfFieldOrdersType',
  'UserConfigurationType',
  'NonEmptyArrayOfFoldersType',
  'NonEmptyArrayOfFolderChangesType',
  'TimeZoneType',
  'TimeZoneDefinitionType',
];

/** Simple types declared by their base only: the operations check the values themselves. */
export const PLAIN_SIMPLE_TYPES: readonly XsdSimpleType[] = [
  'NonEmptyStringType',
  'MailboxTypeType',
  'DistinguishedFolderIdNameType',
  'SubscriptionIdType',
  'WatermarkType',
  'ConnectionStatusType',
  'FolderQueryTraversalType',
  'ItemQueryTraversalType',
  'MessageDispositionType',
  'CalendarItemCreateOrDeleteOperationType',
  'CalendarItemUpdateOperationType',
  'ConflictResolutionType',
  'DisposalType',
  'ResolveNamesSearchScopeType',
  'IdFormatType',
  'SyncFolderItemsScopeType',
  'UserConfigurationPropertyType',
]
  .map((name) => string(name))
  .concat(
    ['StreamingSubscriptionConnectionTimeoutType', 'MaxSyncChangesReturnedType'].map((name) => ({
      kind: 'simple' as const,
      name,
      ns: 't' as const,
      base: 'xs:int',
    })),
  );

/** Global elements of types.xsd: SOAP headers and the references in GetUserAvailabilityRequest. */
export const TYPES_ELEMENTS: readonly XsdGlobalElement[] = [
  {
    name: 'ServerVersionInfo',
    ns: 't',
    type: '',
    anonymous: {
      attributes: [
        { name: 'MajorVersion', type: 'xs:int' },
        { name: 'MinorVersion', type: 'xs:int' },
        { name: 'MajorBuildNumber', type: 'xs:int' },
        { name: 'MinorBuildNumber', type: 'xs:int' },
        { name: 'Version', type: 'xs:string' },
      ],
    },
  },
  { name: 'TimeZone', ns: 't', type: 't:SerializableTimeZone' },
  { name: 'FreeBusyViewOptions', ns: 't', type: 't:FreeBusyViewOptionsType' },
  { name: 'SuggestionsViewOptions', ns: 't', type: 't:SuggestionsViewOptionsType' },
];
