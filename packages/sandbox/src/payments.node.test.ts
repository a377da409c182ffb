// The sandbox's payment lock, on its own clock: what the citizen is told to wait for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { manualClock } from '@sportello/core';
import { createSandbox } from './sandbox.js';

const EC = '80001234568';
const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

describe('sandbox payment lock', () => {
  it('tells the citizen to retry when the pending payment is released, not after a whole lock', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const sandbox = createSandbox({ now: clock.now });
    const canteen = { creditorFiscalCode: EC, noticeNumber: '312202600000010178' };
    const checkout = () =>
      sandbox.fetch(
        '/api/payments/checkouts',
        post({ notices: [canteen], returnUrl: 'https://comune.example.it/pagamenti' }),
      );
    assert.equal((await checkout()).status, 201);
    clock.advance(5 * 60_000);

    const lookup = await sandbox.fetch(`/api/payments/notices/${EC}/${canteen.noticeNumber}`);
    const second = await checkout();
    for (const refused of [lookup, second]) {
      assert.equal(refused.status, 409);
      assert.equal(refused.headers.get('retry-after'), '1500');
      const body = await refused.json();
      assert.equal(body.code, 'payment-ongoing');
      assert.equal(body.retryAfterSeconds, 1500, '25 of the 30 minutes are left');
    }

    const seeded = await sandbox.fetch(`/api/payments/notices/${EC}/312202600000010582`);
    assert.equal((await seeded.json()).retryAfterSeconds, 1800, 'a demo notice in progress, with no payment');
    assert.equal(seeded.headers.get('retry-after'), '1800');
  });
});
