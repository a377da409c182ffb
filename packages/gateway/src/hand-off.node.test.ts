// Handing a held time from a kiosk to a phone, in the reference gateway on SQLite and PostgreSQL:
// only a kiosk hands off; the code is single-use (of concurrent claims exactly one wins), stored
// hashed, and runs out with the hold; the claimed hold has a new id, so the kiosk's session end
// frees nothing; the phone learns which kiosk it came from from the gateway; and a hand-off never
// takes a client past its two live holds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock, type ManualClock } from '@sportello/core/node';
import { checkSchema, hashManageCode, type Schemas } from '@sportello/core/contract';
import { demoKiosk } from '@sportello/demo-data';
import { skipUnless, startTestGateway, type TestGateway } from '../../../test/support/gateway.js';
import { kioskKeyCommand } from './kiosk-key-command.js';

// Monday 23 November 2026, 09:00 in Rome; the demo town's registry office.
const NOW = '2026-11-23T09:00:00+01:00';
const CIE = { service: 'cie', office: 'anagrafe-centrale' };
const DAY = '2026-11-25';

let clients = 0;
/** A phone or a kiosk of its own: another client address, through the trusted proxy. */
const anotherPhone = () => `203.0.113.${++clients}`;
const anotherKiosk = () => `198.51.100.${++clients}`;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`hand-off of a held time on ${kind}`, { skip: skipUnless(kind) }, () => {
    let gateway: TestGateway;
    let clock: ManualClock;
    before(async () => {
      clock = manualClock(NOW);
      gateway = await startTestGateway(kind, {
        now: clock.now,
        trustProxy: true,
        rateLimit: { max: 10_000, windowMs: 60_000 },
      });
    });
    after(() => gateway?.close());

    const call = (path: string, from: string, init: RequestInit = {}, headers: Record<string, string> = {}) =>
      fetch(gateway.url + path, {
        ...init,
        headers: {
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          'X-Forwarded-For': from,
          ...headers,
        },
      });
    const post = (path: string, from: string, body: unknown, headers: Record<string, string> = {}) =>
      call(path, from, { method: 'POST', body: JSON.stringify(body) }, headers);

    const slots = async () => {
      const response = await call(
        `/api/booking/slots?service=cie&office=anagrafe-centrale&date=${DAY}`,
        anotherPhone(),
      );
      return ((await response.json()) as Schemas['DaySlots']).slots;
    };
    let next = 0;
    /** The address of the kiosk that made the latest hold. */
    let kiosk = anotherKiosk();
    /** A new hold at a kiosk of its own (its address), each at another time of the day. */
    const holdAtKiosk = async () => {
      kiosk = anotherKiosk();
      const start = (await slots())[next++]!.start;
      const response = await post('/api/booking/holds', kiosk, { ...CIE, start });
      assert.equal(response.status, 201, await response.clone().text());
      return (await response.json()) as Schemas['Hold'];
    };
    const handOff = async (holdId: string, key: string = demoKiosk.key) =>
      post(`/api/booking/holds/${holdId}/hand-offs`, kiosk, undefined, { 'Sportello-Kiosk-Key': key });
    const codeFor = async (holdId: string) => {
      const response = await handOff(holdId);
      assert.equal(response.status, 201, await response.clone().text());
      const body = (await response.json()) as Schemas['HandOff'];
      assert.deepEqual(checkSchema('HandOff', body), []);
      return body;
    };
    const claim = (code: string, from: string, headers: Record<string, string> = {}) =>
      post('/api/booking/hand-off-claims', from, { code }, headers);
    const release = (holdId: string, from: string) =>
      call(`/api/booking/holds/${holdId}`, from, { method: 'DELETE' });
    const freePlaces = async (start: string) =>
      (await slots()).find((slot) => slot.start === start)?.freePlaces ?? 0;

    it('only a kiosk hands a hold off, and only a live one', async () => {
      const hold = await holdAtKiosk();
      for (const key of [undefined, 'not-a-kiosk-key']) {
        const response = await post(
          `/api/booking/holds/${hold.id}/hand-offs`,
          kiosk,
          undefined,
          key ? { 'Sportello-Kiosk-Key': key } : {},
        );
        assert.equal(response.status, 401);
        assert.equal(((await response.json()) as Schemas['Problem']).code, 'unauthorized');
      }
      const unknown = await handOff('00000000-0000-4000-8000-000000000000');
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as Schemas['Problem']).code, 'hold-not-found');
      await release(hold.id, kiosk);
      assert.equal((await handOff(hold.id)).status, 404, 'a hold given back is not handed off');
    });

    it('moves the hold to the phone under a new id, with the kiosk’s name and place from the gateway', async () => {
      const hold = await holdAtKiosk();
      const places = await freePlaces(hold.start);
      const { code, expiresAt } = await codeFor(hold.id);
      assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      assert.equal(expiresAt, hold.expiresAt, 'the code runs out with the hold');

      const phone = anotherPhone();
      const claimed = await claim(code, phone);
      assert.equal(claimed.status, 201);
      const body = (await claimed.json()) as Schemas['HandOffClaim'];
      assert.deepEqual(checkSchema('HandOffClaim', body), []);
      assert.notEqual(body.hold.id, hold.id);
      assert.deepEqual({ ...body.hold, id: hold.id }, hold, 'the same time, office and expiry');
      assert.deepEqual(body.kiosk, { name: demoKiosk.name, location: demoKiosk.location });
      assert.equal(await freePlaces(hold.start), places, 'the place stayed taken throughout');

      // The kiosk's session ends: its DELETE of the old id frees nothing.
      const kioskRelease = await release(hold.id, kiosk);
      assert.equal(kioskRelease.status, 404);
      assert.equal(((await kioskRelease.json()) as Schemas['Problem']).code, 'hold-not-found');
      assert.equal(await freePlaces(hold.start), places);
      // Nor can the kiosk book it any more.
      const booked = await post('/api/booking/appointments', kiosk, {
        holdId: hold.id,
        reason: 'scadenza',
        applicant: { givenName: 'Mario', familyName: 'Rossi', email: 'mario.rossi@example.it' },
        language: 'it',
      });
      assert.equal(booked.status, 409);

      // The second claim of the code is answered as an unknown code.
      const again = await claim(code, anotherPhone());
      assert.equal(again.status, 404);
      assert.equal(((await again.json()) as Schemas['Problem']).code, 'not-found');

      // The phone books it with its new id.
      const appointment = await post('/api/booking/appointments', phone, {
        holdId: body.hold.id,
        reason: 'scadenza',
        applicant: { givenName: 'Maria', familyName: 'Verdi', email: 'maria.verdi@example.it' },
        language: 'it',
      });
      assert.equal(appointment.status, 201);
      assert.equal(await freePlaces(hold.start), places, 'one place, held then booked');
    });

    it('stores only the code’s hash, and no code once it is claimed', async () => {
      const hold = await holdAtKiosk();
      const { code } = await codeFor(hold.id);
      const db = gateway.gateway.database.db;
      const rows = await db.selectFrom('booking_hand_offs').selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(code));
      const hash = await hashManageCode(code);
      assert.ok(rows.some((row) => row.code_hash === hash && row.hold_id === hold.id));
      assert.equal(
        (await claim(code.toLowerCase().replaceAll('-', ' '), anotherPhone())).status,
        201,
        'as typed',
      );
      const left = await db
        .selectFrom('booking_hand_offs')
        .selectAll()
        .where('hold_id', '=', hold.id)
        .execute();
      assert.deepEqual(left, []);
    });

    it('of concurrent claims of one code, exactly one wins', async () => {
      const hold = await holdAtKiosk();
      const { code } = await codeFor(hold.id);
      const answers = await Promise.all(Array.from({ length: 8 }, () => claim(code, anotherPhone())));
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [201, 404, 404, 404, 404, 404, 404, 404]);
      const live = await gateway.gateway.database.db
        .selectFrom('booking_holds')
        .select('id')
        .where('starts_at', '=', hold.start)
        .where('state', '=', 'held')
        .execute();
      assert.equal(live.length, 1, 'one hold, the winner’s');
    });

    it('runs out with the hold: 410 once the time is no longer held', async () => {
      const hold = await holdAtKiosk();
      const { code } = await codeFor(hold.id);
      // Time only goes forward here: later tests hold later times.
      clock.set(Date.parse(hold.expiresAt));
      const late = await claim(code, anotherPhone());
      assert.equal(late.status, 410);
      assert.equal(((await late.json()) as Schemas['Problem']).code, 'hold-expired');
      assert.equal((await claim(code, anotherPhone())).status, 404, 'used up all the same');

      // Given back at the kiosk before anyone claimed it: gone too.
      const given = await holdAtKiosk();
      const second = await codeFor(given.id);
      await release(given.id, kiosk);
      assert.equal((await claim(second.code, anotherPhone())).status, 410);
    });

    it('never takes the phone past two live holds', async () => {
      const phone = anotherPhone();
      const own = [];
      for (const { start } of (await slots()).slice(-2)) {
        const response = await post('/api/booking/holds', phone, { ...CIE, start });
        assert.equal(response.status, 201);
        own.push((await response.json()) as Schemas['Hold']);
      }
      const hold = await holdAtKiosk();
      const { code } = await codeFor(hold.id);
      const refused = await claim(code, phone);
      assert.equal(refused.status, 429);
      assert.equal(((await refused.json()) as Schemas['Problem']).code, 'too-many-holds');
      // Once the phone gives one of its times back, the same code works.
      await release(own[0]!.id, phone);
      assert.equal((await claim(code, phone)).status, 201);
    });

    it('answers a repeated claim with its Idempotency-Key as the first time', async () => {
      const hold = await holdAtKiosk();
      const { code } = await codeFor(hold.id);
      const phone = anotherPhone();
      const key = { 'Idempotency-Key': `claim-${kind}-${hold.id}` };
      const first = await claim(code, phone, key);
      const retry = await claim(code, phone, key);
      assert.equal(first.status, 201);
      assert.equal(retry.status, 201);
      assert.deepEqual(await retry.json(), await first.json());
    });

    it('a revoked kiosk’s codes no longer work', async () => {
      const out: string[] = [];
      const io = { now: clock.now, out: (line: string) => out.push(line), err: () => undefined };
      await kioskKeyCommand(
        ['add', '--name', 'Portineria', '--location', 'Via Roma 10'],
        gateway.gateway.database,
        io,
      );
      const key = /^\s+(kiosk_\S+)$/m.exec(out.join('\n'))![1]!;
      const id = /Kiosk (\S+) registered/.exec(out.join('\n'))![1]!;
      const hold = await holdAtKiosk();
      const response = await handOff(hold.id, key);
      assert.equal(response.status, 201);
      const { code } = (await response.json()) as Schemas['HandOff'];
      await kioskKeyCommand(['revoke', id], gateway.gateway.database, io);
      assert.equal((await claim(code, anotherPhone())).status, 404);
      assert.equal((await handOff(hold.id, key)).status, 401);
    });
  });
}
