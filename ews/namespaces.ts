/** EWS and SOAP namespace URIs, with the prefixes pgsim writes. */
export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  m: 'http://schemas.microsoft.com/exchange/services/2006/messages',
  t: 'http://schemas.microsoft.com/exchange/services/2006/types',
  e: 'http://schemas.microsoft.com/exchange/services/2006/errors',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xsd: 'http://www.w3.org/2001/XMLSchema',
} as const;

/** SOAPAction of the push callback (NotificationService.wsdl). */
export const SEND_NOTIFICATION_ACTION = 'http://schemas.microsoft.com/exchange/services/2006/messages/SendNotification';
