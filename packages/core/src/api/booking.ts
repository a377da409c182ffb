// Booking rules shared by every implementation of the booking part of the contract (the gateway
// over a database, the sandbox in memory): what a month and a day look like given how many places
// are taken, and the codes an appointment is managed with.
import { dateInRome } from '../format.js';
import { inGroupsOfFour, randomCrockford } from '../random-code.js';
import {
  addDays,
  bookableWindow,
  daysOfMonth,
  dayState,
  isInWindow,
  isRealDate,
  slotsOfDay,
  type BookableOffice,
  type Slot,
} from './booking-rules.js';
import { validateCodiceFiscale } from '../validators/codice-fiscale.js';
import { validatePersonName } from '../validators/person-name.js';
export { initialOf, initialsOf } from '../initials.js';
import { problem, validationProblem, type FieldProblem, type Schemas } from './contract.js';
import { sha256Hex, type ContractResponse } from './contract-server.js';

export * from './booking-rules.js';

/** What an implementation knows to answer availability: the rules and the places taken. */
export interface BookingCalendar {
  office: BookableOffice;
  durationMinutes: number;
  /** The municipality's patron saint's day, `MM-DD`. */
  patronDay?: string;
  now: number;
  /**
   * The most places taken (confirmed appointments plus live holds, of every service at the office)
   * at any moment from `startMs` to `endMs` (epoch ms, end excluded): the counters serve them all.
   */
  taken(startMs: number, endMs: number): number;
}

function bookableSlots(date: string, calendar: BookingCalendar): (Slot & { freePlaces: number })[] {
  // The window once per day, not per slot: a month of availability asks for every day.
  const window = bookableWindow(calendar.now);
  // Dates compare as text, so only ten-character ones: a time in the last hour of 9999 is in the
  // year 10000 in Rome, and "10000-01-01" sorts before today.
  if (date.length !== 10 || date < window.fromDate || date > window.toDate) return [];
  return slotsOfDay(date, calendar.office, calendar.durationMinutes, calendar.patronDay)
    .filter((slot) => isInWindow(slot, window))
    .map((slot) => ({
      ...slot,
      freePlaces: slot.capacity - calendar.taken(Date.parse(slot.start), Date.parse(slot.end)),
    }));
}

/** The day's slots with places left, in time order. */
export function freeSlots(date: string, calendar: BookingCalendar): Schemas['FreeSlot'][] {
  return bookableSlots(date, calendar)
    .filter((slot) => slot.freePlaces > 0)
    .map(({ start, end, freePlaces }) => ({ start, end, freePlaces }));
}

/** Every day of the month: free places, and whether it is closed (no bookable slot at all). */
export function monthDays(month: string, calendar: BookingCalendar): Schemas['DayAvailability'][] {
  return daysOfMonth(month).map((date) => {
    const slots = bookableSlots(date, calendar);
    const freePlaces = slots.reduce((sum, slot) => sum + Math.max(0, slot.freePlaces), 0);
    return { date, freePlaces, state: dayState(freePlaces, slots.length === 0) };
  });
}

/**
 * The first day from `fromDate` on, within the booking window (see `bookableWindow`), with a free
 * place; null if none. Days before the window are never walked, whatever month was asked about.
 */
export function firstFreeDate(fromDate: string, calendar: BookingCalendar): string | null {
  const window = bookableWindow(calendar.now);
  const first = fromDate < window.fromDate ? window.fromDate : fromDate;
  for (let date = first; date <= window.toDate; date = addDays(date, 1)) {
    if (freeSlots(date, calendar).length > 0) return date;
  }
  return null;
}

/** The slot that starts at `start` on its day, if the rules have one (whether free or not). */
export function slotAt(
  start: string,
  calendar: BookingCalendar,
): (Slot & { freePlaces: number }) | undefined {
  const startMs = Date.parse(start);
  if (Number.isNaN(startMs)) return undefined;
  return bookableSlots(dateInRome(startMs), calendar).find((slot) => Date.parse(slot.start) === startMs);
}

/** A manage code: 16 characters of 5 random bits each (80 bits), in groups of four. */
export function generateManageCode(): string {
  return inGroupsOfFour(randomCrockford(16));
}

/** The code as typed (any case, spaces or hyphens, O for 0, I or L for 1) in its canonical form. */
export function normalizeManageCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Manage codes are stored only as this hash. */
export async function hashManageCode(code: string): Promise<string> {
  return sha256Hex(normalizeManageCode(code));
}

/** A reference readable over the phone: the service and six characters, e.g. `CIE-7K3M9Q`. */
export function appointmentReference(service: string): string {
  const prefix =
    service
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 12)
      .toUpperCase() || 'APP';
  return `${prefix}-${randomCrockford(6)}`;
}

/**
 * The 400 for an appointment whose reason is not one of its service's, whose applicant's names are
 * not names (validatePersonName: they greet the citizen in the emails sent to the address typed, so
 * they must not carry a stranger's message or link), or whose applicant's fiscal code (optional) is
 * not a real one, as the booking widget checks them before sending; undefined when the input is
 * fine. The contract's pattern alone lets sixteen of any letters and digits through.
 */
export function appointmentInputProblem(
  input: Schemas['AppointmentInput'],
  reasons: readonly { id: string }[],
): ContractResponse | undefined {
  const problems: FieldProblem[] = [];
  if (!reasons.some((reason) => reason.id === input.reason)) {
    problems.push({ field: 'reason', code: 'not-allowed', message: 'is not a reason of this service' });
  }
  for (const name of ['givenName', 'familyName'] as const) {
    const field = `applicant.${name}`;
    for (const refused of validatePersonName(input.applicant[name], { field }).problems) {
      problems.push({ field, code: refused.code, message: `is not a name (${refused.code})` });
    }
  }
  const { fiscalCode } = input.applicant;
  if (fiscalCode !== undefined && !validateCodiceFiscale(fiscalCode).valid) {
    problems.push({
      field: 'applicant.fiscalCode',
      code: 'format',
      message: 'is not a valid codice fiscale',
    });
  }
  return problems.length > 0 ? { status: 400, body: validationProblem(problems) } : undefined;
}

/**
 * The contract's date pattern lets `2026-02-30` through; the calendar has no such day. Undefined
 * for a real date, else the 400 to answer.
 */
export function unrealDateProblem(date: string, field: string): ContractResponse | undefined {
  if (isRealDate(date)) return undefined;
  return {
    status: 400,
    body: validationProblem([{ field, code: 'format', message: 'must be a real date' }]),
  };
}

export const slotUnavailable = (): ContractResponse => ({
  status: 409,
  body: problem(409, 'slot-unavailable'),
});
export const holdExpired = (): ContractResponse => ({ status: 409, body: problem(409, 'hold-expired') });
/** DELETE of a hold: nothing is held under its id (unknown, run out, given back already). */
export const holdNotFound = (): ContractResponse => ({ status: 404, body: problem(404, 'hold-not-found') });
/** DELETE of a hold that became an appointment: the appointment stays. */
export const holdConfirmed = (): ContractResponse => ({ status: 409, body: problem(409, 'hold-confirmed') });
/** The hold given back by DELETE. */
export const holdReleased = (id: string): ContractResponse => ({
  status: 200,
  body: { id, state: 'released' } satisfies Schemas['ReleasedHold'],
});

/**
 * A client that holds HOLDS_PER_CLIENT times already asked for another: until `retryAfterSeconds`,
 * when its first hold runs out, unless it books or gives one back first.
 */
export const tooManyHolds = (retryAfterSeconds: number): ContractResponse => ({
  status: 429,
  body: problem(429, 'too-many-holds', { retryAfterSeconds }),
  headers: { 'Retry-After': String(retryAfterSeconds) },
});
/** The same answer for an unknown reference and a wrong code, so codes cannot be probed. */
export const appointmentNotFound = (): ContractResponse => ({
  status: 404,
  body: problem(404, 'appointment-not-found'),
});
export const appointmentCancelled = (): ContractResponse => ({
  status: 409,
  body: problem(409, 'appointment-cancelled'),
});
/**
 * An appointment that has started is the office's record of what happened (kept, or missed): it is
 * not cancelled or moved afterwards. A citizen who missed it books a new one.
 */
export const appointmentPast = (): ContractResponse => ({
  status: 409,
  body: problem(409, 'appointment-past'),
});
