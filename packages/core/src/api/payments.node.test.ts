import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueDueDate, receiptNumber } from './payments.js';

// A machine far from Rome: the dates must be Rome's whatever the server's zone.
process.env.TZ = 'America/New_York';

describe('payment dates', () => {
  it('dates a receipt by the day in Rome', () => {
    // 00:30 on New Year's Day in Rome is still 31 December in UTC.
    const number = receiptNumber(Date.parse('2025-12-31T23:30:00Z'), 'a1b2c3d4-0000-4000-8000-000000000000');
    assert.equal(number, 'SPT-20260101-A1B2C3D4');
  });

  it('makes a catalogue notice due thirty calendar days after today in Rome', () => {
    assert.equal(catalogueDueDate(Date.parse('2025-12-31T23:30:00Z')), '2026-01-31');
    // Across the spring change: still thirty calendar days.
    assert.equal(catalogueDueDate(Date.parse('2026-03-10T12:00:00Z')), '2026-04-09');
  });
});
