import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateInRome, formatDate, formatMonth, formatDateTime, formatEuro, formatTime } from './format.js';

// A machine far from Rome: the helpers must not depend on it (Node applies TZ set at run time).
process.env.TZ = 'America/New_York';

// Intl separates amount and symbol with a no-break space: compare with ordinary spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('Intl helpers', () => {
  it('formats integer cents as euro in each language', () => {
    assert.equal(plain(formatEuro(4560, 'it')), '45,60 €');
    assert.equal(plain(formatEuro(4560, 'en')), '€45.60');
    assert.equal(plain(formatEuro(12300, 'it')), '123,00 €');
    assert.equal(plain(formatEuro(1, 'it')), '0,01 €');
    assert.equal(plain(formatEuro(99_999_999_999, 'it')), '999.999.999,99 €');
    assert.throws(() => formatEuro(45.6, 'it'), RangeError);
  });

  it('shows dates and times in Rome, whatever the machine’s time zone', () => {
    assert.equal(formatDate('2027-03-11', 'it', 'full'), 'giovedì 11 marzo 2027');
    assert.equal(formatDate('2027-03-11', 'en', 'full'), 'Thursday, 11 March 2027');
    // 23:30 UTC on 31 December is already New Year's Day in Rome.
    assert.equal(formatDate('2026-12-31T23:30:00Z', 'it', 'short'), '01/01/27');
    // Either side of the spring change: UTC+1 before, UTC+2 after.
    assert.equal(formatTime('2026-03-29T00:30:00Z', 'it'), '01:30');
    assert.equal(formatTime('2026-03-29T01:30:00Z', 'it'), '03:30');
    assert.equal(plain(formatDateTime('2026-10-25T09:00:00Z', 'en')), '25 October 2026 at 10:00');
  });

  it('says which day it is in Rome at an instant', () => {
    // 23:30 UTC on 22 November is 00:30 on the 23rd in Rome (and still the 22nd in New York).
    assert.equal(dateInRome(Date.parse('2026-11-22T23:30:00Z')), '2026-11-23');
    assert.equal(dateInRome('2026-11-22T22:30:00Z'), '2026-11-22');
    // The night of the spring change.
    assert.equal(dateInRome('2026-03-28T23:30:00Z'), '2026-03-29');
  });

  it('names a month and its year', () => {
    assert.equal(formatMonth('2026-12', 'it'), 'dicembre 2026');
    assert.equal(formatMonth('2027-01', 'en'), 'January 2027');
  });
});
