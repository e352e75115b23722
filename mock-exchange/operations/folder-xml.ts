import { fault } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import type { FolderProperties } from '../folder-restriction.ts';
import { folderTotalCount, type MailboxFolder } from '../folder-tree.ts';
import {
  type ComputedValue,
  comparableValue,
  type ExtendedPath,
  extendedPropertiesXml,
  parseExtendedPath,
} from './extended-property.ts';

type BaseShape = 'IdOnly' | 'Default' | 'AllProperties';

/** What a FolderShape asks for: a base shape plus the FieldURIs named in AdditionalProperties. */
export interface FolderShape {
  base: BaseShape;
  additional: ReadonlySet<string>;
  /** ExtendedFieldURIs asked for, in request order. */
  extended?: readonly ExtendedPath[];
}

/** Parse m:FolderShape (GetFolder, FindFolder, SyncFolderHierarchy), FieldURIs and ExtendedFieldURIs. */
export function parseFolderShape(shapeEl: XmlElement | undefined, operation: string): FolderShape {
  const base = shapeEl?.textAt('BaseShape') ?? 'Default';
  if (base !== 'IdOnly' && base !== 'Default' && base !== 'AllProperties') {
    throw fault(
      'ErrorSchemaValidation',
      `The request failed schema validation: ${operation}/FolderShape/BaseShape "${base}" is not IdOnly, Default or AllProperties.`,
    );
  }
  const additional = new Set<string>();
  const extended: ExtendedPath[] = [];
  for (const path of shapeEl?.child('AdditionalProperties')?.children ?? []) {
    if (path.name === 'ExtendedFieldURI')
      extended.push(parseExtendedPath(path, `${operation}/FolderShape/AdditionalProperties`));
    const uri = path.name === 'FieldURI' ? path.attr('FieldURI') : undefined;
    if (uri) additional.add(uri);
  }
  return { base, additional, extended };
}

/** The MAPI properties the store keeps for every folder, by canonical path key. */
function folderComputed(f: MailboxFolder, key: string): ComputedValue | undefined {
  switch (key) {
    case 'tag:3613': // PR_CONTAINER_CLASS
      return f.folderClass;
    case 'tag:3001': // PR_DISPLAY_NAME
    case 'tag:10f3': // PR_URL_COMP_NAME
      return f.displayName;
    case 'tag:3602': // PR_CONTENT_COUNT
      return folderTotalCount(f);
    case 'tag:3603': // PR_CONTENT_UNREAD
      return 0;
    case 'tag:360a': // PR_SUBFOLDERS
      return f.children.length > 0;
    case 'tag:3008': // PR_LAST_MODIFICATION_TIME
    case 'tag:670a': {
      // PR_LOCAL_COMMIT_TIME_MAX: clients use it to tell whether anything in the folder changed.
      if (f.distinguishedId !== 'calendar') return undefined;
      let latest: number | undefined;
      for (const item of f.mailbox.calendar.items()) latest = Math.max(latest ?? item.lastModified, item.lastModified);
      return latest === undefined ? undefined : { instant: latest };
    }
    default:
      return undefined;
  }
}

/** The values a restriction on FindFolder can test, with the extended properties it names (`ext:<key>`). */
export function folderProperties(f: MailboxFolder, extendedKeys: readonly string[] = []): FolderProperties {
  const values: Record<string, string | number | undefined> = {
    'folder:DisplayName': f.displayName,
    'folder:FolderClass': f.folderClass,
    'folder:TotalCount': folderTotalCount(f),
    'folder:ChildFolderCount': f.children.length,
  };
  for (const key of extendedKeys) values[`ext:${key}`] = comparableValue(undefined, folderComputed(f, key));
  return values as FolderProperties;
}

function effectiveRights(f: MailboxFolder): string {
  return el(
    't:EffectiveRights',
    null,
    txt('t:CreateAssociated', true),
    txt('t:CreateContents', true),
    txt('t:CreateHierarchy', true),
    txt('t:Delete', !f.system),
    txt('t:Modify', true),
    txt('t:Read', true),
    txt('t:ViewPrivateItems', true),
  );
}

/** Default: FolderId, DisplayName, TotalCount, ChildFolderCount, UnreadCount; AllProperties adds the rest. */
const DEFAULT_FIELDS = ['folder:DisplayName', 'folder:TotalCount', 'folder:ChildFolderCount', 'folder:UnreadCount'];
const ALL_FIELDS = [
  'folder:FolderId',
  'folder:ParentFolderId',
  'folder:FolderClass',
  ...DEFAULT_FIELDS,
  'folder:EffectiveRights',
];

/** One folder as t:Folder, t:CalendarFolder, t:ContactsFolder, t:TasksFolder or t:SearchFolder, in schema order. */
export function folderXml(f: MailboxFolder, shape: FolderShape): string {
  const wanted = new Set(shape.base === 'AllProperties' ? ALL_FIELDS : shape.base === 'Default' ? DEFAULT_FIELDS : []);
  for (const uri of shape.additional) wanted.add(uri);
  // UnreadCount belongs to FolderType (and TasksFolderType, SearchFolderType) only, not calendars or contacts.
  const hasUnread = f.element !== 'CalendarFolder' && f.element !== 'ContactsFolder';
  return el(
    `t:${f.element}`,
    null,
    el('t:FolderId', { Id: f.id, ChangeKey: f.changeKey }),
    wanted.has('folder:ParentFolderId') &&
      f.parent &&
      el('t:ParentFolderId', { Id: f.parent.id, ChangeKey: f.parent.changeKey }),
    wanted.has('folder:FolderClass') && txt('t:FolderClass', f.folderClass),
    wanted.has('folder:DisplayName') && txt('t:DisplayName', f.displayName),
    wanted.has('folder:TotalCount') && txt('t:TotalCount', folderTotalCount(f)),
    wanted.has('folder:ChildFolderCount') && txt('t:ChildFolderCount', f.children.length),
    extendedPropertiesXml(shape.extended, undefined, (key) => folderComputed(f, key)),
    wanted.has('folder:EffectiveRights') && effectiveRights(f),
    hasUnread && wanted.has('folder:UnreadCount') && txt('t:UnreadCount', 0),
  );
}
