import { responseMessages, successMessage } from '../../ews/soap-response.ts';
import { WINDOWS_ZONES, windowsZone } from '../../ews/windows-time-zones.ts';
import { el } from '../../ews/xml-writer.ts';
import type { EwsOperation } from '../operation.ts';
import { parseBoolean } from './request-values.ts';
import { timeZoneDefinitionXml } from './time-zone-definition-xml.ts';

/**
 * GetServerTimeZones: the Windows time zones the server knows, all of them or those named in m:Ids (an id it
 * does not know is left out); ReturnFullTimeZoneData (default true) adds periods and transitions.
 */
export const GetServerTimeZones: EwsOperation = {
  name: 'GetServerTimeZones',
  handle(ctx) {
    const body = ctx.request.body;
    const fullAttr = body.attr('ReturnFullTimeZoneData');
    const full = fullAttr === undefined ? true : parseBoolean(fullAttr, 'GetServerTimeZones@ReturnFullTimeZoneData');
    const ids = body.child('Ids')?.children.map((c) => c.text) ?? [];
    const zones = body.child('Ids') ? ids.flatMap((id) => windowsZone(id) ?? []) : WINDOWS_ZONES;
    return responseMessages(
      'GetServerTimeZones',
      successMessage(
        'GetServerTimeZonesResponseMessage',
        el(
          'm:TimeZoneDefinitions',
          null,
          zones.map((z) => timeZoneDefinitionXml(z, full)),
        ),
      ),
    );
  },
};
