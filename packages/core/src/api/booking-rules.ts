// Booking rules shared by the gateway and the in-browser sandbox: which days an office is open,
// which slots a day has, and calendar arithmetic in Rome's time. Pure (only Intl and Date), so the
// same code runs in Node and in browsers and both sides offer exactly the same slots.

import { dateInRome, TIME_ZONE } from '../format.js';

/** Slots can be booked from this many days ahead at most. */
export const BOOKING_HORIZON_DAYS = 90;
/** A chosen slot is held this long while the citizen fills the form. */
export const HOLD_MINUTES = 10;
/**
 * Live holds one client may have at once (a client: an address as the gateway sees it, after a
 * trusted proxy). Two: room for a second tab, or for the next citizen at a shared address while
 * the first finishes; not for keeping a month's places from everyone else.
 */
export const HOLDS_PER_CLIENT = 2;
/** Days with at most this many free places (and more than zero) show as "few". */
export const FEW_PLACES = 2;
/** Slots starting sooner than this are not offered: the counter staff must see the booking in time. */
export const LEAD_MINUTES = 120;

/** An office-specific closure, `from` and `to` both `YYYY-MM-DD` and both included. */
export interface Closure {
  from: string;
  to: string;
}

/** What slot generation needs of an office; the contract's `Office` fits. */
export interface BookableOffice {
  /** `weekday` 1 Monday .. 7 Sunday; `opens` and `closes` are `HH:MM` in Rome. */
  openingHours: { weekday: number; opens: string; closes: string }[];
  /** How many citizens the office serves at once, whatever the service: its services share them. */
  counters: number;
  closures?: Closure[];
}

/** `start` and `end` in ISO 8601 with Rome's offset at that instant: `2026-03-27T08:30:00+01:00`. */
export interface Slot {
  start: string;
  end: string;
  capacity: number;
}

export type ClosureReason = 'holiday' | 'patron' | 'office-closure' | 'no-opening-hours';

export type DayState = 'available' | 'few' | 'full' | 'closed';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Built once, on first use (not when a page loads the sandbox): constructing an Intl.DateTimeFormat
// costs far more than formatting with one, and availability asks about every day of a month. h23
// so midnight is "00", never "24".
let romeClockFormat: Intl.DateTimeFormat | undefined;
const romeClock = () =>
  (romeClockFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }));

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock in Rome at an instant, and Rome's offset from UTC then, in milliseconds. */
function romeWallClock(epochMs: number): { wall: WallClock; offsetMs: number } {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of romeClock().formatToParts(epochMs)) {
    if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value);
  }
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // The formatter shows whole seconds: compare with the instant truncated the same way.
  return { wall, offsetMs: wallAsUtc - Math.floor(epochMs / 1000) * 1000 };
}

const romeOffsetMs = (epochMs: number): number => romeWallClock(epochMs).offsetMs;

const twoDigits = (value: number): string => String(value).padStart(2, '0');

function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MINUTE_MS);
  return `${offsetMs < 0 ? '-' : '+'}${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}`;
}

/** Whether `YYYY-MM-DD` names a day of the calendar: `2026-02-30` does not. */
export function isRealDate(date: string): boolean {
  const dayMs = Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls 02-30 over to March: a date that does not come back unchanged does not exist.
  return !Number.isNaN(dayMs) && new Date(dayMs).toISOString().slice(0, 10) === date;
}

function parseDate(date: string): [year: number, month: number, day: number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  if (!match || !isRealDate(date)) {
    throw new RangeError(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return [year, month, day];
}

/** `HH:MM`, 00:00 to 24:00; 24:00 is the end of the day, for offices open until midnight. */
function parseTime(time: string): [hour: number, minute: number] {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const [hour, minute] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || minute > 59 || hour > 24 || (hour === 24 && minute > 0)) {
    throw new RangeError(`Expected a time as HH:MM, got ${JSON.stringify(time)}`);
  }
  return [hour, minute];
}

/** Rome's offset from UTC at an instant: `+01:00` in winter, `+02:00` in summer. */
export function romeOffset(epochMs: number): string {
  return formatOffset(romeOffsetMs(epochMs));
}

/** An instant as Rome's wall time with its offset, to the second: `2026-10-26T08:30:00+01:00`. */
export function toRomeIso(epochMs: number): string {
  const { wall, offsetMs } = romeWallClock(epochMs);
  const date = `${String(wall.year).padStart(4, '0')}-${twoDigits(wall.month)}-${twoDigits(wall.day)}`;
  const time = `${twoDigits(wall.hour)}:${twoDigits(wall.minute)}:${twoDigits(wall.second)}`;
  return `${date}T${time}${formatOffset(offsetMs)}`;
}

/**
 * The instant of a wall time in Rome. Undefined when the clocks skip it (02:00-02:59 on the last
 * Sunday of March); for a time that happens twice (02:00-02:59 on the last Sunday of October), the
 * first one, still in summer time.
 */
export function romeInstant(date: string, time: string): number | undefined {
  const wallAsUtc = wallTimeAsUtc(date, time);
  // Rome's offset a day before and a day after: both sides of any change near this wall time.
  const offsetBefore = romeOffsetMs(wallAsUtc - DAY_MS);
  const offsetAfter = romeOffsetMs(wallAsUtc + DAY_MS);
  // The clocks change twice a year, months apart: the same offset on both sides held throughout.
  if (offsetBefore === offsetAfter) return wallAsUtc - offsetBefore;
  let first: number | undefined;
  for (const offsetMs of [offsetBefore, offsetAfter]) {
    const instant = wallAsUtc - offsetMs;
    if (romeOffsetMs(instant) === offsetMs && (first === undefined || instant < first)) first = instant;
  }
  return first;
}

function wallTimeAsUtc(date: string, time: string): number {
  const [year, month, day] = parseDate(date);
  const [hour, minute] = parseTime(time);
  return Date.UTC(year, month - 1, day, hour, minute);
}

/**
 * The instant of an office's opening or closing time. A time the clocks skip becomes the first
 * instant after the gap: "opens 02:30" on the spring-forward day opens at 03:00+02:00.
 */
function openingHourInstant(date: string, time: string): number {
  const instant = romeInstant(date, time);
  if (instant !== undefined) return instant;
  // In the gap: reading the wall time with the offset after the change gives an instant after the
  // change, with the offset before it an instant before; the change lies between (seconds apart).
  const wallAsUtc = wallTimeAsUtc(date, time);
  const offsetAfter = romeOffsetMs(wallAsUtc + DAY_MS);
  let beforeSecond = (wallAsUtc - offsetAfter) / 1000;
  let afterSecond = (wallAsUtc - romeOffsetMs(wallAsUtc - DAY_MS)) / 1000;
  while (afterSecond - beforeSecond > 1) {
    const middle = Math.floor((beforeSecond + afterSecond) / 2);
    if (romeOffsetMs(middle * 1000) === offsetAfter) afterSecond = middle;
    else beforeSecond = middle;
  }
  return afterSecond * 1000;
}

/**
 * Rome's offset throughout a date, from the day before to the day after, or undefined when the
 * clocks change in that time. Two lookups instead of one per slot on all but a few days a year.
 */
function steadyOffsetMs(date: string): number | undefined {
  const midnightAsUtc = wallTimeAsUtc(date, '00:00');
  const offsetMs = romeOffsetMs(midnightAsUtc - DAY_MS);
  // Changes are months apart: the same offset at both ends means none in between.
  return romeOffsetMs(midnightAsUtc + 2 * DAY_MS) === offsetMs ? offsetMs : undefined;
}

/** `toRomeIso` for an instant whose offset is already known, without asking Intl. */
function isoWithOffset(epochMs: number, offsetMs: number): string {
  return new Date(epochMs + offsetMs).toISOString().slice(0, 19) + formatOffset(offsetMs);
}

/** Calendar arithmetic on `YYYY-MM-DD`; in UTC, where every day has 24 hours. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Every date of a month given as `YYYY-MM`, in order. */
export function daysOfMonth(month: string): string[] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const [year, monthNumber] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || monthNumber < 1 || monthNumber > 12) {
    throw new RangeError(`Expected a month as YYYY-MM, got ${JSON.stringify(month)}`);
  }
  // Day 0 of the next month is the last day of this one.
  const length = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return Array.from({ length }, (_, index) => `${month}-${twoDigits(index + 1)}`);
}

/** 1 Monday .. 7 Sunday, as in `openingHours`. */
export function isoWeekday(date: string): number {
  const [year, month, day] = parseDate(date);
  // getUTCDay counts from Sunday = 0.
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** Easter Sunday of a Gregorian year, `YYYY-MM-DD` (the anonymous Meeus/Jones/Butcher algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** National holidays on fixed dates (law 260/1949 as amended). */
const FIXED_HOLIDAYS = [
  '01-01',
  '01-06',
  '04-25',
  '05-01',
  '06-02',
  '08-15',
  '11-01',
  '12-08',
  '12-25',
  '12-26',
];
/** San Francesco d'Assisi, 4 October: a national holiday again from 2026 (law 151/2025). */
const SAN_FRANCESCO = '10-04';
const SAN_FRANCESCO_FROM_YEAR = 2026;

// Availability asks about every day of a month: compute each year's holidays once.
const holidaysByYear = new Map<number, ReadonlySet<string>>();

function holidaySet(year: number): ReadonlySet<string> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    const prefix = `${String(year).padStart(4, '0')}-`;
    const monthDays = year >= SAN_FRANCESCO_FROM_YEAR ? [...FIXED_HOLIDAYS, SAN_FRANCESCO] : FIXED_HOLIDAYS;
    const easterMonday = addDays(easterSunday(year), 1);
    holidays = new Set([...monthDays.map((monthDay) => prefix + monthDay), easterMonday].sort());
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

/**
 * Italy's national holidays of a year, sorted `YYYY-MM-DD`: the fixed ones, Easter Monday, and
 * 4 October from 2026. Easter Sunday is always a Sunday, so offices are closed anyway.
 */
export function italianHolidays(year: number): string[] {
  return [...holidaySet(year)];
}

/** Why an office takes no bookings on a date, or undefined when it is open. */
export function closureOf(
  date: string,
  office: BookableOffice,
  patronDay?: string,
): ClosureReason | undefined {
  if (holidaySet(parseDate(date)[0]).has(date)) return 'holiday';
  // The patron saint's day is a local holiday, every year on the same MM-DD.
  if (patronDay !== undefined && date.slice(5) === patronDay) return 'patron';
  // YYYY-MM-DD compares as text in calendar order.
  if (office.closures?.some((closure) => closure.from <= date && date <= closure.to)) return 'office-closure';
  const weekday = isoWeekday(date);
  if (!office.openingHours.some((hours) => hours.weekday === weekday)) return 'no-opening-hours';
  return undefined;
}

/**
 * The slots of a day, in order: each opening period of that weekday cut into `durationMinutes`
 * pieces from its opening, keeping the pieces that end by its closing. None on a closed day.
 *
 * Steps are real elapsed time between the opening and closing instants, not wall-clock arithmetic,
 * so a day when the clocks change has the hours that really pass: an office open 00:00-06:00 has
 * 5 hours of slots on the spring-forward day and 7 on the fall-back day, none missing, none twice.
 * Opening or closing times that the clocks skip mean the first instant after the gap; times that
 * happen twice mean the first occurrence (see `romeInstant`).
 */
export function slotsOfDay(
  date: string,
  office: BookableOffice,
  durationMinutes: number,
  patronDay?: string,
): Slot[] {
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError(`A slot lasts a positive whole number of minutes, got ${durationMinutes}`);
  }
  if (closureOf(date, office, patronDay) !== undefined) return [];
  const weekday = isoWeekday(date);
  const durationMs = durationMinutes * MINUTE_MS;
  const steadyOffset = steadyOffsetMs(date);
  // On days without a clock change every wall time converts with the same offset.
  const instantOf = (time: string): number =>
    steadyOffset === undefined ? openingHourInstant(date, time) : wallTimeAsUtc(date, time) - steadyOffset;
  const isoOf = (epochMs: number): string =>
    steadyOffset === undefined ? toRomeIso(epochMs) : isoWithOffset(epochMs, steadyOffset);
  const periods = office.openingHours
    .filter((hours) => hours.weekday === weekday)
    .map((hours) => ({ opens: instantOf(hours.opens), closes: instantOf(hours.closes) }))
    .sort((first, second) => first.opens - second.opens);
  const slots: Slot[] = [];
  for (const { opens, closes } of periods) {
    // Each slot ends where the next starts: format every boundary once.
    let start = isoOf(opens);
    for (let startMs = opens; startMs + durationMs <= closes; startMs += durationMs) {
      const end = isoOf(startMs + durationMs);
      slots.push({ start, end, capacity: office.counters });
      start = end;
    }
  }
  return slots;
}

/**
 * The start (epoch ms) of every minute that `[startMs, endMs)` covers, in time order; a part of a
 * minute counts as all of it. An office's places are counted minute by minute, so that services
 * of different lengths share its counters: a hold or an appointment takes a place in each of its
 * minutes. Minutes, because every slot of every service starts and ends on one (opening times are
 * HH:MM, Rome's offsets whole hours, durations whole minutes): the count is exact for any services
 * and opening hours, and a change of either leaves what is counted valid.
 */
export function minutesOf(startMs: number, endMs: number): number[] {
  const minutes: number[] = [];
  for (let minute = Math.floor(startMs / MINUTE_MS) * MINUTE_MS; minute < endMs; minute += MINUTE_MS) {
    minutes.push(minute);
  }
  return minutes;
}

/** Counts one more place taken in every minute of `[startMs, endMs)` (see `minutesOf`). */
export function addPlaceTaken(takenByMinute: Map<number, number>, startMs: number, endMs: number): void {
  for (const minute of minutesOf(startMs, endMs)) {
    takenByMinute.set(minute, (takenByMinute.get(minute) ?? 0) + 1);
  }
}

/**
 * The most places taken in any minute of `[startMs, endMs)`: a slot has as many free places as its
 * busiest minute leaves. Minutes missing from the map have none taken.
 */
export function mostPlacesTaken(
  takenByMinute: ReadonlyMap<number, number>,
  startMs: number,
  endMs: number,
): number {
  let most = 0;
  // Nothing taken at the office: every slot of a quiet month is answered without a walk.
  if (takenByMinute.size === 0) return most;
  for (const minute of minutesOf(startMs, endMs)) most = Math.max(most, takenByMinute.get(minute) ?? 0);
  return most;
}

/** How a day shows in the calendar. */
export function dayState(freePlaces: number, closed: boolean): DayState {
  if (closed) return 'closed';
  if (freePlaces <= 0) return 'full';
  return freePlaces <= FEW_PLACES ? 'few' : 'available';
}

/**
 * Which slots can be booked now: those starting at `fromMs` (now plus the lead time) or later,
 * on or before `toDate` in Rome (today plus the horizon). `fromDate` is the day of `fromMs` in Rome:
 * no day before it has a slot to offer.
 */
export function bookableWindow(nowMs: number): { fromMs: number; fromDate: string; toDate: string } {
  const fromMs = nowMs + LEAD_MINUTES * MINUTE_MS;
  return {
    fromMs,
    fromDate: dateInRome(fromMs),
    toDate: addDays(dateInRome(nowMs), BOOKING_HORIZON_DAYS),
  };
}

/** Whether a slot falls in a bookable window (see `bookableWindow`). */
export function isInWindow(slot: Slot, window: { fromMs: number; toDate: string }): boolean {
  // A slot's start is written in Rome's time: its first ten characters are its date in Rome.
  return Date.parse(slot.start) >= window.fromMs && slot.start.slice(0, 10) <= window.toDate;
}

/** Whether a slot can be booked now: the gateway and the sandbox must answer the same. */
export function isBookableNow(slot: Slot, nowMs: number): boolean {
  return isInWindow(slot, bookableWindow(nowMs));
}
