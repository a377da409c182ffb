/**
 * The one source of "now" for every widget, validator and store: tests and tutorials set it, so
 * nothing in Sportello reads the system time directly and no test needs to sleep.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

let current: Clock = systemClock;

/** The current time from the installed clock, in epoch milliseconds. */
export function now(): number {
  return current.now();
}

/** Installs the clock that `now()` reads; returns the previous one so callers can restore it. */
export function setClock(clock: Clock): Clock {
  const previous = current;
  current = clock;
  return previous;
}

/** A clock that only moves when told to: for tests, tutorials and demos. */
export interface ManualClock extends Clock {
  set(time: number | Date | string): void;
  advance(milliseconds: number): void;
}

export function manualClock(start: number | Date | string): ManualClock {
  let time = new Date(start).getTime();
  return {
    now: () => time,
    set: (next) => {
      time = new Date(next).getTime();
    },
    advance: (milliseconds) => {
      time += milliseconds;
    },
  };
}
