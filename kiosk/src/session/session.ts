// A citizen's session at the kiosk: it starts at the first touch and ends when they say they have
// finished, or after a time without a touch. Before that end, a warning counts down (WCAG 2.2.1:
// at least 20 seconds, with a simple way to have more time, as often as asked: at least ten times).
// Time is read from injected timers, so that tests run it without waiting.

/** What the session needs of the timers (the window's by default; tests pass manual ones). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const windowTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Seconds of the warning's countdown: 30, or 60 with "more time" (WCAG 2.2.1 asks for 20 at least). */
export const WARNING_SECONDS = 30;
export const MORE_TIME_WARNING_SECONDS = 60;
/** "More time" also waits this many times longer before warning. */
export const MORE_TIME_FACTOR = 3;

export type SessionEnd = 'finished' | 'idle';
export type SessionState = 'none' | 'active' | 'warning' | 'paused';

export interface SessionOptions {
  /** Seconds without a touch before the warning (the kiosk's setting; 90 by default). */
  idleSeconds(): number;
  /** Whether the citizen asked for more time (their profile). */
  moreTime(): boolean;
  /** The warning begins, or its countdown moves on: seconds left. */
  onWarning(secondsLeft: number): void;
  /** The warning is over: the citizen asked for more time. */
  onExtended(): void;
  /** The session ends: say goodbye and wipe (the session has already forgotten itself). */
  onEnd(reason: SessionEnd): void;
  timers?: Timers;
}

export class Session {
  state: SessionState = 'none';
  /** How many times the citizen asked for more time in this session. */
  extensions = 0;
  /** Seconds left on the warning's countdown, while it shows. */
  secondsLeft = 0;
  private timer: unknown;
  private readonly timers: Timers;

  constructor(private readonly options: SessionOptions) {
    this.timers = options.timers ?? windowTimers;
  }

  /** Whether a citizen is using the kiosk now (also while warned, or paused by the admin area). */
  get running(): boolean {
    return this.state !== 'none';
  }

  /** Milliseconds without a touch before the warning, for this citizen. */
  get idleMs(): number {
    return this.options.idleSeconds() * 1000 * (this.options.moreTime() ? MORE_TIME_FACTOR : 1);
  }

  /** Seconds the warning counts down from, for this citizen. */
  get warningSeconds(): number {
    return this.options.moreTime() ? MORE_TIME_WARNING_SECONDS : WARNING_SECONDS;
  }

  /** The first touch: a session begins (nothing happens when one is running). */
  start(): void {
    if (this.running) return;
    this.state = 'active';
    this.extensions = 0;
    this.waitForIdle();
  }

  /**
   * A touch, a key, typing: the citizen is there. Counts while the session is active; once the
   * warning shows, only its "I need more time" keeps the session (a touch beside it could be the
   * next person's, or a sleeve).
   */
  activity(): void {
    if (this.state === 'active') this.waitForIdle();
  }

  /** "I need more time": the warning goes and the session carries on, for as many times as asked. */
  extend(): void {
    if (this.state !== 'warning') return;
    this.extensions++;
    this.state = 'active';
    this.options.onExtended();
    this.waitForIdle();
  }

  /** "I have finished": the session ends now. */
  finish(): void {
    this.end('finished');
  }

  /** The admin area is open: no warning, no end, until `resume()`. */
  pause(): void {
    if (!this.running) return;
    this.clear();
    if (this.state === 'warning') this.options.onExtended();
    this.state = 'paused';
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'active';
    this.waitForIdle();
  }

  /** The idle time changed (the profile's "more time"): counted again from now. */
  restartIdle(): void {
    if (this.state === 'active') this.waitForIdle();
  }

  private waitForIdle(): void {
    this.clear();
    this.timer = this.timers.setTimeout(() => this.warn(), this.idleMs);
  }

  private warn(): void {
    this.state = 'warning';
    this.secondsLeft = this.warningSeconds;
    this.options.onWarning(this.secondsLeft);
    this.tick();
  }

  private tick(): void {
    this.timer = this.timers.setTimeout(() => {
      this.secondsLeft--;
      if (this.secondsLeft <= 0) return this.end('idle');
      this.options.onWarning(this.secondsLeft);
      this.tick();
    }, 1000);
  }

  private end(reason: SessionEnd): void {
    if (!this.running) return;
    this.clear();
    this.state = 'none';
    this.secondsLeft = 0;
    this.options.onEnd(reason);
  }

  private clear(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
