import {
  ApiError,
  dateInRome,
  formatDate,
  formatMonth,
  formatTime,
  isRefusal,
  LatestRequest,
  type ApiClient,
  type LocalizeController,
  type Schemas,
  type StepFlow,
} from '@sportello/core';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { DayAvailability } from '../calendar/calendar.js';
import type { bookingMessages } from './messages.js';
import { SlotHold, WARN_BEFORE_MS } from './slot-hold.js';

type FreeSlot = Schemas['FreeSlot'];
type Hold = Schemas['Hold'];

const monthOf = (date: string) => date.slice(0, 7);
/**
 * The month grid, loaded when the day and time are first asked for: a page showing the booking
 * widget's first step does not download it before. Rendered once defined, so that the properties
 * bound to it reach its setters, not plain fields of an element not upgraded yet.
 */
const loadCalendar = () => import('../calendar/define.js');
/** A hold's time as a time of the day's list: the gateway counts its place as taken, not free. */
export const heldSlot = (hold: Hold): FreeSlot => ({ start: hold.start, end: hold.end, freePlaces: 0 });

export interface AppointmentTimesOptions {
  /** The host's step flow: it has a `when` step, where the times are. */
  flow: StepFlow<string>;
  api: () => ApiClient;
  i18n: LocalizeController<(typeof bookingMessages)['it']>;
  catalogue: () => Schemas['BookingCatalogue'] | undefined;
  /**
   * Whether the citizen is on the way to confirming the held time (the `when` step and those
   * after it): only then is its running out said. One left behind just lapses.
   */
  holdInUse: () => boolean;
  /** Goes on with the time held: to the details, or to the review of a move. */
  goOn: () => void;
  /** A confirmation was sent for the hold without an answer: it may be an appointment already. */
  confirming: () => boolean;
}

/**
 * The "day and time" step of booking and of moving an appointment: the month's days with their
 * free places, the chosen day's times, and the time held for the citizen (see `SlotHold`) while
 * they finish, with its warning, "keep it longer" (WCAG 2.2.1) and what happens when it runs out.
 * Only the newest answer for a month's days, or a day's times, is shown: a slow answer never
 * replaces a newer list, or shows another office's or service's.
 */
export class AppointmentTimes implements ReactiveController {
  readonly hold: SlotHold;
  service = '';
  office = '';
  month = '';
  availability?: Record<string, DayAvailability>;
  firstFree: string | null | undefined;
  date = '';
  slots?: FreeSlot[];
  /** A notice that is not an error (a skipped month), said in the current language at each render. */
  notice?: () => string;
  /** The calendar's module has loaded: its element can be rendered. */
  private calendarReady = !!customElements.get('sportello-calendar');
  private readonly daysRequest = new LatestRequest();
  private readonly timesRequest = new LatestRequest();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: AppointmentTimesOptions,
  ) {
    this.hold = new SlotHold(host, options.api);
    host.addController(this);
  }

  private get api() {
    return this.options.api();
  }

  private t(key: keyof (typeof bookingMessages)['it'], params?: Record<string, string | number>): string {
    return this.options.i18n.t(key, params as never);
  }

  private get language() {
    return this.options.i18n.language;
  }

  /** Opens the times of `service` at `office`, from the first month with a free place. */
  async open(service: string, office: string): Promise<void> {
    this.service = service;
    this.office = office;
    this.date = '';
    this.slots = undefined;
    this.host.requestUpdate();
    void this.showCalendar();
    await this.loadMonth(monthOf(dateInRome(this.api.now())), true);
  }

  private async showCalendar(): Promise<void> {
    if (this.calendarReady) return;
    try {
      await loadCalendar();
      this.calendarReady = true;
      this.host.requestUpdate();
    } catch (error) {
      // The site went offline, or was updated since the page loaded: said as any failed request.
      this.options.flow.showError(error);
    }
  }

  /**
   * A time held elsewhere (a kiosk handed it over to this phone) becomes the one chosen here: its
   * service, office and day, as if the citizen had chosen them. The month and the day's times load
   * when the citizen goes back to them (see `refresh`).
   */
  adopt(hold: Hold): void {
    this.daysRequest.abandon();
    this.timesRequest.abandon();
    this.service = hold.service;
    this.office = hold.office;
    this.date = dateInRome(hold.start);
    this.month = monthOf(this.date);
    this.availability = this.slots = this.firstFree = this.notice = undefined;
    void this.showCalendar();
    this.host.requestUpdate();
  }

  /** Nothing chosen and nothing on its way: for another citizen (the hold is given back). */
  reset(): void {
    this.daysRequest.abandon();
    this.timesRequest.abandon();
    void this.hold.release();
    this.service = this.office = this.month = this.date = '';
    this.availability = this.slots = this.firstFree = this.notice = undefined;
    this.host.requestUpdate();
  }

  /**
   * Gives back the time held, and resolves once the gateway has answered. A hold asked for whose
   * answer has not come may exist at the gateway: it is asked for again with its key first (the
   * gateway answers with the hold it made, or makes it now), so that it is given back too. A
   * hold handed over to a phone stays as it is.
   */
  async releaseHold(): Promise<void> {
    if (this.hold.unanswered) await this.hold.settle().catch(() => undefined);
    if (this.hold.handedOff) return; // the phone's to finish (see SlotHold): nothing to give back
    await this.hold.release();
  }

  /** Loads a month's availability; with `skipEmpty`, jumps to the first month with a free place. */
  async loadMonth(month: string, skipEmpty = false): Promise<void> {
    this.month = month;
    const isLatest = this.daysRequest.begin();
    const flow = this.options.flow;
    try {
      const days = await flow.whileBusy('busy', () => this.daysOf(month));
      if (!isLatest()) return; // another month, office or service was asked for since
      this.firstFree = days.firstFree;
      const next = days.firstFree && monthOf(days.firstFree);
      if (skipEmpty && next && next !== month) {
        this.notice = () =>
          this.t('when.skipped', {
            month: formatMonth(month, this.language),
            next: formatMonth(next, this.language),
          });
        await this.loadMonth(next);
        return;
      }
      this.availability = days.availability;
      this.host.requestUpdate();
    } catch (error) {
      flow.showError(error);
    }
  }

  /**
   * A month's days for the chosen service and office, as this citizen may choose them. The gateway
   * counts their own hold as a place taken; on the held day that place is theirs, so it is counted
   * back: a day whose last place they hold is neither shown full nor disabled in the calendar.
   */
  private async daysOf(month: string) {
    const held = this.holdHere && dateInRome(this.holdHere.start);
    const answer = await this.api.get('/api/booking/availability', {
      query: { service: this.service, office: this.office, month },
    });
    const availability = Object.fromEntries(
      answer.days.map(({ date, state, freePlaces }): [string, DayAvailability] =>
        date === held
          ? [date, { state: state === 'full' ? 'few' : state, freePlaces: freePlaces + 1 }]
          : [date, { state, freePlaces }],
      ),
    );
    const candidates = [answer.firstFreeDate, held].filter(
      (day): day is string => !!day && day >= `${month}-01`,
    );
    return { availability, firstFree: candidates.sort()[0] ?? null };
  }

  private slotsOf(date: string) {
    return this.api.get('/api/booking/slots', {
      query: { service: this.service, office: this.office, date },
    });
  }

  async chooseDate(date: string): Promise<void> {
    this.date = date;
    this.slots = undefined;
    const isLatest = this.timesRequest.begin();
    const flow = this.options.flow;
    try {
      const answer = await flow.whileBusy('busy', () => this.slotsOf(date));
      if (!isLatest()) return; // another day was chosen, or the list reloaded, since
      this.slots = answer.slots;
      this.host.requestUpdate();
      await flow.focus('#times-heading');
    } catch (error) {
      flow.showError(error, (e) => this.ownWords(e));
    }
  }

  /** The booking's own words for a refused hold or confirmation; core's for anything else. */
  ownWords(error: unknown): string | undefined {
    if (!(error instanceof ApiError)) return undefined;
    if (error.code === 'slot-unavailable') return this.t('hold.taken');
    if (error.code === 'hold-expired') return this.t('hold.expired');
    if (error.code === 'too-many-holds') return this.t('hold.tooMany');
    if (error.code === 'not-found') return this.t('problem.notFound');
    return undefined;
  }

  /** Goes on with `slot`, held for the citizen: the one held already, or a new hold in its place. */
  async chooseTime(slot: FreeSlot): Promise<void> {
    const flow = this.options.flow;
    if (flow.busy) return;
    if (this.isHeld(slot) && !this.hold.unanswered) {
      this.options.goOn();
      return;
    }
    flow.showProblem(undefined);
    try {
      await flow.whileBusy('busy', async () => {
        await this.hold.settle();
        if (!this.isHeld(slot)) {
          const replaces = this.hold.current?.id;
          await this.hold.ask({
            service: this.service,
            office: this.office,
            start: slot.start,
            ...(replaces ? { replaces } : {}),
          });
        }
      });
      this.options.goOn();
    } catch (error) {
      flow.showError(error, (e) => this.ownWords(e));
      // Refused (the time was taken): the list has changed. Not after a "not now", whose hold may
      // exist: the citizen goes on with it at once, not after a reload they would wait for.
      if (isRefusal(error)) await this.chooseDate(this.date);
    }
  }

  /**
   * Back at the times with one held (Back, or Change from the review): the days and times left may
   * have changed since they were listed, so they are asked for again, in the background: what is
   * shown stays until they come, and the citizen may go on meanwhile. A failure keeps what is
   * shown; a time gone since says so when chosen. The held one is shown as the citizen's.
   */
  async refresh(): Promise<void> {
    if (!this.holdHere || !this.date) return;
    const timesLatest = this.timesRequest.begin();
    const daysLatest = this.daysRequest.begin();
    const [times, days] = await Promise.allSettled([this.slotsOf(this.date), this.daysOf(this.month)]);
    if (this.options.flow.step !== 'when') return;
    if (times.status === 'fulfilled' && timesLatest()) this.slots = times.value.slots;
    if (days.status === 'fulfilled' && daysLatest()) {
      this.availability = days.value.availability;
      this.firstFree = days.value.firstFree;
    }
    this.host.requestUpdate();
  }

  /** The hold, when it is for the service and office chosen now (going back may change them). */
  get holdHere(): Hold | undefined {
    const hold = this.hold.current;
    return hold?.service === this.service && hold.office === this.office ? hold : undefined;
  }

  isHeld(slot: FreeSlot): boolean {
    const hold = this.holdHere;
    return hold !== undefined && Date.parse(hold.start) === Date.parse(slot.start);
  }

  /**
   * The free times of the chosen day, with the held time among them when it is on that day: the
   * gateway counts the citizen's own hold as taken, so a time they hold the last place of is not
   * in its list.
   */
  get listedTimes(): FreeSlot[] {
    const slots = this.slots ?? [];
    const hold = this.holdHere;
    if (!hold || dateInRome(hold.start) !== this.date || slots.some((s) => this.isHeld(s))) return slots;
    return [...slots, heldSlot(hold)].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  /** The step shown at the last update: arriving back at `when` refreshes the times. */
  private shownStep?: string;

  hostUpdate(): void {
    // Back at the times with one held (Back, or Change from the review): see `refresh`.
    const step = this.options.flow.step;
    if (step === 'when' && this.shownStep !== 'when') void this.refresh();
    this.shownStep = step;
    if (!this.hold.current) return;
    const left = this.hold.left;
    if (left > WARN_BEFORE_MS) return;
    // Said only to a citizen still on the way to confirming this time. One they left (another
    // service or office chosen, back at the first steps or at the appointment) just lapses.
    const inUse = this.holdHere !== undefined && this.options.holdInUse();
    if (left > 0) {
      this.hold.warned = true; // the hold's notice warns, with a way to extend
    } else if (inUse) {
      if (!this.options.flow.busy) void this.expired(); // busy: the citizen's request is answered first
    } else {
      this.hold.lapse();
    }
  }

  /**
   * "Keep this time longer" (WCAG 2.2.1): holds the same time again in place of the hold, which gives
   * its place back in the same step, so no second place is taken and nobody else can slip in.
   * Not offered once a confirmation has gone without an answer: that hold may be an appointment.
   * A request still without an answer is settled first.
   */
  private readonly extend = async () => {
    const flow = this.options.flow;
    const held = this.hold.current;
    if (flow.busy || !held) return;
    flow.showProblem(undefined);
    try {
      await flow.whileBusy('busy', async () => {
        // A request without an answer is settled first. The hold it made is new: this time kept
        // longer (asked for before) needs no more, and another time (chosen, unanswered) gives way
        // to this one, the time the citizen sees and asked to keep.
        await this.hold.settle();
        const now = this.hold.current!;
        if (now === held || now.start !== held.start) {
          await this.hold.ask({
            service: held.service,
            office: held.office,
            start: held.start,
            replaces: now.id,
          });
        }
      });
      // The button the focus was on is gone with the warning.
      flow.stayOn(this.t('hold.extended', { minutes: this.options.catalogue()!.holdMinutes }));
    } catch (error) {
      if (!isRefusal(error)) {
        flow.showError(error, (e) => this.ownWords(e));
      } else if (this.hold.current === held) {
        // Refused (the time is now too close to book, say): the hold is as it was, so is its time.
        this.hold.extendRefused = true;
        flow.showProblem(() => this.t('hold.notExtended'));
      } else {
        // The time asked for without an answer is held now, afresh; the one shown was taken since.
        flow.showProblem(() => this.t('hold.taken'));
      }
      if (isRefusal(error)) flow.stayOn(); // the button the focus was on is gone
    }
  };

  /**
   * The hold ran out: say so, and show the free times nearest to the one it held again. Unless a
   * request without an answer (more time, another time) made a hold in its place: asked again
   * first, that hold is the citizen's, and nothing ran out.
   */
  async expired(): Promise<void> {
    const flow = this.options.flow;
    if (this.hold.unanswered) {
      try {
        await flow.whileBusy('busy', () => this.hold.settle());
      } catch {
        // Still no answer: the hold shown has run out all the same.
      }
      if (this.hold.left > 0) return;
    }
    const day = this.hold.current ? dateInRome(this.hold.current.start) : this.date;
    this.hold.lapse();
    flow.goTo('when');
    await this.loadMonth(monthOf(day));
    const nearest = this.firstFree && this.firstFree > day ? this.firstFree : day;
    await this.chooseDate(nearest);
    flow.showProblem(() => this.t('hold.expired'));
  }

  /**
   * How long the time is held, with the warning and "keep it longer" in its last minute; first, for
   * a time handed over from a kiosk, which kiosk (so a citizen can tell a code shown by someone
   * else's screen). `more` goes at the end: the host's offer to continue on a phone.
   */
  renderHold(more: unknown = nothing) {
    const hold = this.holdHere;
    if (!hold) return nothing;
    const from = this.hold.handedOverFrom;
    const left = Math.max(0, this.hold.left);
    const minutes = Math.floor(left / 60_000);
    const seconds = String(Math.floor((left % 60_000) / 1000)).padStart(2, '0');
    const holdMinutes = this.options.catalogue()!.holdMinutes;
    return html`<div class="hold" part="hold">
      ${
        from
          ? html`<div class="handed-over" part="handed-over">
              <p><strong>${this.t('claim.from', { name: from.name, location: from.location })}</strong></p>
              <p>${this.t('claim.notHere')}</p>
            </div>`
          : nothing
      }
      <p>
        ${this.t('hold.kept', {
          time: formatTime(hold.start, this.language),
          date: formatDate(hold.start, this.language, 'full'),
          minutes: holdMinutes,
        })}
      </p>
      <p>${this.t('hold.left', { time: `${minutes}:${seconds}` })}</p>
      ${
        this.hold.warned
          ? html`<p class="problem" role="alert">${this.t('hold.warning')}</p>
              ${
                this.options.confirming() || this.hold.extendRefused
                  ? nothing
                  : html`<button class="secondary" type="button" @click=${this.extend}>
                      ${this.t('hold.extend', { minutes: holdMinutes })}
                    </button>`
              }`
          : nothing
      }
      ${more}
    </div>`;
  }

  /** The `when` step: its heading, the month, the day's times; `actions` are the host's buttons. */
  render(contact: Schemas['Office'] | undefined, actions: unknown) {
    const flow = this.options.flow;
    const catalogue = this.options.catalogue();
    const today = dateInRome(this.api.now());
    // The last day that can be booked: browsing further would only show closed days.
    const lastDay = new Date(Date.parse(`${today}T12:00:00Z`) + (catalogue?.horizonDays ?? 0) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return html`<section class="step">
      ${flow.heading(this.t('when.heading'))}
      <p>${this.t('when.intro')}</p>
      ${this.notice ? html`<p>${this.notice()}</p>` : nothing} ${this.renderHold()}
      ${
        this.firstFree === null && !this.holdHere
          ? html`<div class="problem" role="alert">
              <p>${this.t('when.nothingFree', { days: catalogue?.horizonDays ?? 0 })}</p>
              <p>${contact?.name}: ${contact?.phone ?? ''} ${contact?.email ?? ''}</p>
            </div>`
          : nothing
      }
      ${this.calendarReady ? this.renderCalendar(today, lastDay) : html`<p>${this.t('loading')}</p>`}
      ${this.date && this.slots ? this.renderTimes() : nothing} ${flow.renderProblem()}
      <div class="actions">
        ${
          this.holdHere
            ? html`<button
                class="primary"
                type="button"
                @click=${() => this.chooseTime(heldSlot(this.holdHere!))}
              >
                ${this.t('when.continue')}
              </button>`
            : nothing
        }
        ${actions}
      </div>
    </section>`;
  }

  private renderCalendar(today: string, lastDay: string) {
    const flow = this.options.flow;
    return html`<sportello-calendar
      part="calendar"
      heading-level=${flow.subheadingLevel}
      .availability=${this.availability}
      .month=${this.month}
      .value=${this.date}
      today=${today}
      min=${today}
      max=${lastDay}
      @sportello-month-change=${(event: CustomEvent<{ month: string }>) => {
        event.stopPropagation(); // the host hears about bookings, not about browsing months
        if (event.detail.month !== this.month) void this.loadMonth(event.detail.month);
      }}
      @change=${(event: Event) => void this.chooseDate((event.target as HTMLInputElement).value)}
    ></sportello-calendar>`;
  }

  private renderTimes() {
    const times = this.listedTimes;
    return html`${this.options.flow.subheading(
      this.t('when.times', { date: formatDate(this.date, this.language, 'full') }),
      'times-heading',
    )}
    ${
      times.length
        ? html`<ul class="times" part="times">
            ${times.map((slot) => {
              const time = formatTime(slot.start, this.language);
              const held = this.isHeld(slot);
              return html`<li>
                <button
                  class=${held ? 'primary' : 'secondary'}
                  type="button"
                  aria-label=${`${time}, ${held ? this.t('when.held') : this.t('when.places', { count: slot.freePlaces })}`}
                  @click=${() => this.chooseTime(slot)}
                >
                  ${time}${held ? ` (${this.t('when.held')})` : ''}
                </button>
              </li>`;
            })}
          </ul>`
        : html`<p>${this.t('when.noTimes')}</p>`
    }`;
  }
}
