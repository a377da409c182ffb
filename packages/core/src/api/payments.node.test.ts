import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Schemas } from './contract.js';
import { catalogueDueDate, paymentLockSecondsLeft, receiptNumber, receiptResponse } from './payments.js';

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

describe('payment lock', () => {
  const started = '2026-11-23T09:00:00.000Z';
  const at = (minutes: number) => Date.parse(started) + minutes * 60_000;

  it('asks to retry when the pending payment is released, in whole seconds rounded up', () => {
    assert.equal(paymentLockSecondsLeft(started, at(0)), 1800);
    assert.equal(paymentLockSecondsLeft(started, at(5)), 1500);
    assert.equal(paymentLockSecondsLeft(started, at(5) + 1), 1500);
    assert.equal(paymentLockSecondsLeft(started, at(5) + 1000), 1499);
  });

  it('asks to wait at least a minute, and never longer than the whole lock', () => {
    assert.equal(paymentLockSecondsLeft(started, at(29.5)), 60);
    assert.equal(paymentLockSecondsLeft(started, at(30)), 60);
    assert.equal(paymentLockSecondsLeft(started, at(-1)), 1800, 'a clock set back');
  });
});

describe('payment receipt', () => {
  const payment: Schemas['Payment'] = {
    id: 'a1b2c3d4-0000-4000-8000-000000000000',
    status: 'pending',
    amountCents: 4560,
    notices: [
      {
        creditorFiscalCode: '80001234568',
        noticeNumber: '312202600000010178',
        payee: 'Comune di Esempio',
        description: 'Mensa scolastica - ottobre 2026',
        amountCents: 4560,
        dueDate: '2026-10-31',
      },
    ],
    createdAt: '2026-11-23T09:00:00.000Z',
    simulated: true,
  };

  it('asks to wait while the payment is pending', async () => {
    const response = await receiptResponse(payment);
    assert.equal(response.status, 409);
    assert.equal((response.body as Schemas['Problem']).code, 'payment-ongoing');
  });

  it('has none for a payment that ended unpaid: nothing is going on that could bring one', async () => {
    for (const status of ['cancelled', 'failed'] as const) {
      const response = await receiptResponse({ ...payment, status });
      assert.equal(response.status, 404, status);
      assert.equal((response.body as Schemas['Problem']).code, 'not-found', status);
    }
  });

  it('is the PDF once paid', async () => {
    const response = await receiptResponse({
      ...payment,
      status: 'paid',
      receipt: {
        number: 'SPT-20261123-A1B2C3D4',
        paidAt: '2026-11-23T09:05:00.000Z',
        pdfUrl: '/receipt.pdf',
      },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers?.['Content-Type'], 'application/pdf');
  });
});
