import { EwsError } from '../../ews/errors.ts';
import type { XmlElement } from '../../ews/xml-element.ts';
import type { Attendee, AttendeeList } from '../calendar.ts';
import type { Organization } from '../organization.ts';
import type { WritableField } from './calendar-item-fields.ts';

function attendees(el: XmlElement, where: string, org: Organization): Attendee[] {
  return el.all('Attendee').map((a, i) => {
    const address = a.textAt('Mailbox', 'EmailAddress');
    if (!address) {
      throw new EwsError('ErrorRequiredPropertyMissing', {
        message: `${where}/Attendee[${i + 1}]/Mailbox has no EmailAddress.`,
      });
    }
    return { name: a.textAt('Mailbox', 'Name') || org.attendee(address).name, address: address.toLowerCase() };
  });
}

/** One of the three attendee lists: set whole, deleted (emptied), or appended to (AppendToItemField). */
export function attendeeField(element: string, list: AttendeeList): WritableField {
  return {
    uri: `calendar:${element}`,
    element,
    set: (el, where, org, p) => {
      p.values[list] = attendees(el, where, org);
    },
    remove: (p) => {
      p.values[list] = [];
    },
    append: (el, where, org, p, current) => {
      const before = p.values[list] ?? current[list];
      const known = new Set(before.map((a) => a.address.toLowerCase()));
      p.values[list] = [...before, ...attendees(el, where, org).filter((a) => !known.has(a.address))];
    },
  };
}
