import { parseXml } from '../../ews/soap-request.ts';
import { DEFAULT_SERVER_VERSION } from '../../ews/soap-response.ts';
import { el, txt } from '../../ews/xml-writer.ts';
import { AUTODISCOVER_NS, type MailboxSettings } from './autodiscover-namespaces.ts';

/** The user settings this organization can answer; any other name is InvalidSetting. */
const SETTINGS: Record<string, (s: MailboxSettings) => string> = {
  UserDisplayName: (s) => s.displayName,
  UserDeploymentId: (s) => s.address,
  InternalEwsUrl: (s) => s.internalEwsUrl,
  ExternalEwsUrl: (s) => s.externalEwsUrl,
  InternalMailboxServer: (s) => s.serverFqdn,
  EwsSupportedSchemas: () =>
    'Exchange2007, Exchange2007_SP1, Exchange2010, Exchange2010_SP1, Exchange2010_SP2, Exchange2013, Exchange2013_SP1, Exchange2015, Exchange2016',
  CasVersion: () =>
    `${DEFAULT_SERVER_VERSION.MajorVersion}.${String(DEFAULT_SERVER_VERSION.MinorVersion).padStart(2, '0')}.${DEFAULT_SERVER_VERSION.MajorBuildNumber}.${String(DEFAULT_SERVER_VERSION.MinorBuildNumber).padStart(3, '0')}`,
};

export interface GetUserSettingsRequest {
  mailboxes: string[];
  settings: string[];
}

/** Read GetUserSettingsRequestMessage; throws an Error naming what is missing. */
export async function parseGetUserSettings(body: string): Promise<GetUserSettingsRequest> {
  const envelope = await parseXml(body);
  const request = envelope.at('Body', 'GetUserSettingsRequestMessage', 'Request');
  if (envelope.name !== 'Envelope' || !request) {
    throw new Error('expected a SOAP Envelope with Body/GetUserSettingsRequestMessage/Request');
  }
  const mailboxes =
    request
      .child('Users')
      ?.all('User')
      .map((u) => u.textAt('Mailbox') ?? '') ?? [];
  const settings =
    request
      .child('RequestedSettings')
      ?.all('Setting')
      .map((s) => s.text.trim()) ?? [];
  if (mailboxes.length === 0 || mailboxes.includes('')) throw new Error('Request/Users/User/Mailbox is missing');
  if (settings.length === 0) throw new Error('Request/RequestedSettings/Setting is missing');
  return { mailboxes, settings };
}

function envelope(action: string, body: string): string {
  const v = DEFAULT_SERVER_VERSION;
  return el(
    's:Envelope',
    { 'xmlns:s': 'http://schemas.xmlsoap.org/soap/envelope/', 'xmlns:a': AUTODISCOVER_NS.wsa },
    el(
      's:Header',
      null,
      txt('a:Action', `${AUTODISCOVER_NS.soap}/Autodiscover/${action}`, { 's:mustUnderstand': 1 }),
      el(
        'h:ServerVersionInfo',
        { 'xmlns:h': AUTODISCOVER_NS.soap, 'xmlns:i': AUTODISCOVER_NS.xsi },
        txt('h:MajorVersion', v.MajorVersion),
        txt('h:MinorVersion', v.MinorVersion),
        txt('h:MajorBuildNumber', v.MajorBuildNumber),
        txt('h:MinorBuildNumber', v.MinorBuildNumber),
        txt('h:Version', 'Exchange2015'),
      ),
    ),
    el('s:Body', null, body),
  );
}

/** One UserResponse per requested mailbox: its settings, or InvalidUser when the address has no mailbox. */
export function getUserSettingsResponseXml(
  req: GetUserSettingsRequest,
  lookup: (address: string) => MailboxSettings | undefined,
): string {
  const users = req.mailboxes.map((address) => {
    const s = lookup(address);
    if (!s) {
      return el(
        'UserResponse',
        null,
        txt('ErrorCode', 'InvalidUser'),
        txt('ErrorMessage', `Invalid user: '${address}'`),
        el('RedirectTarget', { 'i:nil': 'true' }),
        el('UserSettingErrors'),
        el('UserSettings'),
      );
    }
    const known = req.settings.filter((n) => Object.hasOwn(SETTINGS, n));
    const unknown = req.settings.filter((n) => !Object.hasOwn(SETTINGS, n));
    return el(
      'UserResponse',
      null,
      txt('ErrorCode', 'NoError'),
      txt('ErrorMessage', 'No error.'),
      el('RedirectTarget', { 'i:nil': 'true' }),
      el(
        'UserSettingErrors',
        null,
        unknown.map((n) =>
          el(
            'UserSettingError',
            null,
            txt('ErrorCode', 'InvalidSetting'),
            txt('ErrorMessage', `The requested setting '${n}' is invalid.`),
            txt('SettingName', n),
          ),
        ),
      ),
      el(
        'UserSettings',
        null,
        known.map((n) =>
          el('UserSetting', { 'i:type': 'StringSetting' }, txt('Name', n), txt('Value', SETTINGS[n]!(s))),
        ),
      ),
    );
  });
  return envelope(
    'GetUserSettingsResponse',
    el(
      'GetUserSettingsResponseMessage',
      { xmlns: AUTODISCOVER_NS.soap },
      el(
        'Response',
        { 'xmlns:i': AUTODISCOVER_NS.xsi },
        txt('ErrorCode', 'NoError'),
        el('ErrorMessage'),
        el('UserResponses', null, users),
      ),
    ),
  );
}

/** A SOAP fault for a request Autodiscover cannot read. */
export function autodiscoverFaultXml(message: string): string {
  return el(
    's:Envelope',
    { 'xmlns:s': 'http://schemas.xmlsoap.org/soap/envelope/' },
    el(
      's:Body',
      null,
      el('s:Fault', null, txt('faultcode', 's:Client'), txt('faultstring', message, { 'xml:lang': 'en-US' })),
    ),
  );
}
