import {
  HOLDS_PER_CLIENT,
  HOLD_MINUTES,
  addDays,
  appointmentInputProblem,
  addPlaceTaken,
  appointmentCancelled,
  appointmentNotFound,
  appointmentPast,
  appointmentReference,
  firstFreeDate,
  freeSlots,
  generateManageCode,
  hashManageCode,
  holdConfirmed,
  holdExpired,
  holdNotFound,
  holdReleased,
  initialsOf,
  monthDays,
  mostPlacesTaken,
  notFound,
  problem,
  slotAt,
  slotUnavailable,
  toRomeIso,
  tooManyHolds,
  unrealDateProblem,
  BOOKING_HORIZON_DAYS,
  type BookingCalendar,
  type ContractResponse,
  type Handler,
  type HandlerInput,
  type Schemas,
} from '@sportello/core/contract';
import { randomUuid } from '@sportello/core';
import { demoBookingServices, demoMunicipality } from '@sportello/demo-data';
import { sandboxKioskOf } from './kiosks.js';

type Appointment = Schemas['Appointment'];

/** The time is no longer held: run out, given back, or booked at the kiosk. */
const handOffGone = (): ContractResponse => ({ status: 410, body: problem(410, 'hold-expired') });

interface StoredHold {
  hold: Schemas['Hold'];
  /** Who holds it (see `SandboxClient`). */
  client: SandboxClient;
  /** Confirmed into an appointment, or given up: no longer counts as a hold. */
  ended: boolean;
  /** Ended by becoming an appointment. */
  confirmed?: boolean;
}

/**
 * Who is asking, as the gateway's limits count clients: the page, unless a request names a client
 * in `X-Forwarded-For`, as a trusted proxy does for the gateway (the contract tests play several
 * clients that way on both).
 */
export type SandboxClient = string;

/** A code a kiosk gave for a hold (by the code's hash, as the gateway stores it), until claimed. */
interface StoredHandOff {
  holdId: string;
  kiosk: Schemas['KioskPlace'];
}

interface StoredAppointment {
  appointment: Appointment;
  codeHash: string;
}

/**
 * The booking operations in memory, with the same rules as the gateway (from core): at no moment
 * has an office more appointments plus live holds, of all its services, than counters; holds last
 * HOLD_MINUTES, and a client holds HOLDS_PER_CLIENT at most; names are names (the contract's
 * checks); a wrong manage code is answered as an unknown reference. Nothing is sent: there is no
 * mailbox in the sandbox. Over one town's bookings, the handlers for one request's client.
 */
export function sandboxBooking(now: () => number): (client: SandboxClient) => Record<string, Handler> {
  const holds = new Map<string, StoredHold>();
  const appointments = new Map<string, StoredAppointment>();
  const handOffs = new Map<string, StoredHandOff>();

  /** Places taken per minute at an office: its appointments and live holds, of every service. */
  function placesTaken(officeId: string): Map<number, number> {
    const taken = new Map<number, number>();
    for (const { hold, ended } of holds.values()) {
      if (!ended && hold.office === officeId && Date.parse(hold.expiresAt) > now()) {
        addPlaceTaken(taken, Date.parse(hold.start), Date.parse(hold.end));
      }
    }
    for (const { appointment } of appointments.values()) {
      if (appointment.status === 'confirmed' && appointment.office === officeId) {
        addPlaceTaken(taken, Date.parse(appointment.start), Date.parse(appointment.end));
      }
    }
    return taken;
  }

  /** The rules for a service at an office, or undefined when the office does not serve it. */
  function calendarFor(serviceId: string, officeId: string): BookingCalendar | undefined {
    const service = demoBookingServices.find((s) => s.id === serviceId);
    const office = demoMunicipality.offices.find((o) => o.id === officeId);
    if (!service || !office || !service.officeIds.includes(officeId)) return undefined;
    const taken = placesTaken(officeId);
    return {
      office,
      durationMinutes: service.durationMinutes,
      patronDay: demoMunicipality.patronSaint?.date,
      now: now(),
      taken: (startMs, endMs) => mostPlacesTaken(taken, startMs, endMs),
    };
  }

  function liveHold(id: string): StoredHold | undefined {
    const stored = holds.get(id);
    return stored && !stored.ended && Date.parse(stored.hold.expiresAt) > now() ? stored : undefined;
  }

  async function managed(
    reference: string,
    code: string | undefined,
  ): Promise<StoredAppointment | undefined> {
    const stored = appointments.get(reference);
    if (!stored || !code || stored.codeHash !== (await hashManageCode(code))) return undefined;
    return stored;
  }

  const ok = (status: number, body: unknown): ContractResponse => ({ status, body });

  /** Undefined while the client holds fewer than HOLDS_PER_CLIENT (`replaced` aside), else the 429. */
  function overTheLimit(client: SandboxClient, replaced?: StoredHold): ContractResponse | undefined {
    const live = [...holds.values()].filter(
      (stored) => stored !== replaced && stored.client === client && liveHold(stored.hold.id),
    );
    if (live.length < HOLDS_PER_CLIENT) return undefined;
    const first = Math.min(...live.map((stored) => Date.parse(stored.hold.expiresAt)));
    return tooManyHolds(Math.max(1, Math.ceil((first - now()) / 1000)));
  }

  async function createBookingHold({ body }: HandlerInput, client: SandboxClient) {
    const input = body as Schemas['HoldInput'];
    const unreal = unrealDateProblem(input.start.slice(0, 10), 'start');
    if (unreal) return unreal;
    const replaced = input.replaces ? liveHold(input.replaces) : undefined;
    const calendar = calendarFor(input.service, input.office);
    if (!calendar) return notFound();
    // As the gateway: whether the time is a slot at all, then the client's holds (swapping one
    // works at the limit), then the places.
    if (!slotAt(input.start, calendar)) return slotUnavailable();
    const refused = overTheLimit(client, replaced);
    if (refused) return refused;
    // The hold being replaced gives its place back first: a citizen may re-pick the same time.
    if (replaced) replaced.ended = true;
    const slot = slotAt(input.start, calendarFor(input.service, input.office)!);
    if (!slot || slot.freePlaces < 1) {
      if (replaced) replaced.ended = false; // a refusal changes nothing
      return slotUnavailable();
    }
    const hold: Schemas['Hold'] = {
      id: randomUuid(),
      service: input.service,
      office: input.office,
      start: slot.start,
      end: slot.end,
      expiresAt: toRomeIso(now() + HOLD_MINUTES * 60_000),
    };
    holds.set(hold.id, { hold, client, ended: false });
    return ok(201, hold);
  }

  /**
   * As the gateway (hand-off.ts): the code is used up by the first claim; a client at its limit of
   * holds gets 429 and keeps the code usable; the hold moves to a new id, the old one ends.
   */
  async function claimHoldHandOff({ body }: HandlerInput, client: SandboxClient) {
    // Made and hashed as a manage code is, as the gateway does.
    const codeHash = await hashManageCode((body as Schemas['HandOffClaimInput']).code);
    const handOff = handOffs.get(codeHash);
    if (!handOff) return notFound();
    handOffs.delete(codeHash);
    const stored = liveHold(handOff.holdId);
    if (!stored) return handOffGone();
    const refused = overTheLimit(client, stored);
    if (refused) {
      handOffs.set(codeHash, handOff);
      return refused;
    }
    stored.ended = true;
    const hold: Schemas['Hold'] = { ...stored.hold, id: randomUuid() };
    holds.set(hold.id, { hold, client, ended: false });
    for (const [hash, other] of handOffs) if (other.holdId === handOff.holdId) handOffs.delete(hash);
    return ok(201, { hold, kiosk: handOff.kiosk } satisfies Schemas['HandOffClaim']);
  }

  const handlers: Record<string, Handler> = {
    async createHoldHandOff({ headers, params }) {
      const kiosk = sandboxKioskOf(headers);
      if ('status' in kiosk) return kiosk;
      const stored = liveHold(params.id!);
      if (!stored) return holdNotFound();
      const code = generateManageCode();
      handOffs.set(await hashManageCode(code), {
        holdId: stored.hold.id,
        kiosk: { name: kiosk.name, location: kiosk.location },
      });
      return ok(201, { code, expiresAt: stored.hold.expiresAt } satisfies Schemas['HandOff']);
    },

    async getBookingServices() {
      return ok(200, {
        services: demoBookingServices,
        offices: demoMunicipality.offices,
        holdMinutes: HOLD_MINUTES,
        horizonDays: BOOKING_HORIZON_DAYS,
      } satisfies Schemas['BookingCatalogue']);
    },

    async getBookingAvailability({ query }) {
      const calendar = calendarFor(query.service!, query.office!);
      if (!calendar) return notFound();
      const days = monthDays(query.month!, calendar);
      // The month just counted need not be counted again: look past it only when it is full.
      const firstFree =
        days.find((day) => day.freePlaces > 0)?.date ??
        firstFreeDate(addDays(days.at(-1)!.date, 1), calendar);
      return ok(200, {
        service: query.service!,
        office: query.office!,
        month: query.month!,
        days,
        firstFreeDate: firstFree,
      } satisfies Schemas['Availability']);
    },

    async getBookingSlots({ query }) {
      const unreal = unrealDateProblem(query.date!, 'query.date');
      if (unreal) return unreal;
      const calendar = calendarFor(query.service!, query.office!);
      if (!calendar) return notFound();
      return ok(200, {
        service: query.service!,
        office: query.office!,
        date: query.date!,
        slots: freeSlots(query.date!, calendar),
      } satisfies Schemas['DaySlots']);
    },

    async releaseBookingHold({ params }) {
      const stored = holds.get(params.id!);
      if (stored?.confirmed) return holdConfirmed();
      if (!stored || !liveHold(stored.hold.id)) return holdNotFound();
      stored.ended = true;
      return holdReleased(stored.hold.id);
    },

    async createAppointment({ body }) {
      const input = body as Schemas['AppointmentInput'];
      const stored = liveHold(input.holdId);
      if (!stored) return holdExpired();
      const service = demoBookingServices.find((s) => s.id === stored.hold.service)!;
      const invalid = appointmentInputProblem(input, service.reasons);
      if (invalid) return invalid;
      stored.ended = true;
      stored.confirmed = true;
      let reference = appointmentReference(service.id);
      while (appointments.has(reference)) reference = appointmentReference(service.id);
      const manageCode = generateManageCode();
      const appointment: Appointment = {
        reference,
        status: 'confirmed',
        service: service.id,
        office: stored.hold.office,
        reason: input.reason,
        start: stored.hold.start,
        end: stored.hold.end,
        initials: initialsOf(input.applicant),
      };
      appointments.set(reference, { appointment, codeHash: await hashManageCode(manageCode) });
      return ok(201, { appointment, manageCode } satisfies Schemas['ConfirmedAppointment']);
    },

    async getAppointment({ params, headers }) {
      const stored = await managed(params.reference!, headers['sportello-manage-code']);
      return stored ? ok(200, stored.appointment) : appointmentNotFound();
    },

    async cancelAppointment({ params, headers }) {
      const stored = await managed(params.reference!, headers['sportello-manage-code']);
      if (!stored) return appointmentNotFound();
      if (stored.appointment.status === 'cancelled') return ok(200, stored.appointment);
      if (Date.parse(stored.appointment.start) <= now()) return appointmentPast();
      stored.appointment = { ...stored.appointment, status: 'cancelled' };
      return ok(200, stored.appointment);
    },

    async rescheduleAppointment({ params, headers, body }) {
      const stored = await managed(params.reference!, headers['sportello-manage-code']);
      if (!stored) return appointmentNotFound();
      if (stored.appointment.status === 'cancelled') return appointmentCancelled();
      if (Date.parse(stored.appointment.start) <= now()) return appointmentPast();
      const hold = liveHold((body as Schemas['RescheduleInput']).holdId);
      if (!hold || hold.hold.service !== stored.appointment.service) return holdExpired();
      hold.ended = true;
      hold.confirmed = true;
      stored.appointment = {
        ...stored.appointment,
        office: hold.hold.office,
        start: hold.hold.start,
        end: hold.hold.end,
      };
      return ok(200, stored.appointment);
    },
  };

  return (client) => ({
    ...handlers,
    createBookingHold: (input) => createBookingHold(input, client),
    claimHoldHandOff: (input) => claimHoldHandOff(input, client),
  });
}
