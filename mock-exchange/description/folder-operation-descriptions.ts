import { type OperationDescription, requestType, responseMessagesType } from './operation-description.ts';
import { element, optional } from './xsd-model.ts';

/** Folder management and user configuration: what a client calls to learn the user's time zone and make folders. */
export const FOLDER_OPERATION_DESCRIPTIONS: Readonly<Record<string, OperationDescription>> = {
  GetUserConfiguration: {
    request: requestType('GetUserConfigurationType', [
      element('UserConfigurationName', 't:UserConfigurationNameType'),
      element('UserConfigurationProperties', 't:UserConfigurationPropertyType'),
    ]),
    response: responseMessagesType('GetUserConfigurationResponseType'),
    responseMessages: [element('GetUserConfigurationResponseMessage', 'm:GetUserConfigurationResponseMessageType')],
    types: [
      {
        name: 'GetUserConfigurationResponseMessageType',
        ns: 'm',
        base: 'm:ResponseMessageType',
        sequence: [optional('UserConfiguration', 't:UserConfigurationType')],
      },
    ],
  },
  CreateFolder: {
    request: requestType('CreateFolderType', [
      element('ParentFolderId', 't:TargetFolderIdType'),
      element('Folders', 't:NonEmptyArrayOfFoldersType'),
    ]),
    response: responseMessagesType('CreateFolderResponseType'),
    // m:FolderInfoResponseMessageType is GetFolder's, declared with it.
    responseMessages: [element('CreateFolderResponseMessage', 'm:FolderInfoResponseMessageType')],
  },
  DeleteFolder: {
    request: requestType(
      'DeleteFolderType',
      [element('FolderIds', 't:NonEmptyArrayOfBaseFolderIdsType')],
      [{ name: 'DeleteType', type: 't:DisposalType', required: true }],
    ),
    response: responseMessagesType('DeleteFolderResponseType'),
    responseMessages: [element('DeleteFolderResponseMessage', 'm:ResponseMessageType')],
  },
  UpdateFolder: {
    request: requestType('UpdateFolderType', [element('FolderChanges', 't:NonEmptyArrayOfFolderChangesType')]),
    response: responseMessagesType('UpdateFolderResponseType'),
    responseMessages: [element('UpdateFolderResponseMessage', 'm:FolderInfoResponseMessageType')],
  },
};
