import type { WindowsZone, YearlyRule } from '../../ews/windows-time-zones.ts';
import { el, txt } from '../../ews/xml-writer.ts';

/** xs:duration of a bias in minutes: -60 is "-PT1H", 330 is "PT5H30M", 0 is "PT0H". */
export function biasDuration(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}PT${h}H${m ? `${m}M` : ''}`;
}

const periodId = (z: WindowsZone, name: 'Standard' | 'Daylight') => `trule:Microsoft/Registry/${z.id}/1-${name}`;

function recurringDay(to: string, r: YearlyRule): string {
  return el(
    't:RecurringDayTransition',
    null,
    txt('t:To', to, { Kind: 'Period' }),
    txt('t:TimeOffset', biasDuration(r.minutes)),
    txt('t:Month', r.month),
    txt('t:DayOfWeek', r.day),
    txt('t:Occurrence', r.occurrence),
  );
}

/**
 * t:TimeZoneDefinition as Exchange writes it: with full data, the Standard (and Daylight) periods, one group of
 * yearly transitions and a Transitions list pointing at that group; otherwise only Id and Name. `element`: the
 * name it is written under (StartTimeZone and EndTimeZone are of the same type).
 */
export function timeZoneDefinitionXml(z: WindowsZone, full: boolean, element = 't:TimeZoneDefinition'): string {
  if (!full) return el(element, { Id: z.id, Name: z.name });
  const standard = periodId(z, 'Standard');
  const daylight = periodId(z, 'Daylight');
  const periods = [el('t:Period', { Bias: biasDuration(z.bias), Name: 'Standard', Id: standard })];
  if (z.daylight) periods.push(el('t:Period', { Bias: biasDuration(z.bias - 60), Name: 'Daylight', Id: daylight }));
  const group = z.daylight
    ? [recurringDay(daylight, z.daylight.start), recurringDay(standard, z.daylight.end)]
    : [el('t:Transition', null, txt('t:To', standard, { Kind: 'Period' }))];
  return el(
    element,
    { Id: z.id, Name: z.name },
    el('t:Periods', null, periods),
    el('t:TransitionsGroups', null, el('t:TransitionsGroup', { Id: 0 }, group)),
    el('t:Transitions', null, el('t:Transition', null, txt('t:To', 0, { Kind: 'Group' }))),
  );
}
