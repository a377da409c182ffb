// The booking part of the contract, against every implementation: the reference gateway over
// SQLite and over PostgreSQL (real HTTP), and the in-browser sandbox (its fetch, in Node). Same
// demo town, same fixed time, same answers. Clients are played through X-Forwarded-For (the
// gateway trusting its proxy): each hold comes from a client of its own unless a test says whose,
// so that the tests of places count places, not the limit of holds per client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Schemas } from '@sportello/core/contract';
import { bodyOf, post, problemOf, targets, type ContractTarget } from '../support/contract-targets.js';

// Monday 23 November 2026, 09:00 in Rome: slots from 11:00 on (two hours' lead), up to 21 February 2027.
const NOW = '2026-11-23T09:00:00+01:00';

const APPLICANT = { givenName: 'Mario', familyName: 'Rossi', email: 'mario.rossi@example.it' };
const CIE = { service: 'cie', office: 'anagrafe-centrale' };

let clientsSoFar = 0;
/** An address no other hold of the suite comes from. */
const anotherClient = () => `198.18.1.${++clientsSoFar}`;

for (const [name, start, skip] of targets(NOW, { trustProxy: true })) {
  describe(`booking contract: ${name}`, { skip }, () => {
    let target: ContractTarget;
    before(async () => {
      target = await start();
    });
    after(() => target?.close());

    const availability = (month: string, where = CIE) =>
      target.request(
        `/api/booking/availability?service=${where.service}&office=${where.office}&month=${month}`,
      );
    const slots = (date: string, where = CIE) =>
      target.request(`/api/booking/slots?service=${where.service}&office=${where.office}&date=${date}`);
    async function freePlaces(start: string): Promise<number> {
      const day = await bodyOf<Schemas['DaySlots']>(await slots(start.slice(0, 10)), 'DaySlots');
      return day.slots.find((slot) => slot.start === start)?.freePlaces ?? 0;
    }
    const askHold = (start: string, extra: Record<string, unknown> = {}, from = anotherClient()) =>
      target.request('/api/booking/holds', post({ ...CIE, start, ...extra }, { 'X-Forwarded-For': from }));
    async function hold(start: string, extra: Record<string, unknown> = {}, from = anotherClient()) {
      return bodyOf<Schemas['Hold']>(await askHold(start, extra, from), 'Hold', 201);
    }
    const release = (id: string) => target.request(`/api/booking/holds/${id}`, { method: 'DELETE' });
    const confirm = (holdId: string, headers: Record<string, string> = {}) =>
      target.request(
        '/api/booking/appointments',
        post({ holdId, reason: 'scadenza', applicant: APPLICANT, language: 'it' }, headers),
      );
    const manage = (reference: string, code: string, method = 'GET') =>
      target.request(`/api/booking/appointments/${reference}`, {
        method,
        headers: { 'Sportello-Manage-Code': code },
      });

    it('lists the bookable services, their offices, the hold time and the horizon', async () => {
      const catalogue = await bodyOf<Schemas['BookingCatalogue']>(
        await target.request('/api/booking/services'),
        'BookingCatalogue',
      );
      assert.deepEqual(
        catalogue.services.map((service) => [service.id, service.durationMinutes, service.officeIds]),
        [
          ['cie', 20, ['anagrafe-centrale']],
          ['residenza', 30, ['anagrafe-centrale']],
          ['certificati', 10, ['anagrafe-centrale', 'urp']],
          ['ztl', 15, ['urp']],
          ['edilizia', 45, ['urp']],
        ],
      );
      const cie = catalogue.services[0]!;
      assert.equal(cie.name.en, 'Electronic identity card renewal');
      assert.ok(cie.documents.length > 0);
      assert.equal(cie.reasons[0]!.id, 'scadenza');
      assert.deepEqual(
        catalogue.offices.map((office) => [office.id, office.counters]),
        [
          ['anagrafe-centrale', 4],
          ['urp', 2],
        ],
      );
      assert.deepEqual(catalogue.offices[0]!.closures, [
        { from: '2026-12-24', to: '2026-12-24' },
        { from: '2026-12-31', to: '2026-12-31' },
      ]);
      assert.equal(catalogue.holdMinutes, 10);
      assert.equal(catalogue.horizonDays, 90);
    });

    it('gives a month day by day: weekends, holidays and closures closed, and the first free day', async () => {
      const december = await bodyOf<Schemas['Availability']>(await availability('2026-12'), 'Availability');
      assert.equal(december.service, 'cie');
      assert.equal(december.office, 'anagrafe-centrale');
      assert.equal(december.month, '2026-12');
      assert.equal(december.days.length, 31);
      const state = (date: string) => december.days.find((day) => day.date === date)?.state;
      assert.equal(state('2026-12-05'), 'closed', 'Saturday');
      assert.equal(state('2026-12-06'), 'closed', 'Sunday');
      assert.equal(state('2026-12-08'), 'closed', 'Immacolata');
      assert.equal(state('2026-12-25'), 'closed', 'Christmas');
      assert.equal(state('2026-12-24'), 'closed', 'the registry office closes on Christmas Eve');
      assert.equal(state('2026-12-31'), 'closed', 'and on New Year’s Eve');
      // Tuesdays 08:30-12:30 and 14:30-17:00 in 20-minute slots (12 + 7), Mondays mornings only; four counters.
      assert.deepEqual(december.days[0], {
        date: '2026-12-01',
        state: 'available',
        freePlaces: 12 * 4 + 7 * 4,
      });
      assert.deepEqual(
        december.days.find((day) => day.date === '2026-12-07'),
        { date: '2026-12-07', state: 'available', freePlaces: 48 },
      );
      assert.equal(december.firstFreeDate, '2026-12-01');

      const urp = await bodyOf<Schemas['Availability']>(
        await availability('2026-12', { service: 'certificati', office: 'urp' }),
        'Availability',
      );
      assert.equal(urp.days.find((day) => day.date === '2026-12-24')?.state, 'available', 'URP stays open');

      const november = await bodyOf<Schemas['Availability']>(await availability('2026-11'), 'Availability');
      assert.ok(
        november.days.slice(0, 22).every((day) => day.state === 'closed'),
        'the past is closed',
      );
      // Today, only the slots two hours ahead: 11:10, 11:30, 11:50, 12:10.
      assert.deepEqual(november.days[22], { date: '2026-11-23', state: 'available', freePlaces: 16 });
      assert.equal(november.firstFreeDate, '2026-11-23');

      // A month long past (an old link): all closed, and the first free day is from today on.
      const past = await bodyOf<Schemas['Availability']>(await availability('2020-01'), 'Availability');
      assert.ok(past.days.every((day) => day.state === 'closed'));
      assert.equal(past.firstFreeDate, '2026-11-23');

      const beyond = await bodyOf<Schemas['Availability']>(await availability('2027-03'), 'Availability');
      assert.ok(
        beyond.days.every((day) => day.state === 'closed'),
        'past the 90-day horizon',
      );
      assert.equal(beyond.firstFreeDate, null);

      const notServed = await availability('2026-12', { service: 'cie', office: 'urp' });
      await problemOf(notServed, 404, 'not-found');
      const badMonth = await target.request('/api/booking/availability?service=cie&office=urp&month=2026-13');
      assert.equal((await problemOf(badMonth, 400, 'validation-failed')).field, 'query.month');
    });

    it('lists the free slots of a day, in Rome’s time', async () => {
      const tuesday = await bodyOf<Schemas['DaySlots']>(await slots('2026-11-24'), 'DaySlots');
      assert.equal(tuesday.date, '2026-11-24');
      assert.equal(tuesday.slots.length, 12 + 7, 'mornings 08:30-12:30 and afternoons 14:30-17:00');
      assert.deepEqual(tuesday.slots[0], {
        start: '2026-11-24T08:30:00+01:00',
        end: '2026-11-24T08:50:00+01:00',
        freePlaces: 4,
      });
      assert.equal(tuesday.slots.at(-1)!.start, '2026-11-24T16:30:00+01:00');
      const holiday = await bodyOf<Schemas['DaySlots']>(await slots('2026-12-08'), 'DaySlots');
      assert.deepEqual(holiday.slots, []);
    });

    it('holds, confirms, shows with the code and cancels; the place comes back', async () => {
      const start = '2026-11-25T09:10:00+01:00';
      const held = await hold(start);
      assert.deepEqual(
        { ...held, id: 'any' },
        {
          id: 'any',
          service: 'cie',
          office: 'anagrafe-centrale',
          start,
          end: '2026-11-25T09:30:00+01:00',
          expiresAt: '2026-11-23T09:10:00+01:00',
        },
      );
      assert.equal(await freePlaces(start), 3);
      const { appointment, manageCode } = await bodyOf<Schemas['ConfirmedAppointment']>(
        await confirm(held.id),
        'ConfirmedAppointment',
        201,
      );
      assert.match(appointment.reference, /^CIE-[0-9A-Z]{6}$/);
      assert.deepEqual(
        { ...appointment, reference: 'any' },
        {
          reference: 'any',
          status: 'confirmed',
          service: 'cie',
          office: 'anagrafe-centrale',
          reason: 'scadenza',
          start,
          end: '2026-11-25T09:30:00+01:00',
          initials: 'M. R.',
        },
      );
      assert.equal(await freePlaces(start), 3, 'the hold’s place became the appointment’s');
      await problemOf(await confirm(held.id), 409, 'hold-expired');

      const seen = await bodyOf<Schemas['Appointment']>(
        await manage(appointment.reference, manageCode),
        'Appointment',
      );
      assert.deepEqual(seen, appointment);
      const cancelled = await bodyOf<Schemas['Appointment']>(
        await manage(appointment.reference, manageCode, 'DELETE'),
        'Appointment',
      );
      assert.deepEqual(cancelled, { ...appointment, status: 'cancelled' });
      assert.equal(await freePlaces(start), 4);
      const again = await bodyOf<Schemas['Appointment']>(
        await manage(appointment.reference, manageCode, 'DELETE'),
        'Appointment',
      );
      assert.deepEqual(again, cancelled, 'cancelling twice answers the same');
      assert.equal(await freePlaces(start), 4, 'and frees the place once');
    });

    it('refuses an applicant fiscal code that is not a real one, keeping the hold; initials are one letter each', async () => {
      const start = '2026-11-25T09:50:00+01:00';
      const held = await hold(start);
      const confirmAs = (applicant: Schemas['Applicant']) =>
        target.request(
          '/api/booking/appointments',
          post({ holdId: held.id, reason: 'scadenza', applicant, language: 'it' }),
        );
      // The right shape, but its check character should be D: the contract's pattern lets it through.
      const wrongCheck = await confirmAs({ ...APPLICANT, fiscalCode: 'BNCGLU85L62H501X' });
      assert.equal((await problemOf(wrongCheck, 400, 'validation-failed')).field, 'applicant.fiscalCode');
      const noMonth = await confirmAs({ ...APPLICANT, fiscalCode: 'BNCGLU85Z62H501D' });
      assert.equal((await problemOf(noMonth, 400, 'validation-failed')).field, 'applicant.fiscalCode');
      assert.equal(await freePlaces(start), 3, 'the hold is kept for the corrected details');

      const { appointment } = await bodyOf<Schemas['ConfirmedAppointment']>(
        await confirmAs({
          givenName: 'ﬃona', // a ligature upper-cases to three letters
          familyName: 'ßtraße',
          email: 'ffiona@example.it',
          fiscalCode: 'BNCGLU85L62H501D',
        }),
        'ConfirmedAppointment',
        201,
      );
      assert.equal(appointment.initials, 'F. S.');
    });

    it('answers a wrong code exactly as an unknown reference', async () => {
      const { appointment, manageCode } = await bodyOf<Schemas['ConfirmedAppointment']>(
        await confirm((await hold('2026-11-25T09:30:00+01:00')).id),
        'ConfirmedAppointment',
        201,
      );
      const wrongCode = manageCode.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      const wrong = await problemOf(
        await manage(appointment.reference, wrongCode),
        404,
        'appointment-not-found',
      );
      const unknown = await problemOf(await manage('CIE-000000', manageCode), 404, 'appointment-not-found');
      assert.deepEqual(wrong, unknown);
      const missing = await target.request(`/api/booking/appointments/${appointment.reference}`);
      assert.equal(
        (await problemOf(missing, 400, 'validation-failed')).field,
        'header.sportello-manage-code',
      );
    });

    it('refuses a hold on a time that is not a slot, or is closed, past or full', async () => {
      const refused = async (start: string) => problemOf(await askHold(start), 409, 'slot-unavailable');
      await refused('2026-11-25T08:40:00+01:00');
      await refused('2026-11-29T09:30:00+01:00');
      await refused('2026-12-24T09:30:00+01:00');
      await refused('2026-11-23T09:30:00+01:00');
      await refused('2027-03-01T09:30:00+01:00');
      await refused('9999-12-31T23:30:00-01:00'); // in Rome, the first hour of the year 10000
      await refused('0000-01-01T00:00:00+01:00');
      const full = '2026-11-25T10:10:00+01:00';
      for (let place = 0; place < 4; place++) await hold(full);
      assert.equal(await freePlaces(full), 0);
      await refused(full);
      const unknownOffice = await askHold(full, { office: 'urp' });
      await problemOf(unknownOffice, 404, 'not-found');
    });

    it('refuses a start that is not a real time, rather than booking another', async () => {
      for (const start of [
        '2026-11-31T09:00:00+01:00', // Date.parse reads it as the 1st of December
        '2026-11-30T24:00:00+01:00',
        '2026-12-01T09:60:00+01:00',
        '2026-12-01T09:00:00+99:99',
      ]) {
        const answer = await askHold(start);
        assert.equal((await problemOf(answer, 400, 'validation-failed')).field, 'start', start);
      }
    });

    it('dates a hold’s answer by the clock that times it, for devices whose clock is off', async () => {
      const answer = await askHold('2026-11-26T09:30:00+01:00');
      const held = (await answer.json()) as Schemas['Hold'];
      const date = Date.parse(answer.headers.get('date')!);
      assert.equal(date, target.clock.now() - (target.clock.now() % 1000), 'whole seconds');
      assert.equal(Date.parse(held.expiresAt) - date, 10 * 60_000, 'holdMinutes from the Date');
    });

    it('frees a hold after holdMinutes, and swaps a hold with `replaces`', async () => {
      const start = '2026-11-26T09:50:00+01:00';
      const first = await hold(start);
      const swapped = await hold('2026-11-26T10:10:00+01:00', { replaces: first.id });
      assert.equal(await freePlaces(start), 4, 'the replaced hold gave its place back');
      assert.equal(await freePlaces(swapped.start), 3);
      target.clock.advance(10 * 60_000);
      assert.equal(await freePlaces(swapped.start), 4, 'expired after ten minutes');
      await problemOf(await confirm(swapped.id), 409, 'hold-expired');
    });

    it('reschedules to a held slot in one step, freeing the old place', async () => {
      const from = '2026-11-27T09:10:00+01:00';
      const to = '2026-11-27T11:10:00+01:00';
      const { appointment, manageCode } = await bodyOf<Schemas['ConfirmedAppointment']>(
        await confirm((await hold(from)).id),
        'ConfirmedAppointment',
        201,
      );
      const newHold = await hold(to);
      const moved = await bodyOf<Schemas['Appointment']>(
        await target.request(
          `/api/booking/appointments/${appointment.reference}/reschedule`,
          post({ holdId: newHold.id }, { 'Sportello-Manage-Code': manageCode }),
        ),
        'Appointment',
      );
      assert.deepEqual(moved, { ...appointment, start: to, end: '2026-11-27T11:30:00+01:00' });
      assert.equal(await freePlaces(from), 4);
      assert.equal(await freePlaces(to), 3);
      const stale = await target.request(
        `/api/booking/appointments/${appointment.reference}/reschedule`,
        post({ holdId: newHold.id }, { 'Sportello-Manage-Code': manageCode }),
      );
      await problemOf(stale, 409, 'hold-expired');
    });

    it('replays createAppointment for the same Idempotency-Key: same reference, same code', async () => {
      const held = await hold('2026-11-30T08:30:00+01:00');
      const key = 'booking-contract-0001';
      const first = await bodyOf<Schemas['ConfirmedAppointment']>(
        await confirm(held.id, { 'Idempotency-Key': key }),
        'ConfirmedAppointment',
        201,
      );
      const replay = await bodyOf<Schemas['ConfirmedAppointment']>(
        await confirm(held.id, { 'Idempotency-Key': key }),
        'ConfirmedAppointment',
        201,
      );
      assert.equal(replay.appointment.reference, first.appointment.reference);
      assert.equal(replay.manageCode, first.manageCode);
      assert.deepEqual(replay, first);
      assert.equal(await freePlaces('2026-11-30T08:30:00+01:00'), 3, 'booked once');
    });

    it('holds two times at most per client: the third is answered 429 too-many-holds; swapping works at the limit', async () => {
      const citizen = '198.51.100.10';
      const first = await hold('2026-12-02T09:10:00+01:00', {}, citizen);
      await hold('2026-12-02T09:30:00+01:00', {}, citizen);
      target.clock.advance(60_000);
      const third = await problemOf(
        await askHold('2026-12-02T09:50:00+01:00', {}, citizen),
        429,
        'too-many-holds',
      );
      assert.equal(third.retryAfterSeconds, 9 * 60, 'until the first hold runs out');
      assert.equal(await freePlaces('2026-12-02T09:50:00+01:00'), 4, 'a refusal takes no place');
      const swapped = await hold('2026-12-02T09:50:00+01:00', { replaces: first.id }, citizen);
      assert.equal(await freePlaces(first.start), 4, 'the replaced hold gave its place back');
      assert.equal(await freePlaces(swapped.start), 3);
      await hold('2026-12-02T09:50:00+01:00', {}, '198.51.100.11'); // another client is not limited
      assert.equal((await release(swapped.id)).status, 200);
      await hold('2026-12-02T10:10:00+01:00', {}, citizen);
    });

    it('gives a hold back at once with DELETE; answers 404 for nothing held and 409 for an appointment', async () => {
      const start = '2026-12-02T11:10:00+01:00';
      const held = await hold(start);
      assert.equal(await freePlaces(start), 3);
      const released = await bodyOf<Schemas['ReleasedHold']>(await release(held.id), 'ReleasedHold');
      assert.deepEqual(released, { id: held.id, state: 'released' });
      assert.equal(await freePlaces(start), 4, 'the place is free at once');
      await problemOf(await release(held.id), 404, 'hold-not-found');
      await problemOf(await confirm(held.id), 409, 'hold-expired');
      await problemOf(await release('00000000-0000-4000-8000-000000000000'), 404, 'hold-not-found');
      assert.equal((await problemOf(await release('not-a-hold'), 400, 'validation-failed')).field, 'path.id');

      const booked = await hold(start);
      const { appointment, manageCode } = await bodyOf<Schemas['ConfirmedAppointment']>(
        await confirm(booked.id),
        'ConfirmedAppointment',
        201,
      );
      await problemOf(await release(booked.id), 409, 'hold-confirmed');
      assert.equal(await freePlaces(start), 3, 'the appointment keeps its place');
      assert.equal((await manage(appointment.reference, manageCode)).status, 200);

      const runOut = await hold('2026-12-02T11:30:00+01:00');
      target.clock.advance(10 * 60_000);
      await problemOf(await release(runOut.id), 404, 'hold-not-found');
      assert.equal(await freePlaces(runOut.start), 4);
    });

    it('refuses names that are not names, naming the field and why, and keeps the hold', async () => {
      const start = '2026-12-03T09:10:00+01:00';
      const held = await hold(start);
      const confirmAs = (names: Partial<Schemas['Applicant']>) =>
        target.request(
          '/api/booking/appointments',
          post({
            holdId: held.id,
            reason: 'scadenza',
            applicant: { ...APPLICANT, ...names },
            language: 'it',
          }),
        );
      for (const [names, field, code] of [
        [
          { givenName: 'URGENTE: paghi la sanzione su https://evil.example/pagopa' },
          'applicant.givenName',
          'address',
        ],
        [{ familyName: 'multe-pagopa.it' }, 'applicant.familyName', 'address'],
        [{ givenName: 'Mario 2' }, 'applicant.givenName', 'digit'],
        [{ familyName: 'Rossi\u202E' }, 'applicant.familyName', 'invisible'],
        [{ givenName: 'a'.repeat(61) }, 'applicant.givenName', 'length'],
      ] as const) {
        const refused = await problemOf(await confirmAs(names), 400, 'validation-failed');
        assert.equal(refused.field, field, JSON.stringify(names));
        assert.equal((refused.errors as { code: string }[])[0]!.code, code, JSON.stringify(names));
      }
      assert.equal(await freePlaces(start), 3, 'the hold is kept for the corrected name');
      const { appointment } = await bodyOf<Schemas['ConfirmedAppointment']>(
        await confirmAs({ givenName: 'J. R. R.', familyName: 'Müller-Lüdenscheidt' }),
        'ConfirmedAppointment',
        201,
      );
      assert.equal(appointment.initials, 'J. M.');
      for (const [givenName, familyName] of [
        ['Anna Maria', 'D’Angelo'],
        ['Ζωή', 'Олена'],
        ['محمد', '李'],
      ]) {
        const again = await hold(start);
        const booked = await target.request(
          '/api/booking/appointments',
          post({
            holdId: again.id,
            reason: 'scadenza',
            applicant: { ...APPLICANT, givenName, familyName },
            language: 'it',
          }),
        );
        assert.equal(booked.status, 201, `${givenName} ${familyName}`);
      }
    });

    // Last: it moves the clock on by hours.
    it('refuses to cancel or move an appointment once it has started, and changes nothing', async () => {
      const today = await bodyOf<Schemas['DaySlots']>(await slots('2026-11-23'), 'DaySlots');
      const start = today.slots[0]!.start;
      const { appointment, manageCode } = await bodyOf<Schemas['ConfirmedAppointment']>(
        await confirm((await hold(start)).id),
        'ConfirmedAppointment',
        201,
      );
      target.clock.set(start);
      const later = await hold('2026-11-30T09:10:00+01:00');
      await problemOf(await manage(appointment.reference, manageCode, 'DELETE'), 409, 'appointment-past');
      await problemOf(
        await target.request(
          `/api/booking/appointments/${appointment.reference}/reschedule`,
          post({ holdId: later.id }, { 'Sportello-Manage-Code': manageCode }),
        ),
        409,
        'appointment-past',
      );
      assert.deepEqual(
        await bodyOf<Schemas['Appointment']>(await manage(appointment.reference, manageCode), 'Appointment'),
        appointment,
        'still confirmed, at its time',
      );
      assert.equal(await freePlaces(later.start), 3, 'the new time is still only held');
    });
  });
}
