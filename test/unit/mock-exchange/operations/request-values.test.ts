import { afterEach, describe, expect, it } from 'vitest';
import { EwsError } from '../../../../ews/errors.ts';
import {
  parseBoolean,
  parseDate,
  parseDateTime,
  parseEnum,
  parseInteger,
} from '../../../../mock-exchange/operations/request-values.ts';

/** The schema fault a bad value raises: ErrorSchemaValidation, an HTTP 500 SOAP fault, with its full text. */
function schemaFault(run: () => unknown): { code: string; level: string; httpStatus: number; message: string } {
  try {
    run();
  } catch (err) {
    if (!(err instanceof EwsError)) throw err;
    return { code: err.code, level: err.level, httpStatus: err.httpStatus, message: err.message };
  }
  throw new Error('no fault was raised');
}

const refused = (message: string) => ({ code: 'ErrorSchemaValidation', level: 'fault', httpStatus: 500, message });

describe('xs:dateTime values', () => {
  it('reads a value without offset as UTC, and one with an offset as that offset says', () => {
    expect(parseDateTime('2030-05-06T08:00:00', 'StartDate')).toBe(Date.UTC(2030, 4, 6, 8, 0, 0));
    expect(parseDateTime(' 2030-05-06T08:00:00.250Z ', 'StartDate')).toBe(Date.UTC(2030, 4, 6, 8, 0, 0, 250));
    expect(parseDateTime('2030-05-06T10:00:00+02:00', 'StartDate')).toBe(Date.UTC(2030, 4, 6, 8, 0, 0));
  });

  it('refuses a value that is not one, quoting it trimmed, and an absent one as ""', () => {
    expect(schemaFault(() => parseDateTime(' tomorrow ', 'CalendarView StartDate'))).toEqual(
      refused('The request failed schema validation: CalendarView StartDate "tomorrow" is not a valid xs:dateTime.'),
    );
    expect(schemaFault(() => parseDateTime(undefined, 'CalendarView EndDate'))).toEqual(
      refused('The request failed schema validation: CalendarView EndDate "" is not a valid xs:dateTime.'),
    );
  });
});

describe('xs:date values', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads a date as its midnight: UTC when it has no offset or Z, else at its offset', () => {
    expect(parseDate('2030-05-06', 'Date')).toBe(Date.UTC(2030, 4, 6));
    expect(parseDate('  2030-05-06  ', 'Date')).toBe(Date.UTC(2030, 4, 6));
    expect(parseDate('2030-05-06Z', 'Date')).toBe(Date.UTC(2030, 4, 6));
    expect(parseDate('2030-05-06+02:00', 'Date')).toBe(Date.UTC(2030, 4, 5, 22, 0, 0));
    expect(parseDate('2030-05-06-05:00', 'Date')).toBe(Date.UTC(2030, 4, 6, 5, 0, 0));
  });

  it("reads a date without offset as UTC midnight whatever the host's time zone", () => {
    process.env.TZ = 'America/New_York';
    expect(parseDate('2030-05-06', 'Date')).toBe(Date.UTC(2030, 4, 6));
    process.env.TZ = 'Asia/Tokyo';
    expect(parseDate('2030-05-06', 'Date')).toBe(Date.UTC(2030, 4, 6));
  });

  it('refuses a value that is not one, quoting it trimmed, and an absent one as ""', () => {
    expect(schemaFault(() => parseDate(' 2030-13-45 ', 'RecurrenceRange StartDate'))).toEqual(
      refused('The request failed schema validation: RecurrenceRange StartDate "2030-13-45" is not a valid xs:date.'),
    );
    expect(schemaFault(() => parseDate('2030-05-06T00:00:00Z', 'EndDate'))).toEqual(
      refused('The request failed schema validation: EndDate "2030-05-06T00:00:00Z" is not a valid xs:date.'),
    );
    expect(schemaFault(() => parseDate(undefined, 'EndDate'))).toEqual(
      refused('The request failed schema validation: EndDate "" is not a valid xs:date.'),
    );
  });
});

describe('xs:boolean values', () => {
  it('takes the four lexical forms the schema allows, trimmed', () => {
    expect(parseBoolean('true', 'ReturnFullContactData')).toBe(true);
    expect(parseBoolean('1', 'ReturnFullContactData')).toBe(true);
    expect(parseBoolean('false', 'ReturnFullContactData')).toBe(false);
    expect(parseBoolean('0', 'ReturnFullContactData')).toBe(false);
    expect(parseBoolean(' false ', 'ReturnFullContactData')).toBe(false);
  });

  it('refuses any other form, quoting it trimmed, and an absent one as ""', () => {
    expect(schemaFault(() => parseBoolean(' TRUE ', 'ReturnFullContactData'))).toEqual(
      refused('The request failed schema validation: ReturnFullContactData "TRUE" is not a valid xs:boolean.'),
    );
    expect(schemaFault(() => parseBoolean('', 'ReturnFullContactData'))).toEqual(
      refused('The request failed schema validation: ReturnFullContactData "" is not a valid xs:boolean.'),
    );
    expect(schemaFault(() => parseBoolean(undefined, 'ReturnFullContactData'))).toEqual(
      refused('The request failed schema validation: ReturnFullContactData "" is not a valid xs:boolean.'),
    );
  });
});

describe('xs:int values', () => {
  it('takes an optional sign and 1 to 10 digits, trimmed', () => {
    expect(parseInteger('0', 'MaxEntriesReturned')).toBe(0);
    expect(parseInteger(' 42 ', 'MaxEntriesReturned')).toBe(42);
    expect(parseInteger('+7', 'Offset')).toBe(7);
    expect(parseInteger('-7', 'Offset')).toBe(-7);
    expect(parseInteger('1234567890', 'Offset')).toBe(1234567890);
  });

  it('refuses anything around the digits, 11 digits, and an absent value, quoting it trimmed', () => {
    for (const bad of ['x5', '5x', '12345678901', '1.5', '']) {
      expect(schemaFault(() => parseInteger(` ${bad} `, 'IndexedPageItemView Offset'))).toEqual(
        refused(`The request failed schema validation: IndexedPageItemView Offset "${bad}" is not a valid xs:int.`),
      );
    }
    expect(schemaFault(() => parseInteger(undefined, 'MaxEntriesReturned'))).toEqual(
      refused('The request failed schema validation: MaxEntriesReturned "" is not a valid xs:int.'),
    );
  });
});

describe('enumerated attributes', () => {
  const TRAVERSAL = ['Shallow', 'SoftDeleted', 'Associated'] as const;

  it('takes an allowed value as written, and the fallback only when the attribute is absent', () => {
    expect(parseEnum('Associated', TRAVERSAL, 'FindItem Traversal')).toBe('Associated');
    expect(parseEnum(undefined, TRAVERSAL, 'FindItem Traversal', 'Shallow')).toBe('Shallow');
    expect(parseEnum('SoftDeleted', TRAVERSAL, 'FindItem Traversal', 'Shallow')).toBe('SoftDeleted');
  });

  it('refuses another value (case counts) or an absent one without fallback, listing the allowed ones', () => {
    expect(schemaFault(() => parseEnum('shallow', TRAVERSAL, 'FindItem Traversal', 'Shallow'))).toEqual(
      refused(
        'The request failed schema validation: FindItem Traversal "shallow" is not one of Shallow, SoftDeleted, Associated.',
      ),
    );
    expect(schemaFault(() => parseEnum(undefined, TRAVERSAL, 'FindItem Traversal'))).toEqual(
      refused(
        'The request failed schema validation: FindItem Traversal "" is not one of Shallow, SoftDeleted, Associated.',
      ),
    );
  });
});
