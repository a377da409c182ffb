import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Schemas } from '../api/contract.js';
import {
  catalogueNoticeProblems,
  codiceFiscaleCheckCharacter,
  formatNoticeQr,
  normaliseCatalogueField,
  normaliseCatalogueFields,
  parseNoticeNumber,
  parseNoticeQr,
  parsePostalDataMatrix,
  validateCodiceFiscale,
  validateCreditorCode,
  type ValidationResult,
} from './index.js';

function codes(result: ValidationResult<unknown>): string[] {
  return result.problems.map((p) => `${p.severity}:${p.field}:${p.code}`);
}

const TODAY = Date.parse('2026-11-23T10:00:00Z');

describe('validateCodiceFiscale', () => {
  it('accepts the public vectors and decodes birth date, sex and birthplace', () => {
    const cases: [string, string, 'M' | 'F', boolean][] = [
      ['RCCMNL83S18D969H', '1983-11-18', 'M', false],
      ['CNTCHR83T41D969D', '1983-12-01', 'F', false],
      ['MRSMSR81D60Z611H', '1981-04-20', 'F', true],
    ];
    for (const [input, birthDate, sex, bornAbroad] of cases) {
      const result = validateCodiceFiscale(input, { today: TODAY });
      assert.equal(result.valid, true, input);
      assert.deepEqual(result.problems, []);
      assert.equal(result.fields?.birthDate, birthDate);
      assert.equal(result.fields?.sex, sex);
      assert.equal(result.fields?.bornAbroad, bornAbroad);
      assert.equal(result.fields?.omocode, false);
    }
  });

  it('accepts omocodia variants and maps the letters back before decoding', () => {
    const partial = validateCodiceFiscale('RSSMRA45C12F20RX', { today: TODAY });
    assert.equal(partial.valid, true);
    assert.equal(partial.fields?.omocode, true);
    assert.equal(partial.fields?.birthplaceCode, 'F205');

    const full = validateCodiceFiscale('RSSMRAQRCMNFNLRG', { today: TODAY });
    assert.equal(full.valid, true);
    assert.equal(full.fields?.birthDate, '1945-03-12');
    assert.equal(full.fields?.sex, 'M');
  });

  it('accepts every one of the 127 omocodia variants of a code', () => {
    const base = 'RCCMNL83S18D969H';
    const positions = [6, 7, 9, 10, 12, 13, 14];
    for (let mask = 1; mask < 128; mask++) {
      const chars = [...base];
      positions.forEach((position, bit) => {
        if (mask & (1 << bit)) chars[position] = 'LMNPQRSTUV'[Number(chars[position])]!;
      });
      const first15 = chars.slice(0, 15).join('');
      const variant = first15 + codiceFiscaleCheckCharacter(first15);
      const result = validateCodiceFiscale(variant, { today: TODAY });
      assert.equal(result.valid, true, variant);
      assert.equal(result.fields?.birthDate, '1983-11-18', variant);
    }
  });

  it('rejects the invalid vectors, saying which part is wrong', () => {
    assert.deepEqual(codes(validateCodiceFiscale('FOXDRA26C24H872A')), [
      'error:codiceFiscale:check-character',
    ]);
    const month = validateCodiceFiscale('CSTNGL22I10D086I');
    assert.equal(month.valid, false);
    assert.equal(month.problems[0]?.code, 'month');
    assert.deepEqual(month.problems[0]?.params, { character: 'I' });
    const day = validateCodiceFiscale('CNTCHR83T32D969H');
    assert.equal(day.valid, false);
    assert.ok(codes(day).includes('error:codiceFiscale:day'));
    assert.deepEqual(day.problems.find((p) => p.code === 'day')?.params, { day: 32 });
  });

  it('trims, removes spaces and upper-cases before validating', () => {
    const result = validateCodiceFiscale('  rccmnl83s18 d969h \n');
    assert.equal(result.valid, true);
    assert.equal(result.value, 'RCCMNL83S18D969H');
  });

  it('explains empty, null, too short, too long and non-ASCII input', () => {
    assert.deepEqual(codes(validateCodiceFiscale('')), ['error:codiceFiscale:required']);
    assert.deepEqual(codes(validateCodiceFiscale(null)), ['error:codiceFiscale:required']);
    assert.deepEqual(codes(validateCodiceFiscale(undefined)), ['error:codiceFiscale:required']);
    assert.deepEqual(validateCodiceFiscale('RCCMNL83S18').problems[0]?.params, { count: 11 });
    assert.deepEqual(codes(validateCodiceFiscale('RCCMNL83S18D969HX')), ['error:codiceFiscale:length']);
    const accented = validateCodiceFiscale('RCCMNÀ83S18D969H');
    assert.deepEqual(codes(accented), ['error:codiceFiscale:letter']);
    assert.deepEqual(accented.problems[0]?.params, { position: 6, character: 'À' });
    assert.deepEqual(validateCodiceFiscale('RCCMNL8XS18D969H').problems[0]?.params, {
      position: 8,
      character: 'X',
    });
  });

  it('rejects 29 February in a year that is not a leap year, accepts it in one that is', () => {
    const first15 = (s: string) => s + codiceFiscaleCheckCharacter(s);
    assert.equal(validateCodiceFiscale(first15('RSSMRA23B29H501'), { today: TODAY }).valid, false);
    assert.equal(validateCodiceFiscale(first15('RSSMRA24B29H501'), { today: TODAY }).valid, true);
  });

  it('puts the birth year in the latest century that is not in the future', () => {
    assert.equal(validateCodiceFiscale('RCCMNL83S18D969H', { today: TODAY }).fields?.birthDate, '1983-11-18');
    const young = 'RSSMRA20A01H501';
    const code = young + codiceFiscaleCheckCharacter(young);
    assert.equal(validateCodiceFiscale(code, { today: TODAY }).fields?.birthDate, '2020-01-01');
    assert.equal(
      validateCodiceFiscale(code, { today: Date.parse('2019-06-01') }).fields?.birthDate,
      '1920-01-01',
    );
  });
});

describe('validateCreditorCode', () => {
  it('accepts valid codes and warns (does not reject) on a wrong check digit', () => {
    for (const code of ['00085240950', '01199250158', '00743110157', '80001234568']) {
      const result = validateCreditorCode(code);
      assert.equal(result.valid, true, code);
      assert.deepEqual(result.problems, [], code);
    }
    for (const code of ['00743110158', '77777777777']) {
      const result = validateCreditorCode(code);
      assert.equal(result.valid, true, code);
      assert.deepEqual(codes(result), ['warning:creditorCode:check-digit']);
      assert.equal(result.fields?.checkDigitMatches, false);
    }
  });

  it('makes the check digit an error in strict mode', () => {
    assert.deepEqual(codes(validateCreditorCode('00743110158', { strict: true })), [
      'error:creditorCode:check-digit',
    ]);
  });

  it('rejects structure errors', () => {
    assert.deepEqual(codes(validateCreditorCode('')), ['error:creditorCode:required']);
    assert.deepEqual(codes(validateCreditorCode(null)), ['error:creditorCode:required']);
    assert.deepEqual(codes(validateCreditorCode('8000123456A')), ['error:creditorCode:digits-only']);
    assert.deepEqual(codes(validateCreditorCode('800012345')), ['error:creditorCode:length']);
    assert.deepEqual(codes(validateCreditorCode('800012345680')), ['error:creditorCode:length']);
    assert.equal(validateCreditorCode(' 800 0123 4568 ').value, '80001234568');
  });
});

describe('parseNoticeNumber', () => {
  it('parses the public vectors by aux digit', () => {
    const aux3 = parseNoticeNumber('300715700000000032');
    assert.equal(aux3.valid, true);
    assert.deepEqual(aux3.fields, {
      auxDigit: 3,
      segregationCode: '00',
      iuv: '00715700000000032',
      checkDigits: '32',
      checkDigitsMatch: true,
    });
    assert.equal(parseNoticeNumber('301000000000000144').fields?.segregationCode, '01');
    const aux0 = parseNoticeNumber('001123456789012313');
    assert.equal(aux0.valid, true);
    assert.equal(aux0.fields?.applicationCode, '01');
    assert.equal(aux0.fields?.iuv, '123456789012313');
    assert.equal(parseNoticeNumber('212345678901234544').fields?.auxDigit, 2);
    const aux1 = parseNoticeNumber('123456789012345678');
    assert.equal(aux1.valid, true);
    assert.equal(aux1.fields?.checkDigits, undefined);
    assert.deepEqual(aux1.problems, []);
  });

  it('strips spaces and hyphens as printed or typed', () => {
    const result = parseNoticeNumber('3007 1570 0000 0000 32');
    assert.equal(result.valid, true);
    assert.equal(result.value, '300715700000000032');
    assert.equal(parseNoticeNumber('3007-1570-0000-0000-32').valid, true);
    assert.equal(parseNoticeNumber('3007\u00a01570 0000 0000 32').valid, true);
  });

  it('warns on a check-digit mismatch, and rejects it only in strict mode', () => {
    const soft = parseNoticeNumber('302012387654312384');
    assert.equal(soft.valid, true);
    assert.deepEqual(codes(soft), ['warning:noticeNumber:check-digits']);
    assert.equal(soft.fields?.checkDigitsMatch, false);
    const strict = parseNoticeNumber('302012387654312384', { strict: true });
    assert.equal(strict.valid, false);
    assert.deepEqual(codes(strict), ['error:noticeNumber:check-digits']);
  });

  it('rejects structure errors with a specific code', () => {
    assert.deepEqual(codes(parseNoticeNumber('402000100000009400')), ['error:noticeNumber:aux-digit']);
    assert.deepEqual(codes(parseNoticeNumber('30200010000000940')), ['error:noticeNumber:length']);
    assert.deepEqual(parseNoticeNumber('30200010000000940').problems[0]?.params, { count: 17 });
    assert.deepEqual(codes(parseNoticeNumber('3002000100000009400')), ['error:noticeNumber:length']);
    assert.deepEqual(codes(parseNoticeNumber('30071570000000003A')), ['error:noticeNumber:digits-only']);
    assert.deepEqual(codes(parseNoticeNumber('３００７１５７００００００００３２')), [
      'error:noticeNumber:digits-only',
    ]);
    assert.deepEqual(codes(parseNoticeNumber('')), ['error:noticeNumber:required']);
    assert.deepEqual(codes(parseNoticeNumber('   ')), ['error:noticeNumber:required']);
    assert.deepEqual(codes(parseNoticeNumber(null)), ['error:noticeNumber:required']);
  });

  it('accepts the seeded demo notices of the Comune di Esempio', () => {
    for (const notice of ['312202600000010178', '312202600000010279', '312202600000010380']) {
      assert.deepEqual(parseNoticeNumber(notice, { strict: true }).problems, [], notice);
    }
  });
});

describe('parseNoticeQr', () => {
  it('decodes a notice QR, amount in cents with leading zeros', () => {
    const result = parseNoticeQr('PAGOPA|002|300715700000000032|00085240950|1234');
    assert.equal(result.valid, true);
    assert.equal(result.fields?.noticeNumber, '300715700000000032');
    assert.equal(result.fields?.creditorCode, '00085240950');
    assert.equal(result.fields?.amountCents, 1234);
    assert.equal(
      parseNoticeQr('PAGOPA|002|300715700000000032|00085240950|0000015000').fields?.amountCents,
      15000,
    );
    assert.equal(parseNoticeQr('PAGOPA|002|300715700000000032|00085240950|5').fields?.amountCents, 5);
  });

  it('rejects a missing amount, another version and other payloads', () => {
    assert.deepEqual(codes(parseNoticeQr('PAGOPA|002|000000000000000000|01199250158')), [
      'error:amount:amount',
    ]);
    assert.deepEqual(codes(parseNoticeQr('PAGOPA|001|300715700000000032|00085240950|1234')), [
      'error:payload:version',
    ]);
    assert.deepEqual(codes(parseNoticeQr('https://example.org')), ['error:payload:format']);
    assert.deepEqual(codes(parseNoticeQr('')), ['error:payload:required']);
    assert.deepEqual(codes(parseNoticeQr('PAGOPA|002|300715700000000032|00085240950|123456789012')), [
      'error:amount:amount',
    ]);
  });

  it('reports problems of the notice and creditor inside the QR, strict applying to both checks', () => {
    assert.deepEqual(codes(parseNoticeQr('PAGOPA|002|402000100000009400|00085240950|100')), [
      'error:noticeNumber:aux-digit',
    ]);
    const soft = parseNoticeQr('PAGOPA|002|302012387654312384|77777777777|100');
    assert.equal(soft.valid, true);
    assert.deepEqual(codes(soft), ['warning:noticeNumber:check-digits', 'warning:creditorCode:check-digit']);
    const strict = parseNoticeQr('PAGOPA|002|302012387654312384|77777777777|100', { strict: true });
    assert.equal(strict.valid, false);
    assert.equal(strict.fields, undefined);
  });
});

describe('formatNoticeQr', () => {
  it('writes the payload parseNoticeQr reads back', () => {
    const payload = formatNoticeQr({
      noticeNumber: '312202600000010279',
      creditorFiscalCode: '80001234568',
      amountCents: 12300,
    });
    assert.equal(payload, 'PAGOPA|002|312202600000010279|80001234568|12300');
    assert.deepEqual(parseNoticeQr(payload).fields?.amountCents, 12300);
  });
});

describe('parsePostalDataMatrix', () => {
  // A payload built field by field at the offsets postal notices use; the rest is padding.
  function dataMatrix(notice: string, amount: string, creditor: string): string {
    const text = 'codfase=NBPA;18' + notice + '1200000000000000' + amount + '3896' + '000' + creditor;
    return text.padEnd(256, ' ');
  }

  it('reads notice, amount and creditor at their offsets', () => {
    const result = parsePostalDataMatrix(dataMatrix('300715700000000032', '0000001234', '00085240950'));
    assert.equal(result.valid, true, JSON.stringify(result.problems));
    assert.equal(result.fields?.noticeNumber, '300715700000000032');
    assert.equal(result.fields?.amountCents, 1234);
    assert.equal(result.fields?.creditorCode, '00085240950');
  });

  it('refuses a reading cut short as incomplete, even with every code in it', () => {
    const whole = dataMatrix('300715700000000032', '0000001234', '00085240950');
    const damaged = parsePostalDataMatrix(whole.slice(0, 200));
    assert.equal(damaged.valid, false);
    assert.deepEqual(codes(damaged), ['error:payload:incomplete']);
    assert.equal(damaged.fields, undefined);
    assert.equal(parsePostalDataMatrix(whole).valid, true, 'its padding is part of it');
  });

  it('rejects other payloads, short ones and bad amounts', () => {
    assert.deepEqual(codes(parsePostalDataMatrix('PAGOPA|002|300715700000000032|00085240950|1234')), [
      'error:payload:format',
    ]);
    assert.deepEqual(codes(parsePostalDataMatrix('codfase=NBPA;18300715700000000032')), [
      'error:payload:incomplete',
    ]);
    assert.deepEqual(
      codes(parsePostalDataMatrix(dataMatrix('300715700000000032', '00000012AB', '00085240950'))),
      ['error:amount:amount'],
    );
    assert.deepEqual(codes(parsePostalDataMatrix(null)), ['error:payload:required']);
  });
});

describe('catalogue plate field', () => {
  const parkingFine: Schemas['CatalogueItem'] = {
    id: 'sanzione-cds',
    name: { it: 'Multa per divieto di sosta', en: 'Parking fine' },
    amount: { kind: 'fixed', cents: 4200 },
    fields: [{ name: 'plate', kind: 'plate', label: { it: 'Targa', en: 'Plate' } }],
  };
  function plateProblems(plate: string): string[] {
    return catalogueNoticeProblems(parkingFine, { fields: { plate } }).map((p) => `${p.field}:${p.code}`);
  }

  it('accepts any plate a fine can be issued to, as typed', () => {
    for (const plate of ['AB123CD', 'ab 123 cd', 'AB12345', 'B-XY 1234', 'AB-123-CD', 'ZH123456']) {
      assert.deepEqual(plateProblems(plate), [], plate);
    }
  });

  it('rejects empty, too short, too long, and plates without a letter or a digit', () => {
    assert.deepEqual(plateProblems(''), ['fields.plate:required']);
    for (const plate of ['A', 'ABCDEFGHIJK1', 'ABCDEF', '123456', 'AB_12']) {
      assert.deepEqual(plateProblems(plate), ['fields.plate:format'], plate);
    }
  });

  it('stores a plate upper-cased, without spaces, hyphens or dots; other kinds keep their hyphens', () => {
    assert.equal(normaliseCatalogueField('ab 123 cd', 'plate'), 'AB123CD');
    assert.equal(normaliseCatalogueField('B-XY 1234', 'plate'), 'BXY1234');
    assert.equal(normaliseCatalogueField('ab.123.cd', 'plate'), 'AB123CD');
    assert.equal(normaliseCatalogueField('2026-12 / a', 'violationNumber'), '2026-12/A');
  });

  it('normalises what the widget sends and the gateway stores, each field by its kind', () => {
    assert.deepEqual(normaliseCatalogueFields(parkingFine, { plate: 'ab-123 cd', unknown: 'x' }), {
      plate: 'AB123CD',
    });
  });
});
