import { windowsZoneId } from '../../ews/time-zones.ts';
import { type WindowsZone, windowsZone, type YearlyRule } from '../../ews/windows-time-zones.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import type { CalendarItem } from '../calendar.ts';
import type { Mailbox } from '../organization.ts';
import { MONTHS } from '../recurrence.ts';
import { biasDuration, timeZoneDefinitionXml } from './time-zone-definition-xml.ts';

/**
 * The zones of a calendar item as Exchange reports them: the ones the client set, else the series' zone, else
 * the mailbox owner's (Exchange stamps every item with its creator's zone). Undefined where the zone has no
 * Windows definition here (an IANA name the table lacks): the element is then left out rather than invented.
 */
export function itemZones(item: CalendarItem, mailbox: Mailbox): { start?: WindowsZone; end?: WindowsZone } {
  const fallback = item.recurrence?.timeZone ?? mailbox.timeZone;
  const zoneOf = (id: string | undefined) => {
    const windowsId = windowsZoneId(id ?? fallback);
    return windowsId === undefined ? undefined : windowsZone(windowsId);
  };
  return { start: zoneOf(item.startTimeZone), end: zoneOf(item.endTimeZone ?? item.startTimeZone) };
}

/** t:TimeZone: the display name of the item's start zone. */
export function timeZoneNameXml(zone: WindowsZone | undefined): string | undefined {
  return zone && txt('t:TimeZone', zone.name);
}

/** StartTimeZone / EndTimeZone: full TimeZoneDefinitions, as Exchange 2010 and later return them. */
export function zoneDefinitionXml(element: 'StartTimeZone' | 'EndTimeZone', zone: WindowsZone | undefined) {
  return zone && timeZoneDefinitionXml(zone, true, `t:${element}`);
}

const INDEX: Record<YearlyRule['occurrence'], string> = {
  1: 'First',
  2: 'Second',
  3: 'Third',
  4: 'Fourth',
  [-1]: 'Last',
};

function clock(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`;
}

function change(name: 'Standard' | 'Daylight', zoneName: string, offset: number, rule: YearlyRule): string {
  return el(
    `t:${name}`,
    { TimeZoneName: zoneName },
    txt('t:Offset', biasDuration(offset)),
    el(
      't:RelativeYearlyRecurrence',
      null,
      txt('t:DaysOfWeek', rule.day),
      txt('t:DayOfWeekIndex', INDEX[rule.occurrence]),
      txt('t:Month', MONTHS[rule.month - 1]),
    ),
    txt('t:Time', clock(rule.minutes)),
  );
}

/**
 * MeetingTimeZone (Exchange 2007's TimeZoneType): BaseOffset is the zone's bias (UTC = local + bias), and
 * Standard/Daylight the offsets added to it with the yearly rule of each change.
 */
export function meetingTimeZoneXml(zone: WindowsZone | undefined): string | undefined {
  if (!zone) return undefined;
  const dst = zone.daylight;
  return el(
    't:MeetingTimeZone',
    { TimeZoneName: zone.id },
    txt('t:BaseOffset', biasDuration(zone.bias)),
    dst && change('Standard', zone.id, 0, dst.end),
    dst && change('Daylight', zone.id, -60, dst.start),
  );
}
