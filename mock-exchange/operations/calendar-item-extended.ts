import { EwsError } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import type { CalendarItem, ExtendedValue } from '../calendar.ts';
import type { CalendarPatch } from './calendar-item-fields.ts';
import { parseExtendedPath, parseExtendedProperty } from './extended-property.ts';

/** SetItemField on an ExtendedFieldURI: the item element holds the one t:ExtendedProperty it sets. */
export function applySetExtendedField(
  pathEl: XmlElement,
  itemEl: XmlElement,
  where: string,
  patch: CalendarPatch,
): void {
  const path = parseExtendedPath(pathEl, where);
  const props = itemEl.children;
  if (props.length !== 1 || props[0]?.name !== 'ExtendedProperty') {
    throw new EwsError('ErrorIncorrectUpdatePropertyCount', {
      message: `${where}: <${itemEl.name}> must hold exactly one ExtendedProperty.`,
    });
  }
  const { path: sent, value } = parseExtendedProperty(props[0], `${where}/${itemEl.name}`);
  if (sent.key !== path.key) {
    throw new EwsError('ErrorUpdatePropertyMismatch', {
      message: `${where}: the ExtendedFieldURI and the ExtendedProperty name different properties.`,
    });
  }
  patch.extendedSet = { ...patch.extendedSet, [path.key]: value };
}

/** DeleteItemField on an ExtendedFieldURI: the property goes (deleting one not set is no error). */
export function applyDeleteExtendedField(pathEl: XmlElement, where: string, patch: CalendarPatch): void {
  const key = parseExtendedPath(pathEl, where).key;
  patch.extendedDeleted = [...(patch.extendedDeleted ?? []), key];
  if (patch.extendedSet) delete patch.extendedSet[key];
}

/** The extended properties an item ends up with: `current` with the patch's sets and deletions applied. */
export function settleExtended(patch: CalendarPatch, current: CalendarItem | undefined): void {
  if (!patch.extendedSet && !patch.extendedDeleted) return;
  const next: Record<string, ExtendedValue> = { ...current?.extended };
  for (const key of patch.extendedDeleted ?? []) delete next[key];
  Object.assign(next, patch.extendedSet);
  patch.values.extended = next;
}
