// Counter appointments over the database. The rules (which slots a day has, what a month looks
// like, codes and references) come from core, shared with the sandbox; this file keeps the places.
//
// No overbooking, under concurrency, retries and restarts: at no moment does an office have more
// confirmed appointments plus live holds than counters, whichever services they are for. Places are
// counted per minute of the office's time (see `minutesOf`): `booking_slots` has a row per office
// and minute, and a hold claims a place in every minute it covers with one conditional upsert
// (`taken = taken + 1 where taken < capacity`) inside a transaction, which fails whole when any
// minute is full. Places are given back by `taken - 1` only by whoever moved a hold or an appointment
// out of the state that held it (again a conditional update, so only one request can). PostgreSQL
// locks each row and re-checks the condition after a concurrent writer commits, and every statement
// takes its minutes in time order, so transactions never wait on each other in a circle; SQLite has
// one writer at a time. A check constraint (`taken <= capacity`) backs it up.
//
// No client holds more than HOLDS_PER_CLIENT times at once, across instances: a hold records its
// client (a keyed hash of the address: `clientKey`), and creating one counts the client's live
// holds in the transaction that inserts it, after a lock per client (PostgreSQL: an advisory lock,
// taken before any row, so it never waits in a circle with the minute rows; SQLite: one writer).
// Wrong manage codes are counted per client, and per client and reference, under the same kind of
// lock; never per reference alone, so nobody can lock a citizen out of their own appointment.
//
// A kiosk may hand a hold over to a citizen's phone (hand-off.ts): the phone's claim moves the hold
// to a new row under a new id (the old one becomes `handed-off`), with its places and expiry as
// they were, so `taken` does not change; the old id then controls nothing.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  BOOKING_HORIZON_DAYS,
  HOLDS_PER_CLIENT,
  HOLD_MINUTES,
  addDays,
  appointmentInputProblem,
  appointmentCancelled,
  appointmentNotFound,
  appointmentPast,
  appointmentReference,
  bookableWindow,
  firstFreeDate,
  freeSlots,
  generateManageCode,
  hashManageCode,
  holdConfirmed,
  holdExpired,
  holdNotFound,
  holdReleased,
  initialsOf,
  minutesOf,
  monthDays,
  mostPlacesTaken,
  notFound,
  problem,
  slotAt,
  slotUnavailable,
  toRomeIso,
  tooManyHolds,
  unrealDateProblem,
  type BookingCalendar,
  type ContractResponse,
  type Handler,
  type Schemas,
} from '@sportello/core/contract';
import { sql, type Kysely } from 'kysely';
import { dateInRome, type Language } from '@sportello/core/node';
import { availabilityCache, availabilityChanged } from './availability-cache.js';
import { requestClient } from './client.js';
import type { Database, Tables } from './database.js';
import { queueNotification, type NotificationKind } from './notifications.js';
import { Refusal, refusable } from './refusal.js';
import type { BookingSetup } from './seeded.js';

type Appointment = Schemas['Appointment'];
type AppointmentRow = Tables['appointments'];

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Wrong manage codes allowed from one client for one reference in the window: a citizen's typos. */
const MANAGE_CODE_ATTEMPTS_PER_REFERENCE = 5;
/**
 * Wrong manage codes allowed from one client, whatever the references, in the window: more, as
 * many citizens may share an address (an office, a school, a mobile network). 80 random bits per
 * code are what protects an appointment; this only slows a client that keeps guessing.
 */
const MANAGE_CODE_ATTEMPTS_PER_CLIENT = 20;
/** Wrong manage codes are counted over this window (their rows hold clients' keys: kept no longer). */
export const MANAGE_CODE_WINDOW_MS = 15 * MINUTE_MS;
// Compared against when the reference is unknown, so both cases take the same time.
const NO_HASH = '0'.repeat(64);

const ok = (status: number, body: unknown): ContractResponse => ({ status, body });

/** Where and when a hold or an appointment takes places: at an office, from `startMs` to `endMs`. */
interface BookedTime {
  officeId: string;
  startMs: number;
  endMs: number;
}

const bookedTime = (row: { office_id: string; start_ms: number | string; ends_at: string }): BookedTime => ({
  officeId: row.office_id,
  startMs: Number(row.start_ms),
  endMs: Date.parse(row.ends_at),
});

/** Orders booked times by office, then start: the order every transaction takes minute rows in. */
const lockOrder = (time: BookedTime) => `${time.officeId}\u0000${String(time.startMs).padStart(16, '0')}`;

function sameHash(given: string, stored: string): boolean {
  const a = Buffer.from(given, 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function viewOf(row: AppointmentRow): Appointment {
  return {
    reference: row.reference,
    status: row.status as Appointment['status'],
    service: row.service_id,
    office: row.office_id,
    reason: row.reason,
    start: row.starts_at,
    end: row.ends_at,
    initials: initialsOf({ givenName: row.given_name, familyName: row.family_name }),
  };
}

/**
 * The client asking (`clientKey`) and a lock per client (`lockKey`), for the limits per client:
 * shared by booking and the hand-off of holds (hand-off.ts), which count the same holds.
 */
/**
 * Refuses (429 `too-many-holds`, with when the client's first hold runs out) a client that already
 * holds HOLDS_PER_CLIENT live times. Inside the transaction that then holds one more, after
 * `holds:<client>` is locked, so that the count holds across instances. `except`: a hold being moved
 * to this client, which is not one more (a phone claiming a kiosk's hold from the kiosk's address).
 */
export async function refuseBeyondHoldCap(
  db: Kysely<Tables>,
  client: string,
  now: number,
  except?: string,
): Promise<void> {
  let live = db
    .selectFrom('booking_holds')
    .select([(eb) => eb.fn.countAll().as('count'), (eb) => eb.fn.min('expires_at_ms').as('first')])
    .where('client_key', '=', client)
    .where('state', '=', 'held')
    .where('expires_at_ms', '>', now);
  if (except) live = live.where('id', '<>', except);
  const { count, first } = await live.executeTakeFirstOrThrow();
  if (Number(count) >= HOLDS_PER_CLIENT) {
    const retryAfterSeconds = Math.max(1, Math.ceil((Number(first) - now) / 1000));
    throw new Refusal(tooManyHolds(retryAfterSeconds));
  }
}

export function requestClients(database: Database) {
  const current = () => database.current();
  let clientSecret: Promise<string> | undefined;

  /**
   * Who is asking, as the limits count clients: a keyed hash (HMAC-SHA-256, with the secret made at
   * the first start: migration 0013) of the address the gateway sees, after TRUST_PROXY. Stored
   * instead of the address, which is personal data, and the same for every instance on the
   * database. The secret is read through the current transaction, if any: an Idempotency-Key's
   * holds SQLite's only connection.
   */
  async function clientKey(): Promise<string> {
    clientSecret ??= current()
      .selectFrom('gateway_secrets')
      .select('value')
      .where('name', '=', 'client-key')
      .executeTakeFirstOrThrow()
      .then(
        (row) => row.value,
        (error: unknown) => {
          clientSecret = undefined; // read again by the next request
          throw error;
        },
      );
    const address = requestClient.getStore()?.ip ?? 'unknown';
    return createHmac('sha256', await clientSecret)
      .update(address)
      .digest('base64url');
  }

  /** Serialises, across instances, the requests that count one key (a client) until the transaction ends. */
  async function lockKey(key: string): Promise<void> {
    if (database.kind === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(database.current());
    }
  }

  return { clientKey, lockKey };
}

/** `setup`: the offices, services and closures, seeded at start and never written after. */
export function bookingHandlers(
  database: Database,
  options: { now: () => number; setup: BookingSetup },
): Record<string, Handler> {
  const { setup } = options;
  const current = () => database.current();
  const availability = availabilityCache<Schemas['Availability']>(database, { now: options.now });

  const { clientKey, lockKey } = requestClients(database);

  /** The service and office when the office serves the service. */
  async function servedAt(serviceId: string, officeId: string) {
    const { services, offices, patronDay, municipality } = setup;
    const service = services.get(serviceId);
    const office = offices.get(officeId);
    if (!service || !office || !service.officeIds.includes(officeId)) return undefined;
    return { service, office, patronDay, municipality };
  }

  function calendarOf(
    served: NonNullable<Awaited<ReturnType<typeof servedAt>>>,
    now: number,
    taken: Map<number, number> = new Map(),
  ): BookingCalendar {
    return {
      office: served.office,
      durationMinutes: served.service.durationMinutes,
      ...(served.patronDay ? { patronDay: served.patronDay } : {}),
      now,
      taken: (startMs, endMs) => mostPlacesTaken(taken, startMs, endMs),
    };
  }

  /** Places taken per minute at an office, from `fromMs` (included) to `toMs`: one query. */
  async function placesTaken(
    officeId: string,
    fromMs: number,
    toMs: number,
    into = new Map<number, number>(),
  ) {
    const rows = await database
      .current()
      .selectFrom('booking_slots')
      .select(['start_ms', 'taken'])
      .where('office_id', '=', officeId)
      .where('start_ms', '>=', fromMs)
      .where('start_ms', '<', toMs)
      .where('taken', '>', 0)
      .execute();
    for (const row of rows) into.set(Number(row.start_ms), Number(row.taken));
    return into;
  }

  /** A row for every minute of a time, in time order, with `taken` places in a new one. */
  function minuteRows(time: BookedTime, capacity: number, taken: number) {
    return minutesOf(time.startMs, time.endMs).map((startMs) => ({
      office_id: time.officeId,
      start_ms: startMs,
      capacity,
      taken,
    }));
  }

  const countersOf = (officeId: string) => setup.offices.get(officeId)?.counters ?? 0;

  /**
   * Claims a place in every minute of a time; false when any minute is full, and the caller's
   * transaction then undoes the minutes claimed. One upsert, which goes through its rows in the
   * order given: PostgreSQL locks the minutes in time order. Runs inside a transaction.
   */
  async function claimPlace(time: BookedTime, capacity: number): Promise<boolean> {
    await availabilityChanged(database, time.officeId);
    const rows = minuteRows(time, capacity, 1);
    const claimed = await database
      .current()
      .insertInto('booking_slots')
      .values(rows)
      .onConflict((conflict) =>
        conflict
          .columns(['office_id', 'start_ms'])
          // The capacity is today's number of counters: a change of counters applies to new claims.
          .doUpdateSet((eb) => ({ taken: eb('booking_slots.taken', '+', 1), capacity }))
          .where('booking_slots.taken', '<', capacity),
      )
      .executeTakeFirst();
    // A full minute is neither inserted nor updated.
    return Number(claimed.numInsertedOrUpdatedRows) === rows.length;
  }

  /**
   * Takes `given` places (1, or 0 only to lock the rows) back from every minute of a time. An upsert
   * rather than a ranged update, for the same lock order as claims (an update locks rows in whatever
   * order its plan reads them); a minute without a row had nothing to give back and gets an empty one.
   */
  async function giveBackMinutes(time: BookedTime, given: 0 | 1): Promise<void> {
    if (given) await availabilityChanged(database, time.officeId);
    await database
      .current()
      .insertInto('booking_slots')
      .values(minuteRows(time, countersOf(time.officeId), 0))
      .onConflict((conflict) =>
        conflict
          .columns(['office_id', 'start_ms'])
          .doUpdateSet((eb) => ({ taken: eb('booking_slots.taken', '-', given) }))
          .where('booking_slots.taken', '>=', given),
      )
      .execute();
  }

  const freePlace = (time: BookedTime) => giveBackMinutes(time, 1);

  /**
   * Locks every minute row of a time, in time order, changing nothing: for a transaction that must
   * give places back before it claims earlier ones. SQLite has one writer at a time: nothing to do.
   */
  const lockMinutes = async (time: BookedTime) => {
    if (database.kind === 'postgres') await giveBackMinutes(time, 0);
  };

  /**
   * Ends a hold that is still held, giving its places back; false when it had already ended (by
   * someone else, who gave the places back). `beforeGivingBack` runs between the two, with the
   * hold's row locked. Runs inside a transaction.
   */
  async function endHold(
    hold: Pick<Tables['booking_holds'], 'id' | 'office_id' | 'start_ms' | 'ends_at'>,
    state: 'released' | 'expired',
    beforeGivingBack?: () => Promise<void>,
  ): Promise<boolean> {
    const ended = await current()
      .updateTable('booking_holds')
      .set({ state, client_key: null })
      .where('id', '=', hold.id)
      .where('state', '=', 'held')
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) !== 1) return false;
    await beforeGivingBack?.();
    await freePlace(bookedTime(hold));
    return true;
  }

  /**
   * Gives back the places of holds past their time. Cheap when there are none: one indexed read,
   * no transaction. endHold ends only a hold still held, so one a concurrent request ended is left.
   * In office and time order, so that their minutes are locked in the order every transaction uses.
   */
  async function releaseExpired(now: number): Promise<void> {
    const expired = await database
      .current()
      .selectFrom('booking_holds')
      .select(['id', 'office_id', 'start_ms', 'ends_at'])
      .where('state', '=', 'held')
      .where('expires_at_ms', '<=', now)
      .orderBy('office_id')
      .orderBy('start_ms')
      .orderBy('id')
      .execute();
    if (expired.length === 0) return;
    await database.transaction(async () => {
      for (const hold of expired) await endHold(hold, 'expired');
    });
  }

  /** The live hold with this id, claimed for confirmation; undefined when expired, unknown or used. */
  async function confirmHold(holdId: string, now: number, serviceId?: string) {
    let claim = current()
      .updateTable('booking_holds')
      .set({ state: 'confirmed', client_key: null })
      .where('id', '=', holdId)
      .where('state', '=', 'held')
      .where('expires_at_ms', '>', now);
    if (serviceId) claim = claim.where('service_id', '=', serviceId);
    return claim.returningAll().executeTakeFirst();
  }

  async function notify(
    row: AppointmentRow,
    kind: NotificationKind,
    now: number,
    extra: { manageCode?: string; previousStart?: string } = {},
  ) {
    const { services, offices, municipality } = setup;
    const service = services.get(row.service_id);
    const office = offices.get(row.office_id);
    // No address: the details were erased (housekeeping.ts), after the appointment, when it can no
    // longer be cancelled or moved: kept so that no message ever goes to an empty address.
    if (!service || !office || !row.email) return;
    await queueNotification(
      database.current(),
      {
        kind,
        language: row.language as Language,
        reference: row.reference,
        municipality,
        service,
        office,
        givenName: row.given_name,
        familyName: row.family_name,
        start: row.starts_at,
        end: row.ends_at,
        ...extra,
      },
      row.email,
      now,
    );
  }

  const loadAppointment = (reference: string) =>
    database
      .current()
      .selectFrom('appointments')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirst();

  /**
   * The appointment when the manage code is right: always, whatever wrong codes came before, from
   * anyone. An unknown reference and a wrong code get the same answer, in the same time; after
   * MANAGE_CODE_ATTEMPTS_PER_REFERENCE wrong codes from one client for one reference, or
   * MANAGE_CODE_ATTEMPTS_PER_CLIENT from one client in all, within the window, that client's wrong
   * codes are answered 429 until the window passes. Never counted per reference alone: wrong
   * guesses from elsewhere would lock the owner out.
   */
  async function managed(reference: string, code: string): Promise<AppointmentRow | ContractResponse> {
    const now = options.now();
    const client = await clientKey();
    const limits = new Map([
      [`client:${client}`, MANAGE_CODE_ATTEMPTS_PER_CLIENT],
      [`client-reference:${client}:${reference}`, MANAGE_CODE_ATTEMPTS_PER_REFERENCE],
    ]);
    // Counting the failures and recording one are one step per key: a burst of concurrent guesses
    // gets as many answers as the limit, not one each. Keys locked in one order: no deadlock.
    return database.transaction(async () => {
      for (const key of [...limits.keys()].sort()) await lockKey(key);
      return checkManageCode(reference, code, limits, now);
    });
  }

  async function checkManageCode(
    reference: string,
    code: string,
    limits: Map<string, number>,
    now: number,
  ): Promise<AppointmentRow | ContractResponse> {
    const db = database.current();
    const row = await loadAppointment(reference);
    const matches = sameHash(await hashManageCode(code), row?.manage_code_hash ?? NO_HASH);
    if (row && matches) return row;
    const since = now - MANAGE_CODE_WINDOW_MS;
    const failures = await db
      .selectFrom('manage_code_failures')
      .select(['key', (eb) => eb.fn.countAll().as('count'), (eb) => eb.fn.min('failed_at_ms').as('first')])
      .where('key', 'in', [...limits.keys()])
      .where('failed_at_ms', '>', since)
      .groupBy('key')
      .execute();
    const over = failures.filter((failure) => Number(failure.count) >= limits.get(failure.key)!);
    if (over.length > 0) {
      // Not recorded: the window runs from the first wrong codes, not from the latest refusal.
      const freeAt = Math.max(...over.map((failure) => Number(failure.first) + MANAGE_CODE_WINDOW_MS));
      const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now) / 1000));
      return {
        status: 429,
        body: problem(429, 'rate-limited', { retryAfterSeconds }),
        headers: { 'Retry-After': String(retryAfterSeconds) },
      };
    }
    await db
      .insertInto('manage_code_failures')
      .values([...limits.keys()].map((key) => ({ key, failed_at_ms: now })))
      .execute(); // deleted once past the window (housekeeping.ts)
    return appointmentNotFound();
  }

  return {
    async getBookingServices() {
      const { services, offices } = setup;
      return ok(200, {
        services: [...services.values()],
        offices: [...offices.values()],
        holdMinutes: HOLD_MINUTES,
        horizonDays: BOOKING_HORIZON_DAYS,
      } satisfies Schemas['BookingCatalogue']);
    },

    async getBookingAvailability({ query }) {
      const month = query.month!;
      const served = await servedAt(query.service!, query.office!);
      if (!served) return notFound();
      // Cached per service, office and month until a write at the office, a whole minute or a hold's
      // expiry changes it (availability-cache.ts): the calendar asks for it on every page of months.
      const key = { service: served.service.id, office: served.office.id, month };
      const answer = await availability.answer(key, async (now) => {
        await releaseExpired(now);
        // A day either side of the month in UTC covers the month in Rome, whatever the offset.
        const monthStartMs = Date.parse(`${month}-01T00:00:00Z`);
        const nextMonth = addDays(`${month}-01`, 40).slice(0, 7);
        const nextMonthMs = Date.parse(`${nextMonth}-01T00:00:00Z`);
        const taken = await placesTaken(served.office.id, monthStartMs - DAY_MS, nextMonthMs + DAY_MS);
        const calendar = calendarOf(served, now, taken);
        const days = monthDays(month, calendar);
        let firstFree = days.find((day) => day.freePlaces > 0)?.date ?? null;
        if (!firstFree) {
          // The month is full or closed: look further, within the horizon, with a second query.
          const from = [`${nextMonth}-01`, dateInRome(now)].sort()[1]!;
          const { toDate } = bookableWindow(now);
          if (from <= toDate) {
            const fromMs = Date.parse(`${from}T00:00:00Z`) - DAY_MS;
            await placesTaken(
              served.office.id,
              fromMs,
              Date.parse(`${toDate}T00:00:00Z`) + 2 * DAY_MS,
              taken,
            );
            firstFree = firstFreeDate(from, calendar);
          }
        }
        return {
          service: served.service.id,
          office: served.office.id,
          month,
          days,
          firstFreeDate: firstFree,
        } satisfies Schemas['Availability'];
      });
      return ok(200, answer.body);
    },

    async getBookingSlots({ query }) {
      const date = query.date!;
      const unreal = unrealDateProblem(date, 'query.date');
      if (unreal) return unreal;
      const dayMs = Date.parse(`${date}T00:00:00Z`);
      const served = await servedAt(query.service!, query.office!);
      if (!served) return notFound();
      const now = options.now();
      await releaseExpired(now);
      const taken = await placesTaken(served.office.id, dayMs - DAY_MS, dayMs + 2 * DAY_MS);
      return ok(200, {
        service: served.service.id,
        office: served.office.id,
        date,
        slots: freeSlots(date, calendarOf(served, now, taken)),
      } satisfies Schemas['DaySlots']);
    },

    async createBookingHold({ body }) {
      const input = body as Schemas['HoldInput'];
      // The pattern lets 2026-11-31 through, which Date.parse would read as the 1st of December.
      const unreal = unrealDateProblem(input.start.slice(0, 10), 'start');
      if (unreal) return unreal;
      const served = await servedAt(input.service, input.office);
      if (!served) return notFound();
      const now = options.now();
      // Whether the time is a slot of this service that can be booked now; places are checked below.
      const slot = slotAt(input.start, calendarOf(served, now));
      if (!slot) return slotUnavailable();
      await releaseExpired(now);
      const client = await clientKey();
      const startMs = Date.parse(slot.start);
      const officeId = served.office.id;
      const time: BookedTime = { officeId, startMs, endMs: Date.parse(slot.end) };
      const hold: Schemas['Hold'] = {
        id: randomUUID(),
        service: served.service.id,
        office: officeId,
        start: slot.start,
        end: slot.end,
        expiresAt: toRomeIso(now + HOLD_MINUTES * MINUTE_MS),
      };
      return refusable(() =>
        database.transaction(async () => {
          const db = current();
          // First, before any row: the client's holds are counted by one request at a time.
          await lockKey(`holds:${client}`);
          const replaced = input.replaces
            ? await db
                .selectFrom('booking_holds')
                .select(['id', 'office_id', 'start_ms', 'ends_at'])
                .where('id', '=', input.replaces)
                .where('state', '=', 'held')
                .where('expires_at_ms', '>', now)
                .executeTakeFirst()
            : undefined;
          if (replaced) {
            // The replaced hold gives its places back first: a citizen may pick a time that overlaps
            // the one they hold, at a full office. Minute rows are still locked in office and time
            // order (after the hold's row, as everywhere), so two citizens swapping times in
            // opposite directions cannot deadlock.
            const earlier = lockOrder(time) < lockOrder(bookedTime(replaced));
            await endHold(replaced, 'released', earlier ? () => lockMinutes(time) : undefined);
          }
          // The replaced hold has ended: swapping one works at the limit.
          await refuseBeyondHoldCap(db, client, now);
          if (!(await claimPlace(time, slot.capacity))) throw new Refusal(slotUnavailable());
          await db
            .insertInto('booking_holds')
            .values({
              id: hold.id,
              service_id: hold.service,
              office_id: officeId,
              start_ms: startMs,
              starts_at: hold.start,
              ends_at: hold.end,
              expires_at_ms: now + HOLD_MINUTES * MINUTE_MS,
              expires_at: hold.expiresAt,
              state: 'held',
              created_at: new Date(now).toISOString(),
              client_key: client,
            })
            .execute();
          return ok(201, hold);
        }),
      );
    },

    async releaseBookingHold({ params }) {
      const now = options.now();
      return database.transaction(async () => {
        const hold = await current()
          .selectFrom('booking_holds')
          .select(['id', 'office_id', 'start_ms', 'ends_at', 'state', 'expires_at_ms'])
          .where('id', '=', params.id!)
          .executeTakeFirst();
        if (hold?.state === 'confirmed') return holdConfirmed();
        if (hold?.state !== 'held') return holdNotFound();
        // Run out, not yet given back: given back now, as releaseExpired would, and not found.
        if (Number(hold.expires_at_ms) <= now) {
          await endHold(hold, 'expired');
          return holdNotFound();
        }
        if (await endHold(hold, 'released')) return holdReleased(hold.id);
        // Ended meanwhile by another request: confirmed, replaced or released.
        const ended = await current()
          .selectFrom('booking_holds')
          .select('state')
          .where('id', '=', hold.id)
          .executeTakeFirst();
        return ended?.state === 'confirmed' ? holdConfirmed() : holdNotFound();
      });
    },

    async createAppointment({ body }) {
      const input = body as Schemas['AppointmentInput'];
      const now = options.now();
      const { services } = setup;
      return refusable(() =>
        database.transaction(async () => {
          const db = database.current();
          // The hold's place becomes the appointment's: `taken` does not change.
          const hold = await confirmHold(input.holdId, now);
          if (!hold) throw new Refusal(holdExpired());
          const invalid = appointmentInputProblem(input, services.get(hold.service_id)?.reasons ?? []);
          if (invalid) throw new Refusal(invalid);
          const manageCode = generateManageCode();
          const row: AppointmentRow = {
            reference: '',
            manage_code_hash: await hashManageCode(manageCode),
            service_id: hold.service_id,
            office_id: hold.office_id,
            reason: input.reason,
            notes: input.notes ?? null,
            given_name: input.applicant.givenName,
            family_name: input.applicant.familyName,
            email: input.applicant.email,
            phone: input.applicant.phone ?? null,
            fiscal_code: input.applicant.fiscalCode ?? null,
            language: input.language,
            start_ms: Number(hold.start_ms),
            starts_at: hold.starts_at,
            ends_at: hold.ends_at,
            status: 'confirmed',
            created_at: new Date(now).toISOString(),
            cancelled_at: null,
          };
          // References are random: on the rare collision, draw another.
          for (;;) {
            row.reference = appointmentReference(hold.service_id);
            const inserted = await db
              .insertInto('appointments')
              .values(row)
              .onConflict((conflict) => conflict.column('reference').doNothing())
              .executeTakeFirst();
            if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) break;
          }
          await notify(row, 'confirmation', now, { manageCode });
          // The answer recorded for an Idempotency-Key holds the manage code too: such records are
          // kept only as long as a retry makes sense (a day: housekeeping.ts).
          return ok(201, { appointment: viewOf(row), manageCode } satisfies Schemas['ConfirmedAppointment']);
        }),
      );
    },

    async getAppointment({ params, headers }) {
      const found = await managed(params.reference!, headers['sportello-manage-code']!);
      return 'reference' in found ? ok(200, viewOf(found)) : found;
    },

    async cancelAppointment({ params, headers }) {
      const found = await managed(params.reference!, headers['sportello-manage-code']!);
      if (!('reference' in found)) return found;
      if (found.status === 'cancelled') return ok(200, viewOf(found));
      const now = options.now();
      if (Number(found.start_ms) <= now) return appointmentPast();
      return database.transaction(async () => {
        const db = database.current();
        // Only the request that moves it from confirmed frees the place: cancelling twice frees once.
        const cancelled = await db
          .updateTable('appointments')
          .set({ status: 'cancelled', cancelled_at: new Date(now).toISOString() })
          .where('reference', '=', found.reference)
          .where('status', '=', 'confirmed')
          .returningAll()
          .executeTakeFirst();
        // A concurrent request cancelled it first: answer with the appointment as it now is.
        if (!cancelled) return ok(200, viewOf((await loadAppointment(found.reference))!));
        await freePlace(bookedTime(cancelled));
        await notify(cancelled, 'cancellation', now);
        return ok(200, viewOf(cancelled));
      });
    },

    async rescheduleAppointment({ params, headers, body }) {
      const found = await managed(params.reference!, headers['sportello-manage-code']!);
      if (!('reference' in found)) return found;
      if (found.status === 'cancelled') return appointmentCancelled();
      const { holdId } = body as Schemas['RescheduleInput'];
      const now = options.now();
      // A move only goes to a future time, so a concurrent one cannot make this check stale.
      if (Number(found.start_ms) <= now) return appointmentPast();
      return refusable(() =>
        database.transaction(async () => {
          const db = database.current();
          // Lock the appointment first, reading it as a concurrent move left it; none if one cancelled it.
          const before = await db
            .updateTable('appointments')
            .set({ status: 'confirmed' })
            .where('reference', '=', found.reference)
            .where('status', '=', 'confirmed')
            .returningAll()
            .executeTakeFirst();
          if (!before) throw new Refusal(appointmentCancelled());
          const hold = await confirmHold(holdId, now, before.service_id);
          if (!hold) throw new Refusal(holdExpired());
          const moved = {
            office_id: hold.office_id,
            start_ms: Number(hold.start_ms),
            starts_at: hold.starts_at,
            ends_at: hold.ends_at,
          };
          await db.updateTable('appointments').set(moved).where('reference', '=', before.reference).execute();
          // The new place came with the hold; the old one is given back, in the same transaction.
          await freePlace(bookedTime(before));
          const after = { ...before, ...moved };
          await notify(after, 'rescheduled', now, { previousStart: before.starts_at });
          return ok(200, viewOf(after));
        }),
      );
    },
  };
}
