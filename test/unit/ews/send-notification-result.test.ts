import { describe, expect, it } from 'vitest';
import { NS } from '../../../ews/namespaces.ts';
import { parseSendNotificationResult } from '../../../ews/send-notification.ts';

const M = NS.m;
const S = NS.soap;

describe('SendNotificationResult replies', () => {
  it.each([
    [
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${S}"><soap:Body><m:SendNotificationResult xmlns:m="${M}"><m:SubscriptionStatus>OK</m:SubscriptionStatus></m:SendNotificationResult></soap:Body></soap:Envelope>`,
      'OK',
    ],
    [
      `<Envelope xmlns="${S}">\n  <Body>\n    <SendNotificationResult xmlns="${M}">\n      <SubscriptionStatus>Unsubscribe</SubscriptionStatus>\n    </SendNotificationResult>\n  </Body>\n</Envelope>\n`,
      'Unsubscribe',
    ],
    // Not the usual shape (a Header, a comment): read by the general parser.
    [
      `<s:Envelope xmlns:s="${S}"><s:Header/><s:Body><!-- fine --><SendNotificationResult xmlns="${M}"><SubscriptionStatus>OK</SubscriptionStatus></SendNotificationResult></s:Body></s:Envelope>`,
      'OK',
    ],
  ])('accepts %#', async (body, status) => {
    expect(await parseSendNotificationResult(body)).toBe(status);
  });

  it.each<[string, RegExp]>([
    ['', /empty/],
    ['OK', /not XML/],
    [
      `<a:Envelope xmlns:a="${S}"><a:Body><SendNotificationResult><SubscriptionStatus>OK</SubscriptionStatus></SendNotificationResult></a:Body></b:Envelope>`,
      /not XML/,
    ],
    [
      `<Envelope><Body><SendNotificationResult><SubscriptionStatus>OK</SubscriptionStatus></SendNotificationResult></Body></Envelope><Envelope/>`,
      /not XML/,
    ],
    [
      `<Envelope><Body><SendNotificationResult><SubscriptionStatus>Maybe</SubscriptionStatus></SendNotificationResult></Body></Envelope>`,
      /SubscriptionStatus is "Maybe"/,
    ],
    [`<Envelope><Body><Fault/></Body></Envelope>`, /no Body\/SendNotificationResult/],
    [`<html><body>OK</body></html>`, /root is <html>/],
  ])('refuses %#, saying what is wrong', async (body, message) => {
    await expect(parseSendNotificationResult(body)).rejects.toThrow(message);
  });
});
