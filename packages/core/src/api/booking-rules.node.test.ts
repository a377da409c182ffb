// Run also with TZ=UTC and TZ=America/New_York: nothing here may depend on the machine's time zone.
import assert from 'node:assert/strict';
import { dateInRome } from '../format.js';
import { describe, it } from 'node:test';
import {
  BOOKING_HORIZON_DAYS,
  FEW_PLACES,
  LEAD_MINUTES,
  addDays,
  addPlaceTaken,
  bookableWindow,
  closureOf,
  dayState,
  daysOfMonth,
  easterSunday,
  isBookableNow,
  isoWeekday,
  italianHolidays,
  minutesOf,
  mostPlacesTaken,
  romeInstant,
  romeOffset,
  slotsOfDay,
  toRomeIso,
  type BookableOffice,
  type Slot,
} from './booking-rules.js';
import type { Schemas } from './contract.js';

const MINUTE_MS = 60_000;
const at = (iso: string): number => Date.parse(iso);

/** A registry office: mornings Monday to Friday, afternoons on Tuesday and Thursday. */
const registryOffice: BookableOffice = {
  openingHours: [
    ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '12:30' })),
    { weekday: 2, opens: '14:30', closes: '17:00' },
    { weekday: 4, opens: '14:30', closes: '17:00' },
  ],
  counters: 4,
};

/** Open through the night on Sundays, so the clock changes happen during opening hours. */
const sundayNightOffice: BookableOffice = {
  openingHours: [{ weekday: 7, opens: '00:00', closes: '06:00' }],
  counters: 2,
};

const sundayOffice = (opens: string, closes: string): BookableOffice => ({
  openingHours: [{ weekday: 7, opens, closes }],
  counters: 1,
});

const starts = (slots: Slot[]): string[] => slots.map((slot) => slot.start);

/** Slots that tile [opens, closes) in real time: each starts where the previous ended, none twice. */
function assertContiguous(slots: Slot[], opens: string, closes: string, durationMinutes: number): void {
  assert.equal(slots[0]?.start, opens);
  assert.equal(slots.at(-1)?.end, closes);
  for (const [index, slot] of slots.entries()) {
    assert.equal(
      at(slot.end) - at(slot.start),
      durationMinutes * MINUTE_MS,
      `slot ${index} lasts the duration`,
    );
    const next = slots[index + 1];
    if (next) assert.equal(next.start, slot.end, `slot ${index + 1} starts where ${index} ends`);
  }
  const instants = slots.map((slot) => at(slot.start));
  assert.equal(new Set(instants).size, instants.length, 'no two slots start at the same instant');
  assert.ok(
    instants.every((instant, index) => index === 0 || instant > instants[index - 1]!),
    'start instants strictly increase',
  );
}

describe('easterSunday', () => {
  it('matches known dates', () => {
    const known: [number, string][] = [
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2038, '2038-04-25'], // the latest possible date
      [2285, '2285-03-22'], // the earliest possible date
      [1818, '1818-03-22'],
      [2000, '2000-04-23'],
    ];
    for (const [year, date] of known) assert.equal(easterSunday(year), date, String(year));
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2400; year++) {
      const easter = easterSunday(year);
      assert.equal(isoWeekday(easter), 7, easter);
      assert.ok(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25', easter);
    }
  });
});

describe('italianHolidays', () => {
  it('lists the national holidays of 2026 in order, with Easter Monday and San Francesco', () => {
    assert.deepEqual(italianHolidays(2026), [
      '2026-01-01',
      '2026-01-06',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-08-15',
      '2026-10-04',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('has 4 October only from 2026, when law 151/2025 made it a national holiday again', () => {
    assert.ok(!italianHolidays(2025).includes('2025-10-04'));
    assert.ok(italianHolidays(2026).includes('2026-10-04'));
    assert.ok(italianHolidays(2027).includes('2027-10-04'));
  });

  it('moves Easter Monday with Easter', () => {
    assert.ok(italianHolidays(2025).includes('2025-04-21'));
    assert.ok(italianHolidays(2027).includes('2027-03-29'));
    assert.ok(italianHolidays(2038).includes('2038-04-26'));
  });

  it('keeps its answer when a caller changes the returned list', () => {
    italianHolidays(2030).length = 0;
    assert.equal(italianHolidays(2030).length, 12);
  });
});

describe('closureOf', () => {
  it('closes on Easter Monday 2026, a Monday the office is otherwise open', () => {
    assert.equal(isoWeekday('2026-04-06'), 1);
    assert.equal(closureOf('2026-04-06', registryOffice), 'holiday');
    assert.deepEqual(slotsOfDay('2026-04-06', registryOffice, 20), []);
    assert.equal(closureOf('2026-04-07', registryOffice), undefined);
  });

  it('closes on fixed national holidays that fall on weekdays', () => {
    assert.equal(closureOf('2026-06-02', registryOffice), 'holiday'); // Tuesday
    assert.equal(closureOf('2026-12-08', registryOffice), 'holiday'); // Tuesday
    assert.equal(closureOf('2027-10-04', registryOffice), 'holiday'); // Monday
    assert.equal(closureOf('2024-10-04', registryOffice), undefined); // Friday, a working day then
  });

  it("closes on the patron saint's day, every year", () => {
    assert.equal(closureOf('2026-12-07', registryOffice, '12-07'), 'patron');
    assert.equal(closureOf('2027-12-07', registryOffice, '12-07'), 'patron');
    assert.equal(closureOf('2026-12-07', registryOffice), undefined);
    assert.deepEqual(slotsOfDay('2026-12-07', registryOffice, 20, '12-07'), []);
  });

  it('says holiday when the patron saint falls on a national holiday', () => {
    assert.equal(closureOf('2026-04-25', { ...registryOffice, openingHours: [] }, '04-25'), 'holiday');
  });

  it("closes on the office's own closures, both ends included", () => {
    const office = { ...registryOffice, closures: [{ from: '2026-08-10', to: '2026-08-21' }] };
    assert.equal(closureOf('2026-08-07', office), undefined);
    assert.equal(closureOf('2026-08-10', office), 'office-closure');
    assert.equal(closureOf('2026-08-14', office), 'office-closure');
    assert.equal(closureOf('2026-08-21', office), 'office-closure');
    assert.equal(closureOf('2026-08-24', office), undefined);
    assert.deepEqual(slotsOfDay('2026-08-21', office, 20), []);
    assert.equal(slotsOfDay('2026-08-24', office, 20).length, 12);
  });

  it('closes on weekdays without opening hours', () => {
    assert.equal(closureOf('2026-03-28', registryOffice), 'no-opening-hours'); // Saturday
    assert.equal(closureOf('2026-03-29', registryOffice), 'no-opening-hours'); // Sunday
    assert.equal(closureOf('2026-03-27', registryOffice), undefined); // Friday
  });

  it('refuses dates that do not exist', () => {
    assert.throws(() => closureOf('2026-02-30', registryOffice), RangeError);
    assert.throws(() => closureOf('26-03-27', registryOffice), RangeError);
  });
});

describe('Rome time', () => {
  it('writes instants with the offset in force then, without milliseconds', () => {
    assert.equal(toRomeIso(at('2026-10-26T07:30:00Z')), '2026-10-26T08:30:00+01:00');
    assert.equal(toRomeIso(at('2026-07-01T07:30:00.999Z')), '2026-07-01T09:30:00+02:00');
    assert.equal(toRomeIso(at('2026-12-31T23:00:00Z')), '2027-01-01T00:00:00+01:00');
  });

  it('switches offset at 01:00 UTC on the change days', () => {
    assert.equal(romeOffset(at('2026-03-29T00:59:59Z')), '+01:00');
    assert.equal(romeOffset(at('2026-03-29T01:00:00Z')), '+02:00');
    assert.equal(romeOffset(at('2026-10-25T00:59:59Z')), '+02:00');
    assert.equal(romeOffset(at('2026-10-25T01:00:00Z')), '+01:00');
    assert.equal(toRomeIso(at('2026-03-29T00:59:59Z')), '2026-03-29T01:59:59+01:00');
    assert.equal(toRomeIso(at('2026-03-29T01:00:00Z')), '2026-03-29T03:00:00+02:00');
    assert.equal(toRomeIso(at('2026-10-25T00:59:59Z')), '2026-10-25T02:59:59+02:00');
    assert.equal(toRomeIso(at('2026-10-25T01:00:00Z')), '2026-10-25T02:00:00+01:00');
  });

  it("gives the date in Rome, which is not UTC's around midnight", () => {
    assert.equal(dateInRome(at('2026-01-15T22:59:59Z')), '2026-01-15');
    assert.equal(dateInRome(at('2026-01-15T23:00:00Z')), '2026-01-16');
    assert.equal(dateInRome(at('2026-07-15T21:59:59Z')), '2026-07-15');
    assert.equal(dateInRome(at('2026-07-15T22:00:00Z')), '2026-07-16');
  });

  it('finds the instant of a wall time in winter and in summer', () => {
    assert.equal(romeInstant('2026-03-27', '08:30'), at('2026-03-27T07:30:00Z'));
    assert.equal(romeInstant('2026-03-30', '08:30'), at('2026-03-30T06:30:00Z'));
    assert.equal(romeInstant('2026-03-29', '00:00'), at('2026-03-28T23:00:00Z'));
    assert.equal(romeInstant('2026-10-25', '24:00'), at('2026-10-25T23:00:00Z'));
  });

  it('has no instant for the wall times the clocks skip in March', () => {
    for (const time of ['02:00', '02:01', '02:30', '02:59']) {
      assert.equal(romeInstant('2026-03-29', time), undefined, time);
    }
    assert.equal(romeInstant('2026-03-29', '01:59'), at('2026-03-29T00:59:00Z'));
    assert.equal(romeInstant('2026-03-29', '03:00'), at('2026-03-29T01:00:00Z'));
  });

  it('takes the first, summer-time occurrence of the wall times that happen twice in October', () => {
    assert.equal(romeInstant('2026-10-25', '02:00'), at('2026-10-25T00:00:00Z'));
    assert.equal(romeInstant('2026-10-25', '02:59'), at('2026-10-25T00:59:00Z'));
    assert.equal(romeInstant('2026-10-25', '01:59'), at('2026-10-24T23:59:00Z'));
    assert.equal(romeInstant('2026-10-25', '03:00'), at('2026-10-25T02:00:00Z'));
  });

  it('reads back every quarter hour of both change days', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      const first = at(`${day}T00:00:00Z`) - 3 * 3_600_000;
      for (let instant = first; instant < first + 30 * 3_600_000; instant += 15 * MINUTE_MS) {
        const iso = toRomeIso(instant);
        const [date, time] = [iso.slice(0, 10), iso.slice(11, 16)];
        // The winter 02:xx of 25 October reads back as the summer one, an hour earlier.
        const expected =
          date === '2026-10-25' && iso.endsWith('+01:00') && time.startsWith('02:')
            ? instant - 3_600_000
            : instant;
        assert.equal(romeInstant(date, time), expected, iso);
        assert.equal(Date.parse(iso), instant, iso);
      }
    }
  });

  it('refuses malformed times and dates', () => {
    for (const time of ['25:00', '24:30', '12:60', '9:00', '09:00:00', '']) {
      assert.throws(() => romeInstant('2026-03-27', time), RangeError, time);
    }
    assert.throws(() => romeInstant('2026-13-01', '09:00'), RangeError);
  });
});

describe('addDays', () => {
  it('counts calendar days across the clock changes', () => {
    assert.equal(addDays('2026-03-28', 1), '2026-03-29');
    assert.equal(addDays('2026-03-29', 1), '2026-03-30');
    assert.equal(addDays('2026-10-25', 1), '2026-10-26');
    assert.equal(addDays('2026-10-26', -2), '2026-10-24');
  });

  it('crosses months, years and leap days', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2027-02-28', 1), '2027-03-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addDays('2026-03-27', 90), '2026-06-25');
    assert.equal(addDays('2026-03-27', 0), '2026-03-27');
  });
});

describe('daysOfMonth', () => {
  it('lists every day of the month in order', () => {
    assert.equal(daysOfMonth('2026-02').length, 28);
    assert.equal(daysOfMonth('2028-02').length, 29);
    assert.equal(daysOfMonth('2026-04').length, 30);
    const october = daysOfMonth('2026-10');
    assert.equal(october.length, 31);
    assert.equal(october[0], '2026-10-01');
    assert.equal(october[24], '2026-10-25');
    assert.equal(october.at(-1), '2026-10-31');
  });

  it('refuses months that do not exist', () => {
    assert.throws(() => daysOfMonth('2026-13'), RangeError);
    assert.throws(() => daysOfMonth('2026-00'), RangeError);
    assert.throws(() => daysOfMonth('2026-3'), RangeError);
  });
});

describe('isoWeekday', () => {
  it('counts from Monday 1 to Sunday 7', () => {
    assert.equal(isoWeekday('2026-03-23'), 1);
    assert.equal(isoWeekday('2026-03-27'), 5);
    assert.equal(isoWeekday('2026-03-29'), 7);
    assert.equal(isoWeekday('2026-10-25'), 7);
  });
});

describe('slotsOfDay', () => {
  const morningTimes = [
    '08:30',
    '08:50',
    '09:10',
    '09:30',
    '09:50',
    '10:10',
    '10:30',
    '10:50',
    '11:10',
    '11:30',
    '11:50',
    '12:10',
  ];

  for (const [date, offset] of [
    ['2026-03-27', '+01:00'], // Friday before spring forward
    ['2026-03-30', '+02:00'], // Monday after
    ['2026-10-23', '+02:00'], // Friday before fall back
    ['2026-10-26', '+01:00'], // Monday after
  ] as const) {
    it(`has the usual local times on ${date}, at ${offset}`, () => {
      const slots = slotsOfDay(date, registryOffice, 20);
      assert.deepEqual(
        starts(slots),
        morningTimes.map((time) => `${date}T${time}:00${offset}`),
      );
      assertContiguous(slots, `${date}T08:30:00${offset}`, `${date}T12:30:00${offset}`, 20);
      assert.ok(slots.every((slot) => slot.capacity === 4));
    });
  }

  it('loses no slot and repeats none when the clocks spring forward during opening hours', () => {
    const slots = slotsOfDay('2026-03-29', sundayNightOffice, 30);
    assert.deepEqual(starts(slots), [
      '2026-03-29T00:00:00+01:00',
      '2026-03-29T00:30:00+01:00',
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T01:30:00+01:00',
      '2026-03-29T03:00:00+02:00', // the same instant as 02:00+01:00: the slot before ends there
      '2026-03-29T03:30:00+02:00',
      '2026-03-29T04:00:00+02:00',
      '2026-03-29T04:30:00+02:00',
      '2026-03-29T05:00:00+02:00',
      '2026-03-29T05:30:00+02:00',
    ]);
    assert.equal(slots[3]?.end, '2026-03-29T03:00:00+02:00');
    assertContiguous(slots, '2026-03-29T00:00:00+01:00', '2026-03-29T06:00:00+02:00', 30);
    assert.equal(at(slots.at(-1)!.end) - at(slots[0]!.start), 5 * 60 * MINUTE_MS);
  });

  it('loses no slot and repeats none when the clocks fall back during opening hours', () => {
    const slots = slotsOfDay('2026-10-25', sundayNightOffice, 30);
    assert.deepEqual(starts(slots), [
      '2026-10-25T00:00:00+02:00',
      '2026-10-25T00:30:00+02:00',
      '2026-10-25T01:00:00+02:00',
      '2026-10-25T01:30:00+02:00',
      '2026-10-25T02:00:00+02:00',
      '2026-10-25T02:30:00+02:00',
      '2026-10-25T02:00:00+01:00', // the same wall time again, an hour later in real time
      '2026-10-25T02:30:00+01:00',
      '2026-10-25T03:00:00+01:00',
      '2026-10-25T03:30:00+01:00',
      '2026-10-25T04:00:00+01:00',
      '2026-10-25T04:30:00+01:00',
      '2026-10-25T05:00:00+01:00',
      '2026-10-25T05:30:00+01:00',
    ]);
    assertContiguous(slots, '2026-10-25T00:00:00+02:00', '2026-10-25T06:00:00+01:00', 30);
    assert.equal(at(slots.at(-1)!.end) - at(slots[0]!.start), 7 * 60 * MINUTE_MS);
  });

  it('writes every slot of a year as toRomeIso writes its instant, at the opening wall times', () => {
    const everyDay: BookableOffice = {
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:30', closes: '12:30' })),
      counters: 1,
    };
    const year = Array.from({ length: 365 }, (_, index) => addDays('2026-01-01', index));
    for (const date of year) {
      const slots = slotsOfDay(date, everyDay, 20);
      if (closureOf(date, everyDay)) continue;
      assert.equal(slots.length, 12, date);
      assert.equal(at(slots[0]!.start), romeInstant(date, '08:30'), date);
      assert.equal(at(slots.at(-1)!.end), romeInstant(date, '12:30'), date);
      for (const slot of slots) assert.equal(toRomeIso(at(slot.start)), slot.start, slot.start);
    }
  });

  it('gives every slot of the change days the capacity of the counters', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      assert.ok(slotsOfDay(date, sundayNightOffice, 30).every((slot) => slot.capacity === 2));
    }
  });

  it('opens at the end of the gap when the opening time is skipped by the clocks', () => {
    const slots = slotsOfDay('2026-03-29', sundayOffice('02:30', '04:00'), 30);
    assert.deepEqual(starts(slots), ['2026-03-29T03:00:00+02:00', '2026-03-29T03:30:00+02:00']);
    assert.equal(slots.at(-1)?.end, '2026-03-29T04:00:00+02:00');
  });

  it('closes at the end of the gap when the closing time is skipped by the clocks', () => {
    const slots = slotsOfDay('2026-03-29', sundayOffice('00:00', '02:30'), 30);
    assert.equal(slots.length, 4);
    assertContiguous(slots, '2026-03-29T00:00:00+01:00', '2026-03-29T03:00:00+02:00', 30);
  });

  it('opens at the first occurrence of an opening time that happens twice', () => {
    const slots = slotsOfDay('2026-10-25', sundayOffice('02:30', '04:00'), 30);
    assertContiguous(slots, '2026-10-25T02:30:00+02:00', '2026-10-25T04:00:00+01:00', 30);
    assert.equal(slots.length, 5);
  });

  it('serves morning and afternoon in order and drops a last piece too short for a slot', () => {
    const office: BookableOffice = {
      openingHours: [
        { weekday: 4, opens: '14:30', closes: '17:00' },
        { weekday: 4, opens: '08:30', closes: '12:30' },
      ],
      counters: 3,
    };
    const slots = slotsOfDay('2026-03-26', office, 20);
    assert.equal(slots.length, 12 + 7);
    assertContiguous(slots.slice(0, 12), '2026-03-26T08:30:00+01:00', '2026-03-26T12:30:00+01:00', 20);
    assertContiguous(slots.slice(12), '2026-03-26T14:30:00+01:00', '2026-03-26T16:50:00+01:00', 20);
  });

  it('offers an office open until midnight its last slot', () => {
    const slots = slotsOfDay('2026-10-25', sundayOffice('22:00', '24:00'), 60);
    assert.deepEqual(slots, [
      { start: '2026-10-25T22:00:00+01:00', end: '2026-10-25T23:00:00+01:00', capacity: 1 },
      { start: '2026-10-25T23:00:00+01:00', end: '2026-10-26T00:00:00+01:00', capacity: 1 },
    ]);
  });

  it('has no slots when the service takes longer than the opening period', () => {
    assert.deepEqual(slotsOfDay('2026-03-27', registryOffice, 241), []);
    assert.equal(slotsOfDay('2026-03-27', registryOffice, 240).length, 1);
  });

  it('refuses durations that are not a positive whole number of minutes', () => {
    for (const duration of [0, -20, 2.5, Number.NaN]) {
      assert.throws(() => slotsOfDay('2026-03-27', registryOffice, duration), RangeError, String(duration));
    }
  });

  it("accepts the contract's Office as it is", () => {
    const office: Schemas['Office'] = {
      id: 'anagrafe',
      name: 'Ufficio anagrafe',
      address: { street: 'Piazza del Comune 1', postalCode: '00100', city: 'Roma' },
      openingHours: [{ weekday: 5, opens: '09:00', closes: '10:00' }],
      counters: 2,
    };
    assert.deepEqual(starts(slotsOfDay('2026-03-27', office, 30)), [
      '2026-03-27T09:00:00+01:00',
      '2026-03-27T09:30:00+01:00',
    ]);
  });
});

describe('dayState', () => {
  it('shows closed days as closed whatever the places', () => {
    assert.equal(dayState(10, true), 'closed');
    assert.equal(dayState(0, true), 'closed');
  });

  it(`shows 1 to ${FEW_PLACES} free places as few, none as full`, () => {
    assert.equal(dayState(0, false), 'full');
    assert.equal(dayState(-1, false), 'full');
    assert.equal(dayState(1, false), 'few');
    assert.equal(dayState(FEW_PLACES, false), 'few');
    assert.equal(dayState(FEW_PLACES + 1, false), 'available');
  });
});

describe('bookableWindow', () => {
  it(`starts ${LEAD_MINUTES} minutes from now and ends ${BOOKING_HORIZON_DAYS} days after today in Rome`, () => {
    const now = at('2026-03-27T10:00:00Z');
    assert.deepEqual(bookableWindow(now), {
      fromMs: now + LEAD_MINUTES * MINUTE_MS,
      fromDate: '2026-03-27',
      toDate: '2026-06-25',
    });
  });

  it("counts the horizon from Rome's date, not UTC's", () => {
    // 00:30 on 28 March in Rome, still 27 March in UTC.
    assert.equal(bookableWindow(at('2026-03-27T23:30:00Z')).toDate, '2026-06-26');
  });

  it('offers a slot from the lead time on, up to the last day of the horizon', () => {
    const now = at('2026-03-27T06:30:00Z'); // 07:30 in Rome
    const [first, second] = slotsOfDay('2026-03-27', registryOffice, 20);
    assert.equal(first?.start, '2026-03-27T08:30:00+01:00');
    assert.equal(isBookableNow(first!, now), false);
    assert.equal(isBookableNow(first!, now - 1), false);
    assert.equal(isBookableNow(first!, at('2026-03-27T05:30:00Z')), true); // exactly the lead time before
    assert.equal(isBookableNow(second!, now), false);
    const lastDay = slotsOfDay('2026-06-25', registryOffice, 20);
    const afterLastDay = slotsOfDay('2026-06-26', registryOffice, 20);
    assert.equal(isBookableNow(lastDay.at(-1)!, now), true);
    assert.equal(isBookableNow(afterLastDay[0]!, now), false);
  });
});

describe('places by the minute', () => {
  it('lists every minute a time covers, a part of a minute as all of it', () => {
    assert.deepEqual(minutesOf(at('2026-11-25T09:00:00+01:00'), at('2026-11-25T09:03:00+01:00')), [
      at('2026-11-25T09:00:00+01:00'),
      at('2026-11-25T09:01:00+01:00'),
      at('2026-11-25T09:02:00+01:00'),
    ]);
    assert.deepEqual(minutesOf(at('2026-11-25T09:00:30+01:00'), at('2026-11-25T09:01:10+01:00')), [
      at('2026-11-25T09:00:00+01:00'),
      at('2026-11-25T09:01:00+01:00'),
    ]);
    assert.deepEqual(minutesOf(at('2026-11-25T09:00:00+01:00'), at('2026-11-25T09:00:00+01:00')), []);
  });

  it('counts a slot as taken as its busiest minute, whatever the lengths of the bookings around it', () => {
    const taken = new Map<number, number>();
    const book = (from: string, to: string) =>
      addPlaceTaken(taken, at(`2026-11-25T${from}:00+01:00`), at(`2026-11-25T${to}:00+01:00`));
    const most = (from: string, to: string) =>
      mostPlacesTaken(taken, at(`2026-11-25T${from}:00+01:00`), at(`2026-11-25T${to}:00+01:00`));
    // A residenza (30 minutes), a CIE (20) and a certificato (10), as at the registry office.
    book('09:00', '09:30');
    book('09:10', '09:30');
    book('09:20', '09:30');
    assert.deepEqual(
      [most('08:50', '09:00'), most('08:50', '09:10'), most('09:00', '09:10'), most('09:10', '09:30')],
      [0, 1, 1, 3],
    );
    assert.equal(most('09:30', '09:40'), 0, 'a time ending as another starts does not overlap it');
    assert.equal(
      mostPlacesTaken(new Map(), at('2026-11-25T09:00:00+01:00'), at('2026-11-25T12:00:00+01:00')),
      0,
    );
  });

  // Why minutes are exact: no slot of any service begins or ends inside one, so counting a minute
  // whole never counts a booking in a slot it does not overlap.
  it('has every slot of any length start and end on a whole minute, the clock-change days included', () => {
    const offices = [
      registryOffice,
      sundayNightOffice,
      sundayOffice('02:30', '04:00'),
      sundayOffice('07:37', '19:59'),
    ];
    for (const durationMinutes of [5, 7, 13, 20, 45, 240]) {
      for (const date of ['2026-03-29', '2026-10-25', '2026-11-24', '2026-11-29']) {
        for (const office of offices) {
          for (const slot of slotsOfDay(date, office, durationMinutes)) {
            assert.equal(at(slot.start) % MINUTE_MS, 0, `${slot.start} is on a whole minute`);
            assert.equal(at(slot.end) % MINUTE_MS, 0, `${slot.end} is on a whole minute`);
          }
        }
      }
    }
  });
});

// Speed is measured by `npm run bench` (gateway availability for a month); here, what makes it fast.
describe('a month of slots', () => {
  it('has every slot of a month for a 4-counter office', () => {
    const slots = daysOfMonth('2026-10').flatMap((date) => slotsOfDay(date, registryOffice, 20, '10-04'));
    // 22 weekdays of 12 morning slots and 9 Tuesday or Thursday afternoons of 7.
    assert.equal(slots.length, 22 * 12 + 9 * 7);
  });

  it('has every slot of a month with a clock change on an open day', () => {
    const everyDay: BookableOffice = {
      openingHours: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
        { weekday, opens: '08:30', closes: '12:30' },
        { weekday, opens: '14:30', closes: '17:00' },
      ]),
      counters: 4,
    };
    const slots = daysOfMonth('2026-03').flatMap((date) => slotsOfDay(date, everyDay, 20));
    assert.equal(slots.length, 31 * (12 + 7));
  });

  it('builds no Intl.DateTimeFormat per call', () => {
    const original = Intl.DateTimeFormat;
    let built = 0;
    const counting = new Proxy(original, {
      construct(target, args, newTarget) {
        built++;
        return Reflect.construct(target, args, newTarget);
      },
      apply(target, thisArgument, args) {
        built++;
        return Reflect.apply(target, thisArgument, args);
      },
    });
    Object.defineProperty(Intl, 'DateTimeFormat', { value: counting, configurable: true, writable: true });
    try {
      for (const date of daysOfMonth('2026-03')) slotsOfDay(date, registryOffice, 20);
      slotsOfDay('2026-03-29', sundayOffice('02:30', '04:00'), 30);
      romeInstant('2026-10-25', '02:30');
      bookableWindow(Date.now());
    } finally {
      Object.defineProperty(Intl, 'DateTimeFormat', { value: original, configurable: true, writable: true });
    }
    assert.equal(built, 0);
  });
});
