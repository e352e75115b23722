/**
 * The EWS ResponseCodeType values pgsim sends, verbatim, each with the message text Exchange uses
 * (or our own wording where Exchange's is not documented). A test checks every code exists in messages.xsd.
 */
export const RESPONSE_CODES = {
  NoError: '',
  ErrorAccessDenied: 'Access is denied. Check credentials and try again.',
  ErrorCalendarEndDateIsEarlierThanStartDate: 'EndDate is earlier than StartDate',
  ErrorCalendarIsCancelledForAccept: 'The meeting was cancelled; it cannot be accepted.',
  ErrorCalendarIsCancelledForDecline: 'The meeting was cancelled; it cannot be declined.',
  ErrorCalendarIsCancelledForTentative: 'The meeting was cancelled; it cannot be tentatively accepted.',
  ErrorCalendarIsNotOrganizer: 'An attendee cannot perform an action only the organizer may perform.',
  ErrorCalendarIsOrganizerForAccept: 'The organizer cannot accept their own meeting.',
  ErrorCalendarIsOrganizerForDecline: 'The organizer cannot decline their own meeting.',
  ErrorCalendarIsOrganizerForTentative: 'The organizer cannot tentatively accept their own meeting.',
  ErrorCalendarInvalidRecurrence: 'The recurrence pattern is invalid.',
  ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange: 'The occurrence index is out of the recurrence range.',
  ErrorCalendarFolderIsInvalidForCalendarView: 'The folder is not a calendar folder; CalendarView needs one.',
  ErrorCalendarViewRangeTooBig: 'The time window specified is larger than the maximum allowed (two years).',
  ErrorCannotUseFolderIdForItemId: 'A folder id cannot be used where an item id is expected.',
  ErrorCannotUseItemIdForFolderId: 'An item id cannot be used where a folder id is expected.',
  ErrorDeleteDistinguishedFolder: 'Distinguished folders cannot be deleted.',
  ErrorExceededConnectionCount: 'You have exceeded the available concurrent connections for your account.',
  ErrorExceededSubscriptionCount: 'You have exceeded the maximum number of subscriptions for your account.',
  ErrorExpiredSubscription: 'The subscription has expired.',
  ErrorFolderExists: 'A folder with the specified name already exists.',
  ErrorFolderNotFound: 'The specified folder could not be found in the store.',
  ErrorImpersonateUserDenied: 'The account does not have permission to impersonate the requested user.',
  ErrorImpersonationDenied: 'The server to which the application is connected cannot impersonate the requested user.',
  ErrorIncorrectUpdatePropertyCount:
    'An object within a change description must contain one and only one property to modify.',
  ErrorInternalServerError: 'An internal server error occurred. The operation failed.',
  ErrorInvalidFreeBusyViewType: 'The requested free/busy view type is not valid.',
  ErrorInvalidIdEmpty: 'Id must be non-empty.',
  ErrorInvalidIdMalformed: 'Id is malformed.',
  ErrorInvalidIndexedPagingParameters: 'The indexed paging parameters are invalid.',
  ErrorInvalidItemForOperationCreateItem: 'The item type is not valid for CreateItem.',
  ErrorInvalidMergedFreeBusyInterval: 'MergedFreeBusyIntervalInMinutes must be between 5 and 1440.',
  ErrorInvalidOperation: 'The operation is not valid for this item.',
  ErrorInvalidPagingMaxRows: 'MaxEntriesReturned must be greater than zero.',
  ErrorInvalidPropertyAppend: 'This property does not support appending.',
  ErrorInvalidPropertyDelete: 'This property cannot be deleted.',
  ErrorInvalidPropertyRequest: 'This property cannot be requested here.',
  ErrorInvalidPropertySet: 'This property cannot be set.',
  ErrorInvalidPullSubscriptionId: 'The subscription id is not a pull or streaming subscription id.',
  ErrorInvalidPushSubscriptionUrl: 'The push subscription URL is invalid.',
  ErrorInvalidRequest: 'The request is invalid.',
  ErrorInvalidRestriction: 'The restriction is invalid.',
  ErrorInvalidServerVersion: 'The specified server version is invalid.',
  ErrorExceededFindCountLimit: 'The search operation has exceeded the total number of items that can be returned.',
  ErrorInvalidSubscription: 'The subscription is no longer valid.',
  ErrorInvalidSubscriptionRequest: 'The subscription request is invalid.',
  ErrorInvalidSyncStateData: 'Synchronization state data is corrupt or otherwise invalid.',
  ErrorInvalidTimeInterval: 'The time interval is invalid: EndTime must be later than StartTime.',
  ErrorInvalidWatermark: 'The watermark is invalid or has expired.',
  ErrorIrresolvableConflict:
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
  ErrorItemNotFound: 'The specified object was not found in the store.',
  ErrorMailboxDataArrayEmpty: 'MailboxDataArray must contain at least one mailbox.',
  ErrorMailboxDataArrayTooBig: 'MailboxDataArray contains more mailboxes than allowed (100).',
  ErrorMailboxMoveInProgress: 'The mailbox is being moved. Try again later.',
  ErrorMimeContentConversionFailed: 'The MIME content could not be converted into an item.',
  ErrorMimeContentInvalidBase64String: 'The MIME content is not a valid base64 string.',
  ErrorInvalidParentFolder: 'The parent folder id is invalid for this operation.',
  ErrorInvalidExtendedProperty: 'The extended property attribute combination is invalid.',
  ErrorMailboxStoreUnavailable: 'The mailbox database is temporarily unavailable.',
  ErrorMailRecipientNotFound: 'No mailbox exists for the requested address.',
  ErrorMessageDispositionRequired: 'MessageDisposition is required for this operation.',
  ErrorMeetingSuggestionGenerationFailed: 'Meeting suggestions could not be generated.',
  ErrorMissedNotificationEvents: 'Events were missed; re-create the subscription and resynchronize.',
  ErrorNameResolutionMultipleResults: 'Multiple results were found.',
  ErrorNameResolutionNoResults: 'No results were found.',
  ErrorNoPublicFolderReplicaAvailable: 'There are no public folder servers available.',
  ErrorNoFolderClassOverride: 'The folder class of a folder cannot be changed.',
  ErrorNonExistentMailbox: 'The SMTP address has no mailbox associated with it.',
  ErrorOccurrenceCrossingBoundary:
    'An occurrence cannot be moved to or before the date of the previous occurrence, or to or after the date of the next.',
  ErrorOccurrenceTimeSpanTooBig:
    'An occurrence cannot last longer than the time between two occurrences of its series.',
  ErrorReadEventsFailed: 'Events could not be read for the subscription.',
  ErrorRequiredPropertyMissing: 'A required property is missing.',
  ErrorSchemaValidation: 'The request failed schema validation.',
  ErrorServerBusy: 'The server cannot service this request right now. Try again later.',
  ErrorSubscriptionAccessDenied: 'The subscription can only be used by the account that created it.',
  ErrorSubscriptionDelegateAccessNotSupported: 'Subscriptions are not supported for delegate user access.',
  ErrorSubscriptionNotFound: 'The specified subscription was not found.',
  ErrorTimeIntervalTooBig: 'The time window of the free/busy request is larger than allowed (62 days).',
  ErrorTimeZone: 'The time zone is not one this server knows.',
  ErrorUnsupportedPathForQuery: 'The property cannot be used in a restriction.',
  ErrorUnsupportedRecurrence: 'The recurrence pattern is not supported.',
  ErrorUpdatePropertyMismatch: 'The property in the item does not match the property being updated.',
} as const;

export type ResponseCode = keyof typeof RESPONSE_CODES;

export function defaultMessage(code: ResponseCode): string {
  return RESPONSE_CODES[code];
}

export function isResponseCode(value: string): value is ResponseCode {
  return Object.hasOwn(RESPONSE_CODES, value);
}
