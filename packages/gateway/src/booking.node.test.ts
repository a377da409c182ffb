// Booking in the reference gateway: places are never overbooked (concurrency, expiry, restarts,
// rescheduling), one client cannot hold them all (two live holds each, across instances), manage
// codes are private (hashed, same answer for wrong and unknown, wrong ones limited per client, never
// locking the owner out), and every change leaves a message in the outbox, sent by SMTP when
// configured, that carries no words of the citizen's but their name.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { manualClock, type ManualClock } from '@sportello/core/node';
import { checkSchema, hashManageCode, minutesOf, slotsOfDay, type Schemas } from '@sportello/core/contract';
import {
  skipUnless,
  startTestGateway,
  type DatabaseKind,
  type TestGateway,
} from '../../../test/support/gateway.js';
import { sandboxTarget } from '../../../test/support/contract-targets.js';
import { migrations } from './migrations.js';
import { SENT_CODE_PLACEHOLDER, startMailSender, type MailTransport } from './notifications.js';
import { buildGateway } from './app.js';

// Monday 23 November 2026, 09:00 in Rome.
const NOW = '2026-11-23T09:00:00+01:00';
const OFFICE = 'sportello-prova';
const SERVICE = 'prova';

/** A town of its own: one office with two counters, open 09:00-12:00 on weekdays, half-hour slots. */
const fixtureMunicipality: Schemas['Municipality'] = {
  name: 'Comune di Prova',
  creditorFiscalCode: '80001234568',
  offices: [
    {
      id: OFFICE,
      name: 'Sportello di prova',
      address: { street: 'Via della Prova 1', postalCode: '00100', city: 'Prova' },
      phone: '+39 06 000000',
      openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '12:00' })),
      counters: 2,
      closures: [{ from: '2026-12-07', to: '2026-12-07' }],
    },
  ],
  services: [
    { id: SERVICE, name: 'Servizio di prova', officeIds: [OFFICE] },
    { id: 'altro', name: 'Altro servizio', officeIds: [OFFICE] },
  ],
};

const fixtureServices: Schemas['BookingService'][] = [
  {
    id: SERVICE,
    name: { it: 'Servizio di prova', en: 'Test service' },
    durationMinutes: 30,
    officeIds: [OFFICE],
    documents: [{ it: 'Un documento d’identità', en: 'An identity document' }],
    reasons: [{ id: 'motivo', label: { it: 'Un motivo', en: 'A reason' } }],
  },
  {
    id: 'altro',
    name: { it: 'Altro servizio', en: 'Another service' },
    durationMinutes: 30,
    officeIds: [OFFICE],
    documents: [],
    reasons: [{ id: 'motivo', label: { it: 'Un motivo', en: 'A reason' } }],
  },
];

const APPLICANT = { givenName: 'Maria', familyName: 'Verdi', email: 'maria.verdi@example.it' };

/**
 * A client address of its own for each call (through X-Forwarded-For, the gateway trusting the
 * proxy): tests of the places an office has must not meet the limit of holds per client.
 */
let clientsSoFar = 0;
const anotherClient = () => {
  const n = clientsSoFar++;
  return `198.18.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
};

/** Slots of the fixture office on a date, in Rome's winter time. */
const at = (date: string, time: string) => `${date}T${time}:00+01:00`;

interface Booking {
  gateway: TestGateway;
  clock: ManualClock;
  logs: () => string;
  folder: string;
}

async function startBooking(
  kind: DatabaseKind,
  overrides: Parameters<typeof startTestGateway>[1] = {},
  options: Parameters<typeof startTestGateway>[2] = {},
): Promise<Booking> {
  const folder = mkdtempSync(join(tmpdir(), 'sportello-booking-'));
  writeFileSync(join(folder, 'municipality.json'), JSON.stringify(fixtureMunicipality));
  writeFileSync(join(folder, 'services.json'), JSON.stringify({ services: fixtureServices }));
  const clock = manualClock(NOW);
  let logs = '';
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs += chunk;
      done();
    },
  });
  const gateway = await startTestGateway(
    kind,
    {
      now: clock.now,
      municipalityFile: join(folder, 'municipality.json'),
      bookingServicesFile: join(folder, 'services.json'),
      // The tests play several clients through X-Forwarded-For.
      trustProxy: true,
      rateLimit: { max: 10_000, windowMs: 60_000 },
      logLevel: 'info',
      ...overrides,
    },
    { logStream, ...options },
  );
  return { gateway, clock, logs: () => logs, folder };
}

async function stopBooking(booking: Booking | undefined) {
  await booking?.gateway.close();
  if (booking) rmSync(booking.folder, { recursive: true, force: true });
}

function client(booking: Booking) {
  const request = (path: string, init: RequestInit = {}) => fetch(booking.gateway.url + path, init);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  return {
    request,
    /** Holds `start` for `from` (by default a client of its own: see anotherClient). */
    hold: (start: string, extra: Record<string, unknown> = {}, from = anotherClient()) =>
      post(
        '/api/booking/holds',
        { service: SERVICE, office: OFFICE, start, ...extra },
        { 'X-Forwarded-For': from },
      ),
    release: (holdId: string) => request(`/api/booking/holds/${holdId}`, { method: 'DELETE' }),
    confirm: (holdId: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
      post(
        '/api/booking/appointments',
        { holdId, reason: 'motivo', applicant: APPLICANT, language: 'it', ...extra },
        headers,
      ),
    manage: (reference: string, code: string, method = 'GET', ip = '203.0.113.1') =>
      request(`/api/booking/appointments/${reference}`, {
        method,
        headers: { 'Sportello-Manage-Code': code, 'X-Forwarded-For': ip },
      }),
    reschedule: (reference: string, code: string, holdId: string) =>
      post(
        `/api/booking/appointments/${reference}/reschedule`,
        { holdId },
        { 'Sportello-Manage-Code': code },
      ),
    async book(start: string, extra: Record<string, unknown> = {}) {
      // With an Idempotency-Key, as the widget holds: the hold is then made inside its transaction.
      const held = await post(
        '/api/booking/holds',
        { service: SERVICE, office: OFFICE, start },
        { 'X-Forwarded-For': anotherClient(), 'Idempotency-Key': crypto.randomUUID() },
      );
      assert.equal(held.status, 201, `hold ${start}`);
      const hold = (await held.json()) as Schemas['Hold'];
      const confirmed = await this.confirm(hold.id, extra);
      assert.equal(confirmed.status, 201);
      return (await confirmed.json()) as Schemas['ConfirmedAppointment'];
    },
    async freePlaces(start: string): Promise<number> {
      const date = start.slice(0, 10);
      const response = await request(`/api/booking/slots?service=${SERVICE}&office=${OFFICE}&date=${date}`);
      const { slots } = (await response.json()) as Schemas['DaySlots'];
      return slots.find((slot) => slot.start === start)?.freePlaces ?? 0;
    },
  };
}

/** The stored places of a slot's first minute (places are counted minute by minute). */
async function slotRow(booking: Booking, start: string) {
  const row = await booking.gateway.gateway.database.db
    .selectFrom('booking_slots')
    .selectAll()
    .where('office_id', '=', OFFICE)
    .where('start_ms', '=', Date.parse(start))
    .executeTakeFirst();
  return row ? { capacity: Number(row.capacity), taken: Number(row.taken) } : undefined;
}

async function codeOf(response: Response) {
  return ((await response.json()) as { code: string }).code;
}

for (const kind of ['sqlite', 'postgres'] as DatabaseKind[]) {
  describe(`booking on ${kind}`, { skip: skipUnless(kind) }, () => {
    let booking: Booking;
    let api: ReturnType<typeof client>;
    const codes: string[] = [];
    before(async () => {
      booking = await startBooking(kind);
      api = client(booking);
    });
    after(() => stopBooking(booking));

    it('50 concurrent hold-and-confirm attempts on one slot of capacity 2 make exactly 2 appointments', async () => {
      const start = at('2026-11-25', '10:00');
      // Fifty citizens, each from an address of their own: the database's rule on places is what
      // refuses them, not the limit of holds per client.
      const attempts = await Promise.all(
        Array.from({ length: 50 }, async (_, citizen) => {
          const held = await api.hold(start, {}, `192.0.2.${citizen + 1}`);
          if (held.status !== 201) return { hold: held.status, code: await codeOf(held) };
          const hold = (await held.json()) as Schemas['Hold'];
          const confirmed = await api.confirm(hold.id);
          const body = (await confirmed.json()) as Schemas['ConfirmedAppointment'];
          codes.push(body.manageCode);
          return { hold: 201, appointment: confirmed.status };
        }),
      );
      const confirmed = attempts.filter((attempt) => attempt.appointment === 201);
      assert.equal(confirmed.length, 2);
      const refused = attempts.filter((attempt) => attempt.hold === 409);
      assert.equal(refused.length, 48);
      assert.deepEqual(new Set(refused.map((attempt) => attempt.code)), new Set(['slot-unavailable']));
      const rows = await booking.gateway.gateway.database.db
        .selectFrom('appointments')
        .select('reference')
        .where('start_ms', '=', Date.parse(start))
        .execute();
      assert.equal(rows.length, 2);
      assert.deepEqual(await slotRow(booking, start), { capacity: 2, taken: 2 });
      assert.equal(await api.freePlaces(start), 0, 'the full slot is not offered');
    });

    it('only offers real slots: a time between slots, in the past, too soon or at another office is refused', async () => {
      const between = await api.hold(at('2026-11-25', '10:10'));
      assert.equal(between.status, 409);
      assert.equal(await codeOf(between), 'slot-unavailable');
      const tooSoon = await api.hold(at('2026-11-23', '10:00'));
      assert.equal(await codeOf(tooSoon), 'slot-unavailable', 'within the two-hour lead time');
      const closed = await api.hold(at('2026-12-07', '10:00'));
      assert.equal(await codeOf(closed), 'slot-unavailable', 'the office closure');
      const holiday = await api.hold(at('2026-12-08', '10:00'));
      assert.equal(await codeOf(holiday), 'slot-unavailable', 'a national holiday');
      const elsewhere = await api.hold(at('2026-11-25', '10:00'), { office: 'anagrafe-centrale' });
      assert.equal(elsewhere.status, 404);
      assert.equal(await codeOf(elsewhere), 'not-found');
    });

    it('a hold lasts 10 minutes; then its place is free again and it cannot be confirmed', async () => {
      const start = at('2026-11-26', '09:00');
      const first = (await (await api.hold(start)).json()) as Schemas['Hold'];
      assert.equal(first.expiresAt, '2026-11-23T09:10:00+01:00');
      await api.hold(start);
      assert.equal(await codeOf(await api.hold(start)), 'slot-unavailable');
      booking.clock.advance(9 * 60_000);
      assert.equal(await api.freePlaces(start), 0, 'still held after nine minutes');
      booking.clock.advance(60_000);
      assert.equal(await api.freePlaces(start), 2, 'both places are back after ten');
      assert.deepEqual(await slotRow(booking, start), { capacity: 2, taken: 0 });
      const late = await api.confirm(first.id);
      assert.equal(late.status, 409);
      assert.equal(await codeOf(late), 'hold-expired');
      assert.equal((await api.hold(start)).status, 201);
    });

    it('replacing a hold gives its place back in the same step, even for the same time', async () => {
      const start = at('2026-11-26', '09:30');
      const other = at('2026-11-26', '10:00');
      const mine = (await (await api.hold(start)).json()) as Schemas['Hold'];
      await api.hold(start);
      const again = await api.hold(start, { replaces: mine.id });
      assert.equal(again.status, 201, 'the full slot takes my own hold back');
      const swapped = (await again.json()) as Schemas['Hold'];
      const moved = await api.hold(other, { replaces: swapped.id });
      assert.equal(moved.status, 201);
      assert.deepEqual(await slotRow(booking, start), { capacity: 2, taken: 1 });
      assert.deepEqual(await slotRow(booking, other), { capacity: 2, taken: 1 });
      assert.equal((await api.confirm(swapped.id)).status, 409, 'a replaced hold is over');
    });

    it('a restart keeps holds and appointments: no place is lost or given twice', async () => {
      const start = at('2026-11-27', '09:00');
      const booked = await api.book(start);
      const held = (await (await api.hold(start)).json()) as Schemas['Hold'];
      await booking.gateway.restart();
      api = client(booking);
      assert.equal(await codeOf(await api.hold(start)), 'slot-unavailable', 'still full after the restart');
      const seen = await api.manage(booked.appointment.reference, booked.manageCode);
      assert.equal(seen.status, 200);
      assert.deepEqual(await seen.json(), booked.appointment);
      assert.equal((await api.confirm(held.id)).status, 201, 'the hold survived the restart');
      assert.deepEqual(await slotRow(booking, start), { capacity: 2, taken: 2 });
    });

    it('shows an appointment with its code: initials only, never names or email', async () => {
      const { appointment, manageCode } = await api.book(at('2026-11-27', '10:00'));
      assert.match(appointment.reference, /^PROVA-[0-9A-Z]{6}$/);
      assert.deepEqual(checkSchema('Appointment', appointment), []);
      assert.equal(appointment.initials, 'M. V.');
      // The code works however it is typed: lower case, without hyphens.
      const response = await api.manage(appointment.reference, manageCode.replaceAll('-', '').toLowerCase());
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.ok(!text.includes('Maria') && !text.includes('Verdi') && !text.includes('example.it'));
    });

    it('answers a wrong code exactly as an unknown reference', async () => {
      const { appointment, manageCode } = await api.book(at('2026-11-27', '10:30'));
      const wrongCode = manageCode.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      const wrong = await api.manage(appointment.reference, wrongCode, 'GET', '203.0.113.20');
      const unknown = await api.manage('PROVA-000000', manageCode, 'GET', '203.0.113.21');
      assert.equal(wrong.status, 404);
      assert.equal(unknown.status, 404);
      assert.deepEqual(await wrong.json(), await unknown.json());
      const cancelWrong = await api.manage(appointment.reference, wrongCode, 'DELETE', '203.0.113.22');
      assert.equal(cancelWrong.status, 404);
      assert.equal((await api.manage(appointment.reference, manageCode)).status, 200, 'still confirmed');
    });

    it('five wrong codes from one address never lock the owner out: a right code is always answered', async () => {
      const { appointment, manageCode } = await api.book(at('2026-11-27', '11:00'));
      const wrong = 'AAAA-AAAA-AAAA-AAAA';
      const [guesser, owner] = ['198.51.100.7', '203.0.113.50'];
      for (let attempt = 0; attempt < 5; attempt++) {
        assert.equal((await api.manage(appointment.reference, wrong, 'GET', guesser)).status, 404);
      }
      const seen = await api.manage(appointment.reference, manageCode, 'GET', owner);
      assert.equal(seen.status, 200, 'the owner, from another address, after five wrong guesses');
      const cancelAttempt = await api.manage(appointment.reference, wrong, 'DELETE', guesser);
      assert.equal(cancelAttempt.status, 429, 'the sixth wrong code from the guesser');
      const retryAfter = Number(cancelAttempt.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= 15 * 60);
      const problem = (await cancelAttempt.json()) as { code: string; retryAfterSeconds: number };
      assert.equal(problem.code, 'rate-limited');
      assert.equal(problem.retryAfterSeconds, retryAfter);
      assert.equal(
        (await api.manage(appointment.reference, manageCode, 'GET', guesser)).status,
        200,
        'a right code is answered even from that address (80 random bits protect it, not the count)',
      );
      assert.equal((await api.manage(appointment.reference, manageCode, 'GET', owner)).status, 200);
      booking.clock.advance(15 * 60_000 + 1000);
      assert.equal(
        (await api.manage(appointment.reference, wrong, 'GET', guesser)).status,
        404,
        'the window has passed',
      );
    });

    it('counts wrong codes per address across references (20), and stores no address', async () => {
      const { appointment, manageCode } = await api.book(at('2026-11-27', '11:30'));
      const guesser = '198.51.100.9';
      for (let attempt = 0; attempt < 20; attempt++) {
        const reference = `PROVA-0000${String(attempt).padStart(2, '0')}`;
        assert.equal((await api.manage(reference, 'AAAA-AAAA-AAAA-AAAA', 'GET', guesser)).status, 404);
      }
      assert.equal((await api.manage('PROVA-000099', 'AAAA-AAAA-AAAA-AAAA', 'GET', guesser)).status, 429);
      assert.equal((await api.manage(appointment.reference, manageCode, 'GET', guesser)).status, 200);
      const keys = await booking.gateway.gateway.database.db
        .selectFrom('manage_code_failures')
        .select('key')
        .execute();
      assert.ok(keys.length >= 40);
      assert.ok(!JSON.stringify(keys).includes('198.51.100'), 'a keyed hash, never the address');
    });

    it('a burst of 12 concurrent wrong codes from one address gets 5 answers and 7 refusals, not 12 tries', async () => {
      const { appointment, manageCode } = await api.book(at('2026-11-27', '11:30'));
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          api.manage(appointment.reference, 'AAAA-AAAA-AAAA-AAAA', 'GET', '203.0.113.100'),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [...Array(5).fill(404), ...Array(7).fill(429)]);
      // Twelve addresses guessing one reference do not add up against its owner.
      const many = await Promise.all(
        Array.from({ length: 12 }, (_, n) =>
          api.manage(appointment.reference, 'AAAA-AAAA-AAAA-AAAA', 'GET', `203.0.113.${120 + n}`),
        ),
      );
      assert.deepEqual(new Set(many.map((answer) => answer.status)), new Set([404]));
      assert.equal((await api.manage(appointment.reference, manageCode, 'GET', '203.0.113.1')).status, 200);
    });

    it('rescheduling is atomic: an expired hold changes nothing; a live one moves the place', async () => {
      const from = at('2026-11-30', '09:00');
      const to = at('2026-11-30', '09:30');
      const { appointment, manageCode } = await api.book(from);
      codes.push(manageCode);
      const stale = (await (await api.hold(to)).json()) as Schemas['Hold'];
      booking.clock.advance(11 * 60_000);
      const refused = await api.reschedule(appointment.reference, manageCode, stale.id);
      assert.equal(refused.status, 409);
      assert.equal(await codeOf(refused), 'hold-expired');
      assert.deepEqual(await (await api.manage(appointment.reference, manageCode)).json(), appointment);
      assert.deepEqual(await slotRow(booking, from), { capacity: 2, taken: 1 }, 'the old place is kept');
      assert.equal(await api.freePlaces(to), 2, 'the expired hold gave its place back');
      assert.deepEqual(await slotRow(booking, to), { capacity: 2, taken: 0 });

      const otherService = (await (await api.hold(to, { service: 'altro' })).json()) as Schemas['Hold'];
      const wrongService = await api.reschedule(appointment.reference, manageCode, otherService.id);
      assert.equal(await codeOf(wrongService), 'hold-expired', 'a hold for another service does not fit');

      const live = (await (await api.hold(to)).json()) as Schemas['Hold'];
      const moved = await api.reschedule(appointment.reference, manageCode, live.id);
      assert.equal(moved.status, 200);
      const body = (await moved.json()) as Schemas['Appointment'];
      assert.deepEqual(body, { ...appointment, start: to, end: at('2026-11-30', '10:00') });
      assert.deepEqual(await slotRow(booking, from), { capacity: 2, taken: 0 }, 'the old place is freed');
      // The other service's hold still counts until it expires.
      assert.deepEqual(await slotRow(booking, to), { capacity: 2, taken: 2 });
      assert.equal(
        await codeOf(await api.reschedule(appointment.reference, manageCode, live.id)),
        'hold-expired',
      );
    });

    it('cancelling frees the place once; cancelling again answers the same; a cancelled one cannot move', async () => {
      const start = at('2026-11-30', '11:00');
      const first = await api.book(start);
      await api.book(start);
      assert.equal(await api.freePlaces(start), 0);
      const cancelled = await api.manage(first.appointment.reference, first.manageCode, 'DELETE');
      assert.equal(cancelled.status, 200);
      const body = (await cancelled.json()) as Schemas['Appointment'];
      assert.deepEqual(body, { ...first.appointment, status: 'cancelled' });
      const again = await api.manage(first.appointment.reference, first.manageCode, 'DELETE');
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), body);
      assert.equal(await api.freePlaces(start), 1);
      assert.deepEqual(await slotRow(booking, start), { capacity: 2, taken: 1 });
      const hold = (await (await api.hold(at('2026-11-30', '11:30'))).json()) as Schemas['Hold'];
      const move = await api.reschedule(first.appointment.reference, first.manageCode, hold.id);
      assert.equal(move.status, 409);
      assert.equal(await codeOf(move), 'appointment-cancelled');
    });

    it('writes a confirmation, a new-time and a cancellation message, in the citizen’s language', async () => {
      const { appointment, manageCode } = await api.book(at('2026-12-01', '09:00'), { language: 'en' });
      const hold = (await (await api.hold(at('2026-12-01', '10:00'))).json()) as Schemas['Hold'];
      await api.reschedule(appointment.reference, manageCode, hold.id);
      await api.manage(appointment.reference, manageCode, 'DELETE');
      await api.manage(appointment.reference, manageCode, 'DELETE');
      const messages = await booking.gateway.gateway.database.db
        .selectFrom('notifications')
        .selectAll()
        .where('appointment_reference', '=', appointment.reference)
        .orderBy('created_at')
        .execute();
      assert.deepEqual(
        messages.map((message) => message.kind),
        ['confirmation', 'rescheduled', 'cancellation'],
      );
      const [confirmation, rescheduled, cancellation] = messages;
      for (const message of messages) {
        assert.equal(message.to_address, APPLICANT.email);
        assert.equal(message.sent_at, null);
        assert.ok(message.body.includes(appointment.reference));
        assert.ok(message.body.includes('Test service'));
        assert.ok(message.body.includes('Via della Prova 1, 00100 Prova'));
        assert.ok(message.body.startsWith('Dear Maria Verdi,'));
      }
      assert.match(confirmation!.subject, /^Appointment confirmed: Test service/);
      assert.ok(confirmation!.body.includes('Tuesday, 1 December 2026 at 09:00 (until 09:30)'));
      assert.ok(confirmation!.body.includes('- An identity document'));
      assert.ok(
        confirmation!.body.includes(manageCode),
        'the confirmation is how the citizen keeps the code',
      );
      assert.equal(confirmation!.manage_code, manageCode);
      assert.ok(rescheduled!.body.includes('Tuesday, 1 December 2026 at 10:00'));
      assert.ok(rescheduled!.body.includes('Previous time: Tuesday, 1 December 2026 at 09:00'));
      assert.ok(!rescheduled!.body.includes(manageCode) && !cancellation!.body.includes(manageCode));
      assert.match(cancellation!.subject, /^Appointment cancelled/);

      const italian = await api.book(at('2026-12-01', '11:00'));
      const message = await booking.gateway.gateway.database.db
        .selectFrom('notifications')
        .selectAll()
        .where('appointment_reference', '=', italian.appointment.reference)
        .executeTakeFirstOrThrow();
      assert.ok(message.body.startsWith('Gentile Maria Verdi,'));
      assert.ok(message.body.includes('martedì 1 dicembre 2026 alle ore 11:00 (fino alle 11:30)'));
      assert.ok(message.body.includes('Cosa portare:\n- Un documento d’identità'));
      // The words of the widgets: one register ("tu") and one name for each thing.
      assert.ok(message.body.includes('il tuo appuntamento è confermato'));
      assert.ok(message.body.includes('«Gestisci un appuntamento»'));
      assert.ok(message.body.includes('codice per modificare o annullare'));
      assert.doesNotMatch(message.body, /codice di gestione|il suo |Conservi|Gestisci una prenotazione/);
      assert.ok(confirmation!.body.includes('“Manage an appointment”'));
      assert.ok(confirmation!.body.includes('code to change or cancel'));
    });

    it('stores the manage code only hashed: the plaintext is nowhere in the appointments table', async () => {
      const { appointment, manageCode } = await api.book(at('2026-12-02', '09:00'));
      codes.push(manageCode);
      const rows = await booking.gateway.gateway.database.db.selectFrom('appointments').selectAll().execute();
      assert.ok(rows.length > 5);
      const table = JSON.stringify(rows);
      for (const code of codes) {
        assert.ok(!table.includes(code), 'a manage code in the appointments table');
        assert.ok(!table.includes(code.replaceAll('-', '')), 'a manage code in the appointments table');
      }
      const row = rows.find((candidate) => candidate.reference === appointment.reference)!;
      assert.equal(row.manage_code_hash, await hashManageCode(manageCode));
    });

    it('replays createAppointment for the same Idempotency-Key, code included, and logs neither', async () => {
      const hold = (await (await api.hold(at('2026-12-02', '10:00'))).json()) as Schemas['Hold'];
      const key = 'booking-replay-0001';
      const first = await api.confirm(hold.id, {}, { 'Idempotency-Key': key });
      const replay = await api.confirm(hold.id, {}, { 'Idempotency-Key': key });
      assert.equal(first.status, 201);
      assert.equal(replay.status, 201);
      const body = (await first.json()) as Schemas['ConfirmedAppointment'];
      assert.deepEqual(await replay.json(), body);
      assert.equal((await api.confirm(hold.id)).status, 409, 'without the key the hold is used up');
      const logs = booking.logs();
      assert.match(logs, /"operation":"createAppointment"/);
      for (const secret of [body.manageCode, body.appointment.reference, 'Maria', 'Verdi', APPLICANT.email]) {
        assert.ok(!logs.includes(secret), `the logs contain ${secret}`);
      }
    });

    it('points a full month at the first free day of a later one', async () => {
      // Every remaining place of November taken (today has no slot left two hours ahead).
      const db = booking.gateway.gateway.database.db;
      for (let day = 24; day <= 30; day++) {
        const slots = slotsOfDay(`2026-11-${day}`, fixtureMunicipality.offices[0]!, 30);
        for (const slot of slots) {
          // Places are counted per minute: every minute of the slot full.
          const minutes = minutesOf(Date.parse(slot.start), Date.parse(slot.end));
          await db
            .insertInto('booking_slots')
            .values(minutes.map((start_ms) => ({ office_id: OFFICE, start_ms, capacity: 2, taken: 2 })))
            .onConflict((conflict) => conflict.columns(['office_id', 'start_ms']).doUpdateSet({ taken: 2 }))
            .execute();
        }
      }
      const response = await api.request(
        `/api/booking/availability?service=${SERVICE}&office=${OFFICE}&month=2026-11`,
      );
      const november = (await response.json()) as Schemas['Availability'];
      assert.ok(november.days.every((day) => day.state === 'closed' || day.state === 'full'));
      assert.equal(november.days.find((day) => day.date === '2026-11-24')?.state, 'full');
      assert.equal(november.firstFreeDate, '2026-12-01');
    });

    it('refuses a reason the service does not have, keeping the hold', async () => {
      const hold = (await (await api.hold(at('2026-12-02', '11:00'))).json()) as Schemas['Hold'];
      const response = await api.confirm(hold.id, { reason: 'nessuno' });
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { field: string }).field, 'reason');
      assert.equal((await api.confirm(hold.id)).status, 201);
    });

    it('holds two times at most per client: a flood of 30 from one address gets 2, and 28 answers 429', async () => {
      const date = '2026-12-03';
      const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
      const flooder = '198.51.100.66';
      const attempts = await Promise.all(
        Array.from({ length: 30 }, (_, n) => api.hold(at(date, times[n % times.length]!), {}, flooder)),
      );
      const held = attempts.filter((attempt) => attempt.status === 201);
      const refused = attempts.filter((attempt) => attempt.status === 429);
      assert.equal(held.length, 2);
      assert.equal(refused.length, 28);
      const problem = (await refused[0]!.json()) as Schemas['Problem'];
      assert.equal(problem.code, 'too-many-holds');
      assert.equal(problem.retryAfterSeconds, 600, 'when the first hold runs out');
      assert.equal(refused[0]!.headers.get('retry-after'), '600');
      const month = await api.request(
        `/api/booking/availability?service=${SERVICE}&office=${OFFICE}&month=2026-12`,
      );
      const { days } = (await month.json()) as Schemas['Availability'];
      assert.equal(
        days.find((day) => day.date === date)?.freePlaces,
        6 * 2 - 2,
        'the rest is free for others',
      );

      // Giving one back, or letting it run out, makes room for the next.
      const [first] = (await Promise.all(held.map((answer) => answer.json()))) as Schemas['Hold'][];
      assert.equal((await api.release(first!.id)).status, 200);
      assert.equal((await api.hold(at(date, '09:00'), {}, flooder)).status, 201);
      assert.equal((await api.hold(at(date, '09:00'), {}, flooder)).status, 429);
      booking.clock.advance(10 * 60_000);
      assert.equal((await api.hold(at(date, '09:00'), {}, flooder)).status, 201, 'the first ran out');
    });

    it('swaps a hold with `replaces` at the limit, and refuses a third without it', async () => {
      const date = '2026-12-04';
      const citizen = '198.51.100.67';
      const first = (await (await api.hold(at(date, '09:00'), {}, citizen)).json()) as Schemas['Hold'];
      assert.equal((await api.hold(at(date, '09:30'), {}, citizen)).status, 201);
      const swapped = await api.hold(at(date, '10:00'), { replaces: first.id }, citizen);
      assert.equal(swapped.status, 201, 'the replaced hold makes room');
      assert.equal(await api.freePlaces(at(date, '09:00')), 2, 'and gives its place back');
      const third = await api.hold(at(date, '10:30'), {}, citizen);
      assert.equal(third.status, 429);
      assert.equal(((await third.json()) as Schemas['Problem']).code, 'too-many-holds');
      assert.equal(await api.freePlaces(at(date, '10:30')), 2, 'a refusal takes no place');
    });

    it('keeps the limit across two gateway instances on one database', async () => {
      const second = await buildGateway(
        { ...booking.gateway.config, port: 0 },
        { logStream: new Writable({ write: (_chunk, _encoding, done) => done() }) },
      );
      const urls = [booking.gateway.url, await second.listen()];
      try {
        const date = '2026-12-09';
        const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
        const from = '198.51.100.68';
        const hold = (n: number) =>
          fetch(`${urls[n % 2]}/api/booking/holds`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
            body: JSON.stringify({
              service: SERVICE,
              office: OFFICE,
              start: at(date, times[n % times.length]!),
            }),
          });
        // PostgreSQL serves instances at once; SQLite's instances write one at a time: one by one.
        const statuses: number[] = [];
        if (kind === 'postgres') {
          statuses.push(
            ...(await Promise.all(Array.from({ length: 20 }, (_, n) => hold(n)))).map((r) => r.status),
          );
        } else {
          for (let n = 0; n < 6; n++) statuses.push((await hold(n)).status);
        }
        assert.equal(statuses.filter((status) => status === 201).length, 2, statuses.join(' '));
        assert.ok(
          statuses.every((status) => status === 201 || status === 429),
          statuses.join(' '),
        );
      } finally {
        await second.close();
      }
    });

    it('knows a hold’s client by a keyed hash, only while it is held', async () => {
      const address = '198.51.100.69';
      const held = (await (await api.hold(at('2026-12-10', '09:00'), {}, address)).json()) as Schemas['Hold'];
      const clientOf = async (id: string) => {
        const row = await booking.gateway.gateway.database.db
          .selectFrom('booking_holds')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        return (row as Record<string, unknown>).client_key;
      };
      const key = await clientOf(held.id);
      assert.equal(typeof key, 'string');
      assert.ok(!String(key).includes(address) && String(key).length >= 40, 'not the address');
      assert.equal((await api.release(held.id)).status, 200);
      assert.equal(await clientOf(held.id), null, 'forgotten when the hold ends');
    });

    it('refuses a name that carries a message, a link or a reversing character: 400 naming the field, nothing sent', async () => {
      const hold = (await (await api.hold(at('2026-12-10', '10:00'))).json()) as Schemas['Hold'];
      const stranger = 'stranger@example.org';
      const confirmAs = (names: Partial<typeof APPLICANT>) =>
        api.confirm(hold.id, { applicant: { ...APPLICANT, email: stranger, ...names } });
      for (const [names, field, code] of [
        [
          { givenName: 'URGENTE: paghi la sanzione su https://evil.example/pagopa' },
          'applicant.givenName',
          'address',
        ],
        [{ familyName: 'multe-pagopa.it' }, 'applicant.familyName', 'address'],
        [{ givenName: 'Maria\u202Eti.apogap' }, 'applicant.givenName', 'invisible'],
        [{ familyName: 'Verdi 2' }, 'applicant.familyName', 'digit'],
      ] as const) {
        const refused = await confirmAs(names);
        assert.equal(refused.status, 400);
        const problem = (await refused.json()) as Schemas['Problem'];
        assert.equal(problem.code, 'validation-failed');
        assert.equal(problem.field, field);
        assert.equal(problem.errors?.[0]?.code, code);
      }
      const queued = await booking.gateway.gateway.database.db
        .selectFrom('notifications')
        .select('id')
        .where('to_address', '=', stranger)
        .execute();
      assert.deepEqual(queued, [], 'no message to the stranger');
      assert.equal((await confirmAs({ givenName: 'Anna Maria', familyName: 'D’Angelo' })).status, 201);
    });

    it('never puts the notes in a message: they are for the office', async () => {
      const notes = 'Paga subito su https://evil.example/pagopa NOTA-RISERVATA';
      const { appointment, manageCode } = await api.book(at('2026-12-10', '10:30'), { notes });
      const moved = (await (await api.hold(at('2026-12-10', '11:00'))).json()) as Schemas['Hold'];
      assert.equal((await api.reschedule(appointment.reference, manageCode, moved.id)).status, 200);
      assert.equal((await api.manage(appointment.reference, manageCode, 'DELETE')).status, 200);
      const { db } = booking.gateway.gateway.database;
      const messages = await db
        .selectFrom('notifications')
        .select(['kind', 'subject', 'body'])
        .where('appointment_reference', '=', appointment.reference)
        .execute();
      assert.deepEqual(messages.map((message) => message.kind).sort(), [
        'cancellation',
        'confirmation',
        'rescheduled',
      ]);
      for (const message of messages) {
        for (const part of [message.subject, message.body]) {
          assert.ok(!part.includes('NOTA-RISERVATA') && !part.includes('evil.example'), message.kind);
        }
      }
      const stored = await db
        .selectFrom('appointments')
        .select('notes')
        .where('reference', '=', appointment.reference)
        .executeTakeFirstOrThrow();
      assert.equal(stored.notes, notes, 'kept for the office');
    });
  });
}

/** The demo registry office: four counters shared by CIE (20 minutes), residenza (30) and certificati (10). */
const REGISTRY = 'anagrafe-centrale';
const REGISTRY_SERVICES: Record<string, { reason: string; durationMinutes: number }> = {
  cie: { reason: 'scadenza', durationMinutes: 20 },
  residenza: { reason: 'da-altro-comune', durationMinutes: 30 },
  certificati: { reason: 'certificato', durationMinutes: 10 },
};
const REGISTRY_COUNTERS = 4;
const MINUTE_MS = 60_000;

/**
 * Booking at the registry office through `request`: the gateway over HTTP, or the sandbox's fetch.
 * Each hold comes from a client of its own (X-Forwarded-For): these tests count the office's places.
 */
function registryClient(request: (path: string, init?: RequestInit) => Promise<Response>) {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const api = {
    hold: (service: string, start: string, extra: Record<string, unknown> = {}) =>
      post(
        '/api/booking/holds',
        { service, office: REGISTRY, start, ...extra },
        { 'X-Forwarded-For': anotherClient() },
      ),
    confirm: (service: string, holdId: string) =>
      post('/api/booking/appointments', {
        holdId,
        reason: REGISTRY_SERVICES[service]!.reason,
        applicant: APPLICANT,
        language: 'it',
      }),
    async heldId(service: string, start: string, extra: Record<string, unknown> = {}): Promise<string> {
      const held = await api.hold(service, start, extra);
      assert.equal(held.status, 201, `hold ${service} at ${start}`);
      return ((await held.json()) as Schemas['Hold']).id;
    },
    async book(service: string, start: string): Promise<Schemas['ConfirmedAppointment']> {
      const confirmed = await api.confirm(service, await api.heldId(service, start));
      assert.equal(confirmed.status, 201, `confirm ${service} at ${start}`);
      return (await confirmed.json()) as Schemas['ConfirmedAppointment'];
    },
    cancel: (appointment: Schemas['ConfirmedAppointment']) =>
      request(`/api/booking/appointments/${appointment.appointment.reference}`, {
        method: 'DELETE',
        headers: { 'Sportello-Manage-Code': appointment.manageCode },
      }),
    reschedule: (appointment: Schemas['ConfirmedAppointment'], holdId: string) =>
      post(
        `/api/booking/appointments/${appointment.appointment.reference}/reschedule`,
        { holdId },
        { 'Sportello-Manage-Code': appointment.manageCode },
      ),
    /** The free places of a service's slots on a date, by start time (`HH:MM`); full slots are absent. */
    async slots(service: string, date: string): Promise<Record<string, number>> {
      const response = await request(`/api/booking/slots?service=${service}&office=${REGISTRY}&date=${date}`);
      const { slots } = (await response.json()) as Schemas['DaySlots'];
      return Object.fromEntries(slots.map((slot) => [slot.start.slice(11, 16), slot.freePlaces]));
    },
    /** A date's entry in a service's month of availability. */
    async day(service: string, date: string): Promise<Schemas['DayAvailability']> {
      const month = date.slice(0, 7);
      const response = await request(
        `/api/booking/availability?service=${service}&office=${REGISTRY}&month=${month}`,
      );
      const { days } = (await response.json()) as Schemas['Availability'];
      return days.find((day) => day.date === date)!;
    },
    /** Everything the office answers about a date, for every service: its slots and its day. */
    async answers(date: string) {
      const answers: Record<string, unknown> = {};
      for (const service of Object.keys(REGISTRY_SERVICES)) {
        answers[service] = { slots: await api.slots(service, date), day: await api.day(service, date) };
      }
      return answers;
    },
  };
  return api;
}

/** The places stored as taken in each minute of the registry office from `from` to `to` (none: 0). */
async function minutesTaken(gateway: TestGateway, from: string, to: string) {
  const rows = await gateway.gateway.database.db
    .selectFrom('booking_slots')
    .selectAll()
    .where('office_id', '=', REGISTRY)
    .where('start_ms', '>=', Date.parse(from))
    .where('start_ms', '<', Date.parse(to))
    .execute();
  const taken = new Map(rows.map((row) => [Number(row.start_ms), Number(row.taken)]));
  const minutes: number[] = [];
  for (let minute = Date.parse(from); minute < Date.parse(to); minute += MINUTE_MS) {
    minutes.push(taken.get(minute) ?? 0);
  }
  return minutes;
}

/** How many of these times cover each minute from `from` to `to`. */
function overlapsPerMinute(times: { start: string; end: string }[], from: string, to: string) {
  const minutes: number[] = [];
  for (let minute = Date.parse(from); minute < Date.parse(to); minute += MINUTE_MS) {
    minutes.push(
      times.filter((time) => Date.parse(time.start) <= minute && minute < Date.parse(time.end)).length,
    );
  }
  return minutes;
}

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

for (const kind of ['sqlite', 'postgres'] as DatabaseKind[]) {
  describe(
    `the demo registry office on ${kind}: services share its counters`,
    { skip: skipUnless(kind) },
    () => {
      let gateway: TestGateway;
      let clock: ManualClock;
      let api: ReturnType<typeof registryClient>;
      before(async () => {
        clock = manualClock(NOW);
        gateway = await startTestGateway(kind, {
          now: clock.now,
          rateLimit: { max: 10_000, windowMs: 60_000 },
          // The tests play many clients through X-Forwarded-For.
          trustProxy: true,
        });
        // The address is read at each call: a restart listens on another port.
        api = registryClient((path, init) => fetch(gateway.url + path, init));
      });
      after(() => gateway?.close());

      it('refuses the fifth citizen at any moment: four residenza at 09:00, then CIE at 09:10 and certificati at 09:20', async () => {
        const date = '2026-11-25';
        const outcomes: Record<string, (number | string)[]> = {};
        for (const [service, time] of [
          ['residenza', '09:00'],
          ['cie', '09:10'],
          ['certificati', '09:20'],
        ] as const) {
          outcomes[service] = [];
          for (let citizen = 0; citizen < REGISTRY_COUNTERS; citizen++) {
            const held = await api.hold(service, at(date, time));
            if (held.status !== 201) {
              outcomes[service].push(await codeOf(held));
              continue;
            }
            const hold = (await held.json()) as Schemas['Hold'];
            outcomes[service].push((await api.confirm(service, hold.id)).status);
          }
        }
        assert.deepEqual(outcomes, {
          residenza: repeat(201, 4),
          cie: repeat('slot-unavailable', 4),
          certificati: repeat('slot-unavailable', 4),
        });
        // No service offers a time that touches 09:00-09:30; the times either side keep all four places.
        const residenza = await api.slots('residenza', date);
        assert.deepEqual([residenza['08:30'], residenza['09:00'], residenza['09:30']], [4, undefined, 4]);
        const cie = await api.slots('cie', date);
        assert.deepEqual(
          [cie['08:30'], cie['08:50'], cie['09:10'], cie['09:30']],
          [4, undefined, undefined, 4],
        );
        const certificati = await api.slots('certificati', date);
        assert.deepEqual(
          ['08:50', '09:00', '09:10', '09:20', '09:30'].map((time) => certificati[time]),
          [4, undefined, undefined, undefined, 4],
        );
        assert.deepEqual(await minutesTaken(gateway, at(date, '08:59'), at(date, '09:31')), [
          0,
          ...repeat(4, 30),
          0,
        ]);
      });

      it('lowers the free places of every overlapping slot of every service, in the slots and in the month', async () => {
        const date = '2026-11-26';
        const dayBefore = {
          cie: (await api.day('cie', date)).freePlaces,
          residenza: (await api.day('residenza', date)).freePlaces,
          certificati: (await api.day('certificati', date)).freePlaces,
        };
        for (let citizen = 0; citizen < 2; citizen++) await api.book('residenza', at(date, '09:00'));
        for (let citizen = 0; citizen < 2; citizen++) await api.book('cie', at(date, '09:10'));
        // 09:00-09:10: two citizens; 09:10-09:30: four.
        const cie = await api.slots('cie', date);
        assert.deepEqual([cie['08:30'], cie['08:50'], cie['09:10'], cie['09:30']], [4, 2, undefined, 4]);
        const residenza = await api.slots('residenza', date);
        assert.deepEqual([residenza['08:30'], residenza['09:00'], residenza['09:30']], [4, undefined, 4]);
        const certificati = await api.slots('certificati', date);
        assert.deepEqual(
          ['08:50', '09:00', '09:10', '09:20', '09:30'].map((time) => certificati[time]),
          [4, 2, undefined, undefined, 4],
        );
        assert.deepEqual(
          {
            cie: (await api.day('cie', date)).freePlaces,
            residenza: (await api.day('residenza', date)).freePlaces,
            certificati: (await api.day('certificati', date)).freePlaces,
          },
          {
            cie: dayBefore.cie - 2 - 4,
            residenza: dayBefore.residenza - 4,
            certificati: dayBefore.certificati - 2 - 4 - 4,
          },
        );
        assert.equal(await codeOf(await api.hold('certificati', at(date, '09:20'))), 'slot-unavailable');
        assert.equal(await codeOf(await api.hold('residenza', at(date, '09:00'))), 'slot-unavailable');
        for (let citizen = 0; citizen < 2; citizen++) await api.book('certificati', at(date, '09:00'));
        assert.equal(
          await codeOf(await api.hold('cie', at(date, '08:50'))),
          'slot-unavailable',
          '08:50-09:10 is full from 09:00',
        );
        assert.equal((await api.slots('cie', date))['08:50'], undefined);
        assert.equal((await api.slots('certificati', date))['08:50'], 4, 'the minutes before 09:00 are free');
      });

      it('gives back exactly what was taken: on expiry, cancelling, rescheduling and replacing a hold', async () => {
        const date = '2026-11-27';
        const [from, to] = [at(date, '08:30'), at(date, '12:30')];
        // An appointment that stays throughout: giving back more than was taken would show in its minutes.
        await api.book('residenza', at(date, '09:00'));
        const before = await api.answers(date);
        const storedBefore = await minutesTaken(gateway, from, to);

        await api.heldId('cie', at(date, '09:10'));
        assert.notDeepEqual(await api.answers(date), before);
        clock.advance(10 * MINUTE_MS);
        assert.deepEqual(await api.answers(date), before, 'an expired hold gives its minutes back');

        const cancelled = await api.book('cie', at(date, '09:10'));
        assert.equal((await api.slots('certificati', date))['09:20'], 2);
        assert.equal((await api.cancel(cancelled)).status, 200);
        assert.deepEqual(await api.answers(date), before, 'cancelling gives the minutes back');

        const moved = await api.book('cie', at(date, '09:10'));
        const rescheduled = await api.reschedule(moved, await api.heldId('cie', at(date, '10:10')));
        assert.equal(rescheduled.status, 200);
        const certificati = await api.slots('certificati', date);
        assert.deepEqual([certificati['09:20'], certificati['10:20']], [3, 3], 'the old minutes are back');
        assert.equal((await api.cancel(moved)).status, 200);
        assert.deepEqual(await api.answers(date), before, 'rescheduling moved the minutes, no more');

        // Three holds fill 09:00-09:30 with the appointment; each is replaced by an overlapping time.
        const residenza = [];
        for (let citizen = 0; citizen < 3; citizen++)
          residenza.push(await api.heldId('residenza', at(date, '09:00')));
        const earlier = await api.heldId('cie', at(date, '08:50'), { replaces: residenza[0] });
        await api.heldId('cie', at(date, '09:10'), { replaces: residenza[1] });
        const full = await api.slots('certificati', date);
        assert.deepEqual(
          ['08:50', '09:00', '09:10', '09:20', '09:30'].map((time) => full[time]),
          [3, 1, 1, 1, 4],
          'a replaced hold counts no more',
        );
        await api.heldId('cie', at(date, '08:50'), { replaces: earlier });
        assert.deepEqual(await api.slots('certificati', date), full, 'the same time again changes nothing');
        clock.advance(10 * MINUTE_MS);
        assert.deepEqual(await api.answers(date), before);
        assert.deepEqual(await minutesTaken(gateway, from, to), storedBefore);
      });

      it('answers as the sandbox does for the same bookings: both count places with the same rules', async () => {
        const date = '2026-12-03';
        const sandbox = await sandboxTarget(NOW);
        sandbox.clock.set(clock.now());
        const sandboxApi = registryClient(sandbox.request);
        const outcomes = [];
        for (const office of [api, sandboxApi]) {
          const cancelled = await office.book('residenza', at(date, '09:00'));
          await office.book('residenza', at(date, '09:00'));
          await office.book('cie', at(date, '09:10'));
          await office.book('cie', at(date, '09:10'));
          const replaced = await office.heldId('certificati', at(date, '09:40'));
          await office.heldId('cie', at(date, '08:50'), { replaces: replaced });
          await office.book('residenza', at(date, '14:30'));
          const refusal = await codeOf(await office.hold('certificati', at(date, '09:20')));
          await office.cancel(cancelled);
          outcomes.push({ refusal, answers: await office.answers(date) });
        }
        assert.equal(outcomes[0]!.refusal, 'slot-unavailable');
        assert.deepEqual(outcomes[0], outcomes[1]);
      });

      it('never has more citizens than counters at any moment under 72 concurrent holds of three services', async () => {
        const date = '2026-11-30';
        const wanted = [
          ['residenza', '09:00'],
          ['residenza', '09:30'],
          ['cie', '08:50'],
          ['cie', '09:10'],
          ['cie', '09:30'],
          ['certificati', '09:00'],
          ['certificati', '09:10'],
          ['certificati', '09:20'],
          ['certificati', '09:40'],
        ];
        const attempts = await Promise.all(
          Array.from({ length: 72 }, async (_, index) => {
            const [service, time] = wanted[index % wanted.length]!;
            const held = await api.hold(service!, at(date, time!));
            const body = (await held.json()) as Schemas['Hold'] & { code: string };
            return { service, time, status: held.status, body };
          }),
        );
        assert.deepEqual(new Set(attempts.map((attempt) => attempt.status)), new Set([201, 409]));
        const refused = attempts.filter((attempt) => attempt.status === 409);
        assert.deepEqual(new Set(refused.map((attempt) => attempt.body.code)), new Set(['slot-unavailable']));
        const [from, to] = [at(date, '08:30'), at(date, '12:30')];
        const holds = attempts.filter((attempt) => attempt.status === 201).map((attempt) => attempt.body);
        const perMinute = overlapsPerMinute(holds, from, to);
        const most = Math.max(...perMinute);
        assert.ok(most <= REGISTRY_COUNTERS, `${most} citizens at once at a four-counter office`);
        assert.deepEqual(await minutesTaken(gateway, from, to), perMinute, 'no place lost or counted twice');
        // Nothing was given back meanwhile: each refusal met a minute that ended up full.
        for (const attempt of refused) {
          const start = Date.parse(at(date, attempt.time!));
          const end = start + REGISTRY_SERVICES[attempt.service!]!.durationMinutes * MINUTE_MS;
          const covered = perMinute.slice(
            (start - Date.parse(from)) / MINUTE_MS,
            (end - Date.parse(from)) / MINUTE_MS,
          );
          assert.ok(
            covered.includes(REGISTRY_COUNTERS),
            `${attempt.service} at ${attempt.time} was refused with room`,
          );
        }
      });

      it('swaps overlapping times of two services in both directions at once, for ten rounds, losing nothing', async () => {
        const date = '2026-12-01';
        // 09:00-09:10: two citizens; 09:10-09:30: four (two residenza, two CIE): the office is full.
        let residenza = [
          await api.heldId('residenza', at(date, '09:00')),
          await api.heldId('residenza', at(date, '09:00')),
        ];
        let cie = [await api.heldId('cie', at(date, '09:10')), await api.heldId('cie', at(date, '09:10'))];
        for (let round = 0; round < 10; round++) {
          const swaps = await Promise.all([
            ...residenza.map((id) => api.hold('cie', at(date, '09:10'), { replaces: id })),
            ...cie.map((id) => api.hold('residenza', at(date, '09:00'), { replaces: id })),
          ]);
          assert.deepEqual(
            swaps.map((swap) => swap.status),
            repeat(201, 4),
          );
          const ids = await Promise.all(
            swaps.map(async (swap) => ((await swap.json()) as Schemas['Hold']).id),
          );
          [cie, residenza] = [ids.slice(0, 2), ids.slice(2)];
        }
        assert.deepEqual(await minutesTaken(gateway, at(date, '09:00'), at(date, '09:30')), [
          ...repeat(2, 10),
          ...repeat(4, 20),
        ]);
      });

      it('converts the per-slot counts of a gateway upgraded with live bookings into minutes', async () => {
        const date = '2026-12-02';
        const db = gateway.gateway.database.db;
        // As the gateway before this fix could leave it: two residenza at 09:00, three CIE at 09:10
        // (counted apart, as they start at different times), a live certificati hold at 09:20 and one at
        // 09:40 past its time but not yet released.
        await api.heldId('certificati', at(date, '09:40'));
        clock.advance(5 * MINUTE_MS);
        const liveHold = await api.heldId('certificati', at(date, '09:20'));
        for (let citizen = 0; citizen < 2; citizen++) await api.book('residenza', at(date, '09:00'));
        const cie = await api.book('cie', at(date, '09:10'));
        const row = await db
          .selectFrom('appointments')
          .selectAll()
          .where('reference', '=', cie.appointment.reference)
          .executeTakeFirstOrThrow();
        // The same manage code opens the copies.
        const copies = ['CIE-COPY01', 'CIE-COPY02'];
        for (const reference of copies) {
          await db
            .insertInto('appointments')
            .values({ ...row, reference })
            .execute();
        }
        clock.advance(6 * MINUTE_MS);
        await db.deleteFrom('booking_slots').execute();
        await db
          .insertInto('booking_slots')
          .values(
            [
              ['09:00', 2],
              ['09:10', 3],
              ['09:20', 1],
              ['09:40', 1],
            ].map(([time, taken]) => ({
              office_id: REGISTRY,
              start_ms: Date.parse(at(date, time as string)),
              capacity: REGISTRY_COUNTERS,
              taken: taken as number,
            })),
          )
          .execute();
        // Back to before 0009: the migrations after it undone, then 0009 itself forgotten.
        const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
        assert.equal((await migrator.migrateTo('0009-booking-places-by-minute')).error, undefined);
        await sql`delete from kysely_migration where name = '0009-booking-places-by-minute'`.execute(db);

        await gateway.restart();
        const stored = await gateway.gateway.database.db
          .selectFrom('booking_slots')
          .select(['start_ms', 'capacity', 'taken'])
          .where('office_id', '=', REGISTRY)
          .where('start_ms', '>=', Date.parse(at(date, '08:30')))
          .where('start_ms', '<', Date.parse(at(date, '12:30')))
          .orderBy('start_ms')
          .execute();
        const minuteOf = (time: string) => Date.parse(at(date, time));
        const expected = (time: string, minutes: number, capacity: number, taken: number) =>
          Array.from({ length: minutes }, (_, index) => ({
            start_ms: minuteOf(time) + index * MINUTE_MS,
            capacity,
            taken,
          }));
        assert.deepEqual(
          stored.map((minute) => ({
            start_ms: Number(minute.start_ms),
            capacity: Number(minute.capacity),
            taken: Number(minute.taken),
          })),
          [
            ...expected('09:00', 10, 4, 2),
            // Already beyond the counters before the upgrade: kept, and full.
            ...expected('09:10', 10, 5, 5),
            ...expected('09:20', 10, 6, 6),
            ...expected('09:40', 10, 4, 1),
          ],
        );
        const certificati = await api.slots('certificati', date);
        assert.deepEqual(
          ['09:00', '09:10', '09:20', '09:30', '09:40'].map((time) => certificati[time]),
          [2, undefined, undefined, 4, 4],
          'the expired hold gave its minutes back on the first request',
        );
        assert.equal((await api.slots('cie', date))['08:50'], 2);
        assert.equal(await codeOf(await api.hold('certificati', at(date, '09:10'))), 'slot-unavailable');
        assert.equal((await api.confirm('certificati', liveHold)).status, 201, 'the live hold survived');
        for (const reference of copies) {
          assert.equal(
            (await api.cancel({ ...cie, appointment: { ...cie.appointment, reference } })).status,
            200,
          );
        }
        // 09:10-09:20 has three citizens now, 09:20-09:30 four.
        const after = await api.slots('certificati', date);
        assert.deepEqual([after['09:10'], after['09:20']], [1, undefined]);
        await api.heldId('certificati', at(date, '09:10'));
        assert.deepEqual(await minutesTaken(gateway, at(date, '09:10'), at(date, '09:20')), repeat(4, 10));
        const claimed = await gateway.gateway.database.db
          .selectFrom('booking_slots')
          .select('capacity')
          .where('office_id', '=', REGISTRY)
          .where('start_ms', '=', minuteOf('09:10'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(claimed.capacity), REGISTRY_COUNTERS, 'a claim sets today’s counters again');
      });
    },
  );
}

for (const kind of ['sqlite', 'postgres'] as DatabaseKind[]) {
  describe(`housekeeping on ${kind}`, { skip: skipUnless(kind) }, () => {
    let booking: Booking;
    before(async () => {
      booking = await startBooking(kind);
    });
    after(() => stopBooking(booking));

    it('keeps Idempotency-Key records a day, then drops them: a recorded answer holds a manage code', async () => {
      const api = client(booking);
      const { database, housekeeping } = booking.gateway.gateway;
      async function confirmWithKey(start: string, key: string) {
        const hold = (await (await api.hold(start)).json()) as Schemas['Hold'];
        assert.equal((await api.confirm(hold.id, {}, { 'Idempotency-Key': key })).status, 201);
      }
      const recordedKeys = async () =>
        (
          await database.db
            .selectFrom('idempotency_keys')
            .select('key')
            .where('scope', '=', 'createAppointment:')
            .orderBy('key')
            .execute()
        ).map((row) => row.key);
      await confirmWithKey(at('2026-11-25', '09:00'), 'retention-0001');
      booking.clock.advance(23 * 3_600_000);
      await confirmWithKey(at('2026-11-25', '09:30'), 'retention-0002');
      await housekeeping.run();
      assert.deepEqual(await recordedKeys(), ['retention-0001', 'retention-0002'], 'kept within the day');
      booking.clock.advance(2 * 3_600_000);
      await housekeeping.run();
      assert.deepEqual(await recordedKeys(), ['retention-0002']);
    });

    it('drops the places counted and ended holds of times over for a day, and wrong codes past their window', async () => {
      const api = client(booking);
      const { database, housekeeping } = booking.gateway.gateway;
      const { db } = database;
      const start = at('2026-11-27', '09:00');
      const startMs = Date.parse(start);
      const booked = await api.book(start);
      const released = (await (await api.hold(at('2026-11-27', '09:30'))).json()) as Schemas['Hold'];
      await api.hold(at('2026-11-27', '10:00'), { replaces: released.id });
      const minutesOfDay = async () =>
        Number(
          (
            await db
              .selectFrom('booking_slots')
              .select((eb) => eb.fn.countAll().as('count'))
              .where('start_ms', '>=', startMs)
              .where('start_ms', '<', startMs + 86_400_000)
              .executeTakeFirstOrThrow()
          ).count,
        );
      const holdsOfDay = () =>
        db
          .selectFrom('booking_holds')
          .select('state')
          .where('start_ms', '>=', startMs)
          .where('start_ms', '<', startMs + 86_400_000)
          .orderBy('state')
          .execute();
      assert.ok((await minutesOfDay()) > 0);
      assert.deepEqual(await holdsOfDay(), [
        { state: 'confirmed' },
        { state: 'held' },
        { state: 'released' },
      ]);

      const wrongCode = await api.manage(booked.appointment.reference, 'AAAA-AAAA-AAAA-AAAA');
      assert.equal(wrongCode.status, 404);
      assert.equal((await housekeeping.run()).manageCodeFailures, 0, 'counted for 15 minutes');
      assert.ok((await minutesOfDay()) > 0, 'the times to come are kept');
      assert.equal((await holdsOfDay()).length, 3);

      booking.clock.set(at('2026-11-28', '10:30'));
      const round = await housekeeping.run();
      assert.ok(round.bookingMinutes > 0 && round.endedHolds >= 2);
      assert.equal(round.manageCodeFailures, 2, 'the address and the reference it was tried on');
      assert.equal(await minutesOfDay(), 0);
      assert.deepEqual(
        await holdsOfDay(),
        [{ state: 'held' }],
        'a hold not released yet is left to the release',
      );
      const appointment = await api.manage(booked.appointment.reference, booked.manageCode);
      assert.equal(appointment.status, 200, 'appointments are the municipality’s records: kept');
    });

    it('deletes months of past minutes at the first round after an upgrade, all of them', async () => {
      const { database, housekeeping } = booking.gateway.gateway;
      const longAgo = Date.parse('2026-01-05T08:00:00Z');
      const rows = Array.from({ length: 12_345 }, (_, minute) => ({
        office_id: OFFICE,
        start_ms: longAgo + minute * MINUTE_MS,
        capacity: 1,
        taken: 1,
      }));
      for (let first = 0; first < rows.length; first += 500) {
        await database.db
          .insertInto('booking_slots')
          .values(rows.slice(first, first + 500))
          .execute();
      }
      const round = await housekeeping.run();
      assert.ok(round.bookingMinutes >= rows.length, `${round.bookingMinutes} deleted`);
      const left = await database.db
        .selectFrom('booking_slots')
        .select('start_ms')
        .where('start_ms', '<', longAgo + rows.length * MINUTE_MS)
        .execute();
      assert.deepEqual(left, []);
    });

    it('blanks the manage code of a message not sent within a day, also where nothing sends the outbox', async () => {
      const api = client(booking);
      const { database, housekeeping } = booking.gateway.gateway;
      const start = at('2026-12-02', '09:00');
      const { appointment, manageCode } = await api.book(start);
      const message = () =>
        database.db
          .selectFrom('notifications')
          .select(['body', 'manage_code', 'sent_at', 'failed_at'])
          .where('appointment_reference', '=', appointment.reference)
          .executeTakeFirstOrThrow();
      assert.equal((await message()).manage_code, manageCode, 'waiting to be sent (no SMTP_URL here)');

      booking.clock.set(booking.clock.now() + 23 * 3_600_000);
      assert.equal((await housekeeping.run()).givenUpMessages, 0, 'a day to be sent');
      booking.clock.set(booking.clock.now() + 2 * 3_600_000);
      assert.ok((await housekeeping.run()).givenUpMessages >= 1);
      const givenUp = await message();
      assert.equal(givenUp.manage_code, null);
      assert.ok(!givenUp.body.includes(manageCode), 'the code is not stored in clear any more');
      assert.ok(givenUp.failed_at !== null && givenUp.sent_at === null);
      const seen = await api.manage(appointment.reference, manageCode);
      assert.equal(seen.status, 200, 'the citizen’s code still works: it is stored hashed');
    });

    it('erases an applicant’s details 90 days after the appointment; the appointment and its initials stay', async () => {
      const api = client(booking);
      const { database, housekeeping } = booking.gateway.gateway;
      const start = at('2026-12-01', '09:00');
      const { appointment, manageCode } = await api.book(start, {
        applicant: { ...APPLICANT, phone: '+39 333 1234567', fiscalCode: 'RSSMRA50C15L219Y' },
        notes: 'Porto anche il vecchio documento',
      });
      const stored = () =>
        database.db
          .selectFrom('appointments')
          .selectAll()
          .where('reference', '=', appointment.reference)
          .executeTakeFirstOrThrow();
      const messages = async () =>
        (
          await database.db
            .selectFrom('notifications')
            .select('id')
            .where('appointment_reference', '=', appointment.reference)
            .execute()
        ).length;
      assert.equal(await messages(), 1);

      booking.clock.set(Date.parse(start) + 89 * 86_400_000);
      await housekeeping.run(); // the earlier tests' appointments, a few days older, go
      assert.equal((await stored()).email, APPLICANT.email, 'kept for 90 days');
      assert.equal(await messages(), 1);

      booking.clock.set(Date.parse(start) + 91 * 86_400_000);
      assert.equal((await housekeeping.run()).erasedAppointments, 1);
      const erased = await stored();
      assert.deepEqual(
        {
          given: erased.given_name,
          family: erased.family_name,
          email: erased.email,
          phone: erased.phone,
          fiscalCode: erased.fiscal_code,
          notes: erased.notes,
        },
        { given: 'M', family: 'V', email: '', phone: null, fiscalCode: null, notes: null },
      );
      assert.equal(await messages(), 0, 'the messages quoted name and email');
      const seen = await api.manage(appointment.reference, manageCode);
      assert.equal(seen.status, 200);
      assert.equal(((await seen.json()) as Schemas['Appointment']).initials, 'M. V.');
      assert.equal((await housekeeping.run()).erasedAppointments, 0, 'erased once');
      // Long past, it is the office's record: not cancelled afterwards.
      const cancelled = await api.manage(appointment.reference, manageCode, 'DELETE');
      assert.equal(cancelled.status, 409);
      assert.equal(((await cancelled.json()) as Schemas['Problem']).code, 'appointment-past');
      assert.equal(await messages(), 0);
    });
  });
}

/** A gateway whose outbox the tests send themselves (`flush`), through `transport`. */
const startWithMail = (transport: MailTransport) =>
  startBooking('sqlite', { siteRoot: undefined }, { mailTransport: transport, mailIntervalMs: 3_600_000 });

/** The message queued for an appointment, as stored. */
const queuedFor = (booking: Booking, reference: string) =>
  booking.gateway.gateway.database.db
    .selectFrom('notifications')
    .selectAll()
    .where('appointment_reference', '=', reference)
    .executeTakeFirstOrThrow();

describe('booking messages and the demo mailbox', () => {
  let booking: Booking;
  const sent: { to: string; subject: string; text: string }[] = [];
  let failNext = false;
  const transport: MailTransport = {
    async sendMail(message) {
      if (failNext) {
        failNext = false;
        throw new Error('SMTP server unavailable');
      }
      sent.push(message);
    },
  };
  before(async () => {
    booking = await startWithMail(transport);
  });
  after(() => stopBooking(booking));

  it('sends the outbox by SMTP once, then blanks the manage code out of the stored copy', async () => {
    const api = client(booking);
    const { appointment, manageCode } = await api.book(at('2026-11-25', '09:00'));
    failNext = true;
    const sender = booking.gateway.gateway.mailSender!;
    assert.equal(await sender.flush(), 0);
    assert.equal(await sender.flush(), 0, 'a failed send waits a minute before it is tried again');
    booking.clock.advance(60_000);
    assert.equal(await sender.flush(), 1);
    assert.equal(await sender.flush(), 0, 'nothing is sent twice');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.to, APPLICANT.email);
    assert.ok(sent[0]!.text.includes(manageCode));
    const row = await booking.gateway.gateway.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('appointment_reference', '=', appointment.reference)
      .executeTakeFirstOrThrow();
    assert.ok(row.sent_at);
    assert.equal(row.manage_code, null);
    assert.ok(!row.body.includes(manageCode));
    assert.ok(row.body.includes(SENT_CODE_PLACEHOLDER));
  });

  it('lists the messages newest first on /demo/mailbox, under the strict CSP', async () => {
    const api = client(booking);
    booking.clock.advance(60_000);
    const later = await api.book(at('2026-11-25', '09:30'));
    const page = await api.request('/demo/mailbox');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self';/);
    const html = await page.text();
    assert.match(html, /<script type="module" src="\/demo\/mailbox\/mailbox.js"><\/script>/);
    assert.doesNotMatch(html, /<script>|style=/, 'no inline script or style');
    assert.equal((await api.request('/demo/mailbox/mailbox.js')).status, 200);
    assert.equal((await api.request('/demo/mailbox/mailbox.css')).status, 200);
    const messages = (await (await api.request('/demo/mailbox/messages.json')).json()) as {
      reference: string;
      body: string;
    }[];
    assert.equal(messages[0]!.reference, later.appointment.reference);
    assert.ok(messages[0]!.body.includes(later.manageCode));
    assert.equal(messages.length, 2);
  });

  it('lets other sites send the manage code header (CORS)', async () => {
    const gateway = await startTestGateway('sqlite', { allowedOrigins: ['https://www.comune.esempio.it'] });
    try {
      const preflight = await fetch(`${gateway.url}/api/booking/appointments/CIE-7K3M9Q`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://www.comune.esempio.it',
          'Access-Control-Request-Method': 'DELETE',
          'Access-Control-Request-Headers': 'sportello-manage-code',
        },
      });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Sportello-Manage-Code/);
    } finally {
      await gateway.close();
    }
  });

  it('has no mailbox without demo mode', async () => {
    const gateway = await startTestGateway('sqlite', { demoLogin: false, paymentProvider: 'simulated' });
    try {
      assert.equal((await fetch(`${gateway.url}/demo/mailbox`)).status, 404);
      assert.equal((await fetch(`${gateway.url}/demo/mailbox/messages.json`)).status, 404);
    } finally {
      await gateway.close();
    }
  });
});

describe('the outbox when a mail server keeps refusing', () => {
  let booking: Booking;
  const sent: string[] = [];
  let tries = 0;
  const transport: MailTransport = {
    async sendMail(message) {
      tries++;
      if (message.to === 'refused@example.it') throw new Error('550 mailbox unavailable');
      sent.push(message.to);
    },
  };
  before(async () => {
    booking = await startWithMail(transport);
  });
  after(() => stopBooking(booking));

  it('puts off a message that keeps failing, so 20 of them do not hold newer ones back; gives up after a day', async () => {
    const sender = booking.gateway.gateway.mailSender!;
    const { db } = booking.gateway.gateway.database;
    const { appointment, manageCode } = await client(booking).book(at('2026-11-25', '09:30'));
    const queued = await queuedFor(booking, appointment.reference);
    // Twenty older messages to an address whose server refuses them, then the new one.
    await db
      .insertInto('notifications')
      .values(
        Array.from({ length: 20 }, (_, n) => ({
          ...queued,
          id: `refused-${n}`,
          to_address: 'refused@example.it',
          created_at: new Date(Date.parse(queued.created_at) - 60_000 + n).toISOString(),
        })),
      )
      .execute();
    assert.equal(await sender.flush(), 0, 'the batch was the 20 refused messages');
    assert.equal(await sender.flush(), 1, 'they wait, and the new one goes');
    assert.deepEqual(sent, [APPLICANT.email]);

    // Retried less and less often: 1, 2, 4... minutes apart, then hourly; given up after a day.
    tries = 0;
    for (let minutes = 0; minutes < 25 * 60; minutes++) {
      booking.clock.advance(60_000);
      await sender.flush();
    }
    assert.equal(tries % 20, 0, 'each message as often as the others');
    const triesEach = tries / 20;
    assert.ok(triesEach >= 25 && triesEach <= 32, `tried ${triesEach} times in 25 hours, not every minute`);
    const refused = await db
      .selectFrom('notifications')
      .selectAll()
      .where('to_address', '=', 'refused@example.it')
      .execute();
    for (const message of refused) {
      assert.ok(message.failed_at, 'given up after a day');
      assert.equal(message.manage_code, null);
      assert.ok(!message.body.includes(manageCode), 'the code is not kept in a message never sent');
    }
    tries = 0;
    booking.clock.advance(2 * 60 * 60_000);
    await sender.flush();
    assert.equal(tries, 0, 'a message given up is not tried again');
  });

  it('a second gateway on the same database does not send a message the first has just put off', async () => {
    const { database } = booking.gateway.gateway;
    const { db } = database;
    const { appointment } = await client(booking).book(at('2026-11-26', '09:30'));
    const queued = await queuedFor(booking, appointment.reference);
    await db
      .insertInto('notifications')
      .values({
        ...queued,
        id: 'refused-late',
        to_address: 'refused@example.it',
        created_at: '2026-12-31T00:00:00Z',
      })
      .execute();
    // Gateway B lists both messages; while it sends the first, gateway A tries the second, is refused
    // and puts it off. B then comes to the second message in its list: it must leave it.
    const sentByB: string[] = [];
    const now = () => booking.clock.now();
    const gatewayA = startMailSender(database, {
      transport,
      from: 'a@localhost',
      now,
      intervalMs: 3_600_000,
    });
    const gatewayB = startMailSender(database, {
      from: 'b@localhost',
      now,
      intervalMs: 3_600_000,
      transport: {
        async sendMail(message) {
          if (sentByB.length === 0) await gatewayA.flush();
          sentByB.push(message.to);
        },
      },
    });
    try {
      assert.equal(await gatewayB.flush(), 1);
      assert.deepEqual(sentByB, [APPLICANT.email]);
    } finally {
      await gatewayA.stop();
      await gatewayB.stop();
      await db.deleteFrom('notifications').where('id', '=', 'refused-late').execute();
    }
  });
});

describe('booking services configuration', () => {
  it('refuses a services file that breaks the contract or names an unknown office', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sportello-services-'));
    try {
      const file = join(folder, 'services.json');
      writeFileSync(file, JSON.stringify({ services: [{ ...fixtureServices[0], durationMinutes: 1 }] }));
      await assert.rejects(
        startTestGateway('sqlite', { bookingServicesFile: file }),
        /not a valid list of booking services: services\.0\.durationMinutes/,
      );
      writeFileSync(file, JSON.stringify({ services: [fixtureServices[0]] }));
      await assert.rejects(
        startTestGateway('sqlite', { bookingServicesFile: file }),
        /services\.0\.officeIds names an unknown office, sportello-prova/,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
