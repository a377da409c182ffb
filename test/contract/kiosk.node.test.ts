// The kiosk part of the contract, against every implementation (the gateway on SQLite and
// PostgreSQL in demo mode, and the sandbox): the demo kiosk's heartbeat and identity, the fleet for
// the demo operator credential, and the hand-off of a held time to a phone. Same demo town, same
// fixed time, same answers. Clients are played through X-Forwarded-For (the gateway trusting its
// proxy), as in the booking suite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Schemas } from '@sportello/core/contract';
import { DEMO_OPERATOR_TOKEN, demoKiosk } from '@sportello/demo-data';
import { bodyOf, post, problemOf, targets, type ContractTarget } from '../support/contract-targets.js';

// Monday 23 November 2026, 09:00 in Rome.
const NOW = '2026-11-23T09:00:00+01:00';
const CIE = { service: 'cie', office: 'anagrafe-centrale' };
const KIOSK = { 'Sportello-Kiosk-Key': demoKiosk.key };

let clientsSoFar = 0;
const anotherClient = () => `198.18.2.${++clientsSoFar}`;

for (const [name, start, skip] of targets(NOW, { trustProxy: true })) {
  describe(`kiosk contract: ${name}`, { skip }, () => {
    let target: ContractTarget;
    before(async () => {
      target = await start();
    });
    after(() => target?.close());

    const fleet = () =>
      target.request('/api/kiosks', { headers: { 'Sportello-Operator-Token': DEMO_OPERATOR_TOKEN } });

    it('names the municipality’s coat of arms at a path of the gateway’s own (the kiosk’s policy allows no other)', async () => {
      const municipality = await bodyOf<Schemas['Municipality']>(
        await target.request('/api/municipality'),
        'Municipality',
      );
      assert.equal(municipality.logo, '/look/stemma.svg');
      if (target.database !== 'sandbox') {
        const image = await target.request(municipality.logo);
        assert.equal(image.status, 200);
        assert.match(image.headers.get('content-type') ?? '', /^image\/svg\+xml/);
      }
    });

    it('knows the demo kiosk by its key, and refuses any other with 401', async () => {
      const me = await bodyOf<Schemas['Kiosk']>(
        await target.request('/api/kiosks/me', { headers: KIOSK }),
        'Kiosk',
      );
      assert.deepEqual(me, { id: demoKiosk.id, name: demoKiosk.name, location: demoKiosk.location });
      await problemOf(await target.request('/api/kiosks/me'), 401, 'unauthorized');
      await problemOf(
        await target.request('/api/kiosks/me', { headers: { 'Sportello-Kiosk-Key': 'somebody-else' } }),
        401,
        'unauthorized',
      );
    });

    it('keeps the latest heartbeat and shows it to the operator, stale after 15 minutes', async () => {
      await problemOf(await target.request('/api/kiosks'), 401, 'unauthorized');
      const heartbeat = {
        version: '0.1.0',
        serviceWorker: 'active',
        storageUsedBytes: 2048,
        lastSelfCheck: { at: NOW, passed: false, failed: ['sessionStorage'] },
      };
      const receipt = await bodyOf<Schemas['KioskHeartbeatReceipt']>(
        await target.request('/api/kiosks/heartbeat', post(heartbeat, KIOSK)),
        'KioskHeartbeatReceipt',
      );
      assert.equal(receipt.nextHeartbeatSeconds, 300);
      const listed = await bodyOf<Schemas['KioskFleet']>(await fleet(), 'KioskFleet');
      const demo = listed.kiosks.find((kiosk) => kiosk.id === demoKiosk.id)!;
      assert.equal(demo.stale, false);
      assert.deepEqual(demo.lastHeartbeat, { receivedAt: NOW, ...heartbeat });
      target.clock.advance(15 * 60_000 + 1000);
      const later = await bodyOf<Schemas['KioskFleet']>(await fleet(), 'KioskFleet');
      assert.equal(later.kiosks.find((kiosk) => kiosk.id === demoKiosk.id)!.stale, true);
    });

    it('refuses a heartbeat with personal-looking fields', async () => {
      const answer = await target.request(
        '/api/kiosks/heartbeat',
        post(
          { version: 'Mario Rossi', serviceWorker: 'active', storageUsedBytes: 0, email: 'a@b.it' },
          KIOSK,
        ),
      );
      const problem = await problemOf(answer, 400, 'validation-failed');
      assert.deepEqual((problem.errors as { field: string }[]).map((error) => error.field).sort(), [
        'email',
        'version',
      ]);
    });

    it('hands a held time to a phone once: new id, the kiosk named, the old id controlling nothing', async () => {
      const kiosk = anotherClient();
      const { slots } = await bodyOf<Schemas['DaySlots']>(
        await target.request('/api/booking/slots?service=cie&office=anagrafe-centrale&date=2026-11-25'),
        'DaySlots',
      );
      const hold = await bodyOf<Schemas['Hold']>(
        await target.request(
          '/api/booking/holds',
          post({ ...CIE, start: slots[0]!.start }, { 'X-Forwarded-For': kiosk }),
        ),
        'Hold',
        201,
      );
      await problemOf(
        await target.request(`/api/booking/holds/${hold.id}/hand-offs`, { method: 'POST' }),
        401,
        'unauthorized',
      );
      const handOff = await bodyOf<Schemas['HandOff']>(
        await target.request(`/api/booking/holds/${hold.id}/hand-offs`, { method: 'POST', headers: KIOSK }),
        'HandOff',
        201,
      );
      assert.equal(handOff.expiresAt, hold.expiresAt);

      const phone = anotherClient();
      const claimed = await bodyOf<Schemas['HandOffClaim']>(
        await target.request(
          '/api/booking/hand-off-claims',
          post({ code: handOff.code }, { 'X-Forwarded-For': phone }),
        ),
        'HandOffClaim',
        201,
      );
      assert.notEqual(claimed.hold.id, hold.id);
      assert.deepEqual({ ...claimed.hold, id: hold.id }, hold);
      assert.deepEqual(claimed.kiosk, { name: demoKiosk.name, location: demoKiosk.location });

      await problemOf(
        await target.request(
          '/api/booking/hand-off-claims',
          post({ code: handOff.code }, { 'X-Forwarded-For': phone }),
        ),
        404,
        'not-found',
      );
      await problemOf(
        await target.request(`/api/booking/holds/${hold.id}`, {
          method: 'DELETE',
          headers: { 'X-Forwarded-For': kiosk },
        }),
        404,
        'hold-not-found',
      );
      const released = await target.request(`/api/booking/holds/${claimed.hold.id}`, {
        method: 'DELETE',
        headers: { 'X-Forwarded-For': phone },
      });
      assert.equal(released.status, 200);
    });

    it('answers 410 for a time no longer held', async () => {
      const { slots } = await bodyOf<Schemas['DaySlots']>(
        await target.request('/api/booking/slots?service=cie&office=anagrafe-centrale&date=2026-11-26'),
        'DaySlots',
      );
      const hold = await bodyOf<Schemas['Hold']>(
        await target.request(
          '/api/booking/holds',
          post({ ...CIE, start: slots[0]!.start }, { 'X-Forwarded-For': anotherClient() }),
        ),
        'Hold',
        201,
      );
      const { code } = await bodyOf<Schemas['HandOff']>(
        await target.request(`/api/booking/holds/${hold.id}/hand-offs`, { method: 'POST', headers: KIOSK }),
        'HandOff',
        201,
      );
      target.clock.set(Date.parse(hold.expiresAt));
      await problemOf(
        await target.request(
          '/api/booking/hand-off-claims',
          post({ code }, { 'X-Forwarded-For': anotherClient() }),
        ),
        410,
        'hold-expired',
      );
    });
  });
}
