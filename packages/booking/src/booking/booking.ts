import {
  ApiError,
  isRefusal,
  apiClientFor,
  baseStyles,
  dateInRome,
  emit,
  formatDate,
  formatMonth,
  formatTime,
  formStyles,
  LocalizeController,
  NetworkError,
  now,
  randomUuid,
  SportelloElement,
  StepFocus,
  type Language,
  type Schemas,
} from '@sportello/core';
import { validateCodiceFiscale, validationMessages } from '@sportello/core/validators';
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { DayAvailability } from '../calendar/calendar.js';
import '../calendar/define.js';
import { icsEvent } from './ics.js';
import { bookingMessages, type BookingMessageKey } from './messages.js';

type Service = Schemas['BookingService'];
type Office = Schemas['Office'];
type Appointment = Schemas['Appointment'];
type FreeSlot = Schemas['FreeSlot'];
type Applicant = Schemas['Applicant'];
type Step =
  | 'service'
  | 'office'
  | 'when'
  | 'details'
  | 'applicant'
  | 'review'
  | 'confirmation'
  | 'manage'
  | 'appointment';
type ApplicantField = keyof Applicant;

/** The booking steps of the national "Modello Comuni" flow, in order. */
const BOOKING_STEPS: Step[] = ['service', 'office', 'when', 'details', 'applicant', 'review'];
/** The steps on the way to confirming a held time: where its running out is said. */
const STEPS_WITH_HOLD: Step[] = ['when', 'details', 'applicant', 'review'];
const WARN_BEFORE_MS = 60_000;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+?[0-9 ]{6,19}$/;
const REFERENCE = /^[A-Z0-9]{2,12}-[0-9A-Z]{6}$/;
const MANAGE_CODE = /^[0-9A-Z]{16}$/;

const monthOf = (date: string) => date.slice(0, 7);
/** A hold's time as a time of the day's list: the gateway counts its place as taken, not free. */
const heldSlot = (hold: Schemas['Hold']): FreeSlot => ({ start: hold.start, end: hold.end, freePlaces: 0 });

/**
 * Takes the manage code out of the page's address once it is read: the browser's history on a
 * shared computer (a library, a kiosk) would otherwise keep a code that cancels the appointment.
 */
function forgetManageLink(link: URLSearchParams): void {
  link.delete('reference');
  link.delete('code');
  const url = new URL(location.href);
  url.hash = link.toString();
  history.replaceState(history.state, '', url);
}

/**
 * Books a counter appointment (CIE renewal, change of residence, certificates...) in the steps of
 * the national "Modello Comuni" flow: service, office, day and time, details, applicant, review.
 * The chosen time is held by the gateway while the citizen fills the form; the confirmation gives a
 * reference, a manage code, an .ics file and a QR code to manage the appointment from a phone.
 *
 * With `manage` (or a manage link, which carries the reference and code in the address's fragment,
 * never sent to a server) the citizen finds an appointment by reference and code, and cancels or
 * moves it; the page shows initials only, no personal data.
 *
 * @tagname sportello-booking
 * @summary Book, cancel or move a counter appointment, with slot holds and no account.
 *
 * @fires sportello-booking-confirmed - An appointment was booked or moved: `{ reference, service, start }`, no personal data.
 *
 * @csspart form - Each step's form.
 * @csspart calendar - The month grid (a `<sportello-calendar>`).
 * @csspart times - The list of free times of the chosen day.
 * @csspart hold - The notice of how long the chosen time is held.
 * @csspart confirmation - The confirmation with reference and code.
 *
 * @cssproperty --sportello-booking-gap - Space between the parts of a step. Default `16px`.
 */
export class SportelloBooking extends SportelloElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host {
        display: block;
        max-inline-size: 44rem;
        --_form-gap: var(--sportello-booking-gap, var(--_space-4));
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--_space-2);
      }
      legend {
        font-weight: 600;
        padding: 0;
        margin-block-end: var(--_space-2);
      }
      .choice {
        display: flex;
        align-items: center;
        gap: var(--_space-3);
        min-block-size: var(--_target-size);
        padding: var(--_space-2) var(--_space-3);
        border: 2px solid var(--_color-border);
        border-radius: var(--_radius);
      }
      .choice input {
        inline-size: 1.25rem;
        block-size: 1.25rem;
        min-block-size: 0;
        margin: 0;
      }
      ul.times {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space-2);
      }
      ul.plain {
        margin: 0;
        padding-inline-start: var(--_space-6);
      }
      textarea {
        font: inherit;
        min-block-size: 6rem;
        padding: var(--_space-2) var(--_space-3);
        border: 2px solid var(--_color-border);
        border-radius: var(--_radius);
        inline-size: 100%;
      }
      .hold,
      .code {
        border: 2px solid var(--_color-primary);
        border-radius: var(--_radius);
        padding: var(--_space-3) var(--_space-4);
      }
      .code strong {
        font-size: 1.5rem;
        letter-spacing: 0.1em;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** The service to book (its id, e.g. `cie`): the service step is skipped. */
  @property() service = '';

  /** The office (its id): the office step is skipped. */
  @property() office = '';

  /** Manage an existing appointment (find it by reference and code) instead of booking one. */
  @property({ type: Boolean }) manage = false;

  /**
   * The page where appointments are managed, which the confirmation's link and QR code open; by
   * default this page. At a kiosk, set it to a public address: the kiosk's own may be one a phone
   * cannot reach.
   */
  @property({ attribute: 'manage-url' }) manageUrl = '';

  /** The signed-in citizen's token (SPID/CIE through the host page): the applicant's details are pre-filled. */
  @property({ attribute: false }) token?: string;

  @state() private step: Step = 'service';
  /** The services, offices and booking terms, as the gateway gave them. */
  @state() private catalogue?: Schemas['BookingCatalogue'];
  @state() private serviceId = '';
  @state() private officeId = '';
  @state() private month = '';
  @state() private availability?: Record<string, DayAvailability>;
  @state() private firstFree: string | null | undefined;
  @state() private date = '';
  @state() private slots?: FreeSlot[];
  @state() private hold?: Schemas['Hold'];
  @state() private reason = '';
  @state() private notes = '';
  @state() private applicant: Applicant = { givenName: '', familyName: '', email: '' };
  @state() private submitted = false;
  @state() private prefilled = false;
  @state() private busy = false;
  /** What went wrong, said in the current language at each render: it follows a change of `lang`. */
  @state() private problem?: () => string;
  /** A notice that is not an error (a skipped month, a moved appointment), said the same way. */
  @state() private notice?: () => string;
  @state() private appointment?: Appointment;
  @state() private manageCode = '';
  @state() private referenceInput = '';
  @state() private codeInput = '';
  @state() private confirmCancel = false;
  /** Moving an existing appointment: the `when` step holds a new time for it. */
  @state() private rescheduling = false;
  /** The gateway said the appointment has started: by its clock, which may be ahead of this device's. */
  @state() private started = false;

  private warned = false;
  private ticker?: ReturnType<typeof setInterval>;
  /**
   * Each request for a day's times or a month's days is numbered: only the latest one's answer is
   * shown, so a slow answer never replaces a newer list, or shows another office's or service's.
   */
  private timesLoad = 0;
  private daysLoad = 0;
  private confirmKey?: string;
  /**
   * A hold asked for (a time chosen, or the same time for longer) whose answer has not come: kept
   * with its Idempotency-Key, and sent again before any hold is used (see settleUnansweredHold).
   */
  private holdAttempt?: { body: Schemas['HoldInput']; key: string };
  /** The gateway would not hold this time longer: the warning no longer offers it. */
  @state() private extendRefused = false;
  /** The .ics file of the confirmation, as an object URL: remade when the element comes back to the page. */
  @state() private icsUrl = '';
  private readonly i18n = new LocalizeController(this, bookingMessages);
  /** The numbered steps say "Step 3 of 6"; managing an appointment has no numbers. */
  private readonly stepFocus = new StepFocus(this, (title) => {
    const index = BOOKING_STEPS.indexOf(this.step);
    return index >= 0
      ? this.i18n.t('step.announce', { number: index + 1, count: BOOKING_STEPS.length, title })
      : title;
  });
  private readonly validation = new LocalizeController(this, validationMessages);

  private get api() {
    return apiClientFor(this, { token: () => this.token });
  }

  private get language(): Language {
    return this.i18n.language;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved to another place in the page (a CMS re-rendering, a tutorial step): carry on where the
    // citizen was, with what was stopped or let go when it left.
    if (this.hasUpdated) {
      if (this.hold) this.startTicker();
      if (this.appointment && this.manageCode) this.makeIcs();
      return;
    }
    const link = new URLSearchParams(location.hash.slice(1));
    const reference = link.get('reference');
    const code = link.get('code');
    // A manage link is for the page's managing element, or for this one when the page has none.
    const handlesLink = !this.ownerDocument.querySelector('sportello-booking[manage]');
    if (this.manage || (reference && code && handlesLink)) {
      this.step = 'manage';
      if (reference && code) {
        this.referenceInput = reference;
        this.codeInput = code;
        forgetManageLink(link);
        void this.findAppointment();
      }
    }
    void this.loadCatalogue();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
    if (this.icsUrl) URL.revokeObjectURL(this.icsUrl);
  }

  private goTo(step: Step): void {
    this.problem = undefined;
    if (step !== this.step) this.stepFocus.moveOn();
    this.step = step;
    // Back at the times with one held (Back, or Change from the review): the days and times left may
    // have changed since they were listed. The held one is shown as the citizen's, full or not.
    if (step === 'when' && this.holdHere && this.date) void this.refreshWhen();
  }

  private t(key: BookingMessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params as never);
  }

  private text(value: Schemas['LocalizedText']): string {
    return value[this.language];
  }

  private get services(): Service[] {
    return this.catalogue?.services ?? [];
  }

  private serviceById(id: string | undefined): Service | undefined {
    return this.services.find((s) => s.id === id);
  }

  private officeById(id: string | undefined): Office | undefined {
    return this.catalogue?.offices.find((o) => o.id === id);
  }

  private get chosenService(): Service | undefined {
    return this.serviceById(this.serviceId);
  }

  private get chosenOffice(): Office | undefined {
    return this.officeById(this.officeId);
  }

  private messageFor(error: unknown): string {
    if (error instanceof NetworkError) {
      return this.t(error.reason === 'offline' ? 'problem.offline' : 'problem.network');
    }
    if (error instanceof ApiError) {
      switch (error.code) {
        case 'slot-unavailable':
          return this.t('hold.taken');
        case 'hold-expired':
          return this.t('hold.expired');
        case 'appointment-not-found':
          return this.t('manage.notFound');
        case 'rate-limited':
          return this.t('manage.tooMany', {
            minutes: Math.ceil((error.problem.retryAfterSeconds ?? 900) / 60),
          });
        case 'not-found':
          return this.t('problem.notFound');
      }
    }
    return this.t('problem.generic');
  }

  private async loadCatalogue(): Promise<void> {
    this.busy = true;
    this.problem = undefined;
    try {
      this.catalogue = await this.api.get('/api/booking/services');
      if (this.step !== 'service') return;
      const preset = this.services.find((s) => s.id === this.service);
      if (preset) this.chooseService(preset.id, false);
    } catch (error) {
      this.problem = () => this.messageFor(error);
    } finally {
      this.busy = false;
    }
  }

  private chooseService(id: string, moveFocus = true): void {
    this.serviceId = id;
    const service = this.chosenService!;
    if (!service.reasons.some((r) => r.id === this.reason)) this.reason = service.reasons[0]!.id;
    const preset = service.officeIds.includes(this.office) ? this.office : undefined;
    // One office only, or the page chose it: nothing to ask.
    const office = preset ?? (service.officeIds.length === 1 ? service.officeIds[0] : undefined);
    if (office) void this.chooseOffice(office, moveFocus);
    else if (moveFocus) this.goTo('office');
    else this.step = 'office';
  }

  private async chooseOffice(id: string, moveFocus = true): Promise<void> {
    this.officeId = id;
    this.date = '';
    this.slots = undefined;
    if (moveFocus) this.goTo('when');
    else this.step = 'when';
    await this.loadMonth(monthOf(dateInRome(this.api.now())), true);
  }

  /** Loads a month's availability; with `skipEmpty`, jumps to the first month with a free place. */
  private async loadMonth(month: string, skipEmpty = false): Promise<void> {
    this.month = month;
    const load = ++this.daysLoad;
    this.busy = true;
    try {
      const days = await this.daysOf(month);
      if (load !== this.daysLoad) return; // another month, office or service was asked for since
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
    } catch (error) {
      this.problem = () => this.messageFor(error);
    } finally {
      this.busy = false;
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
      query: { service: this.serviceId, office: this.officeId, month },
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
      query: { service: this.serviceId, office: this.officeId, date },
    });
  }

  private async chooseDate(date: string): Promise<void> {
    this.date = date;
    this.slots = undefined;
    const load = ++this.timesLoad;
    this.busy = true;
    try {
      const answer = await this.slotsOf(date);
      if (load !== this.timesLoad) return; // another day was chosen, or the list reloaded, since
      this.slots = answer.slots;
      await this.stepFocus.focus('#times-heading');
    } catch (error) {
      this.problem = () => this.messageFor(error);
    } finally {
      this.busy = false;
    }
  }

  /** Goes on with `slot`, held for the citizen: the one held already, or a new hold in its place. */
  private async chooseTime(slot: FreeSlot): Promise<void> {
    if (this.busy) return;
    if (this.isHeld(slot) && !this.holdAttempt) {
      this.continueWithHold();
      return;
    }
    this.busy = true;
    this.problem = undefined;
    try {
      await this.settleUnansweredHold();
      if (!this.isHeld(slot)) {
        this.holdAttempt = {
          body: {
            service: this.serviceId,
            office: this.officeId,
            start: slot.start,
            ...(this.hold ? { replaces: this.hold.id } : {}),
          },
          key: randomUuid(),
        };
        await this.sendHoldAttempt();
      }
      this.continueWithHold();
    } catch (error) {
      this.problem = () => this.messageFor(error);
      if (error instanceof ApiError) await this.chooseDate(this.date); // the list has changed
    } finally {
      this.busy = false;
    }
  }

  /** Sends the hold asked for; answered or refused, it is settled, and only then forgotten. */
  private async sendHoldAttempt(): Promise<void> {
    const { body, key } = this.holdAttempt!;
    try {
      this.hold = await this.api.post('/api/booking/holds', { body, idempotencyKey: key });
    } catch (error) {
      if (isRefusal(error)) this.holdAttempt = undefined; // nothing was made
      throw error;
    }
    this.holdAttempt = undefined;
    this.confirmKey = undefined; // a new time is a new booking to confirm
    this.warned = false;
    this.extendRefused = false;
    this.startTicker();
  }

  /**
   * A hold was asked for (a time chosen, or more time) and no answer came: a dropped connection, a
   * timeout, "still running". The gateway may hold it, in place of the hold shown, which it then
   * gave back. Before any hold is used (gone on with, kept longer, confirmed, moved to, replaced by
   * another time), the request is sent again with its key: the gateway answers as it did the first
   * time, or holds it now, and the hold is the one it has. Without this, going on with the time
   * shown as held, or confirming it, would send a hold given back ("your time is over"), and the
   * other would keep a place for ten minutes for nobody. Refused, nothing was made. Throws while
   * there is still no answer.
   */
  private async settleUnansweredHold(): Promise<void> {
    if (!this.holdAttempt) return;
    try {
      await this.sendHoldAttempt();
    } catch (error) {
      if (!isRefusal(error)) throw error;
    }
  }

  /**
   * The times of the chosen day and the days of the month shown again, in the background: what is
   * shown stays until they come, and the citizen may go on meanwhile (nothing here waits on it, says
   * anything, or follows them to the next step). A failure keeps what is shown; a time gone since
   * says so when chosen.
   */
  private async refreshWhen(): Promise<void> {
    const timesLoad = ++this.timesLoad;
    const daysLoad = ++this.daysLoad;
    const [times, days] = await Promise.allSettled([this.slotsOf(this.date), this.daysOf(this.month)]);
    if (this.step !== 'when') return;
    if (times.status === 'fulfilled' && timesLoad === this.timesLoad) this.slots = times.value.slots;
    if (days.status === 'fulfilled' && daysLoad === this.daysLoad) {
      this.availability = days.value.availability;
      this.firstFree = days.value.firstFree;
    }
  }

  /** The hold, when it is for the service and office chosen now (going back may change them). */
  private get holdHere(): Schemas['Hold'] | undefined {
    const hold = this.hold;
    return hold?.service === this.serviceId && hold.office === this.officeId ? hold : undefined;
  }

  private isHeld(slot: FreeSlot): boolean {
    const hold = this.holdHere;
    return hold !== undefined && Date.parse(hold.start) === Date.parse(slot.start);
  }

  /** Goes on with the time already held: nothing to ask the gateway. */
  private continueWithHold(): void {
    this.goTo(this.rescheduling ? 'review' : 'details');
  }

  /**
   * The free times of the chosen day, with the held time among them when it is on that day: the
   * gateway counts the citizen's own hold as taken, so a time they hold the last place of is not
   * in its list.
   */
  private get listedTimes(): FreeSlot[] {
    const slots = this.slots ?? [];
    const hold = this.holdHere;
    if (!hold || dateInRome(hold.start) !== this.date || slots.some((s) => this.isHeld(s))) return slots;
    return [...slots, heldSlot(hold)].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  private startTicker(): void {
    this.stopTicker();
    this.ticker = setInterval(() => this.requestUpdate(), 1000);
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /**
   * Milliseconds left on the hold, by the gateway's clock: core's clock (which tests and tutorials
   * set), put right when the gateway's answers say the device's is off.
   */
  private get holdLeft(): number {
    return this.hold ? Date.parse(this.hold.expiresAt) - this.api.now() : 0;
  }

  protected override willUpdate(): void {
    if (!this.hold || this.step === 'confirmation') return;
    const left = this.holdLeft;
    if (left > WARN_BEFORE_MS) return;
    // Said only to a citizen still on the way to confirming this time. One they left (another
    // service or office chosen, back at the first steps or at the appointment) just lapses.
    const inUse = this.holdHere !== undefined && STEPS_WITH_HOLD.includes(this.step);
    if (left > 0) {
      this.warned = true; // the hold's notice warns, with a way to extend
    } else if (inUse) {
      if (!this.busy) void this.holdExpired(); // busy: the citizen's request is answered first
    } else {
      this.letHoldLapse();
    }
  }

  private letHoldLapse(): void {
    this.hold = undefined;
    this.warned = false;
    this.extendRefused = false;
    this.holdAttempt = undefined; // nothing more is asked for a hold left behind
    this.stopTicker();
  }

  /**
   * "Keep this time longer" (WCAG 2.2.1): holds the same time again in place of the hold, which gives
   * its place back in the same step, so no second place is taken and nobody else can slip in.
   * Not offered once a confirmation has gone without an answer: that hold may be an appointment.
   * A request still without an answer is settled first (see settleUnansweredHold).
   */
  private readonly extendHold = async () => {
    if (this.busy || !this.hold) return;
    this.busy = true;
    this.problem = undefined;
    const held = this.hold;
    try {
      // A request without an answer is settled first. The hold it made is new: this time kept longer
      // (asked for before) needs no more, and another time (chosen, unanswered) gives way to this
      // one, the time the citizen sees and asked to keep.
      await this.settleUnansweredHold();
      if (this.hold === held || this.hold.start !== held.start) {
        this.holdAttempt = {
          body: { service: held.service, office: held.office, start: held.start, replaces: this.hold.id },
          key: randomUuid(),
        };
        await this.sendHoldAttempt();
      }
      // The button the focus was on is gone with the warning.
      this.stepFocus.stayOn(this.t('hold.extended', { minutes: this.catalogue!.holdMinutes }));
    } catch (error) {
      if (!isRefusal(error)) {
        this.problem = () => this.messageFor(error);
      } else if (this.hold === held) {
        // Refused (the time is now too close to book, say): the hold is as it was, so is its time.
        this.extendRefused = true;
        this.problem = () => this.t('hold.notExtended');
      } else {
        // The time asked for without an answer is held now, afresh; the one shown was taken since.
        this.problem = () => this.t('hold.taken');
      }
      if (isRefusal(error)) this.stepFocus.stayOn(); // the button the focus was on is gone
    } finally {
      this.busy = false;
    }
  };

  /**
   * The hold ran out: say so, and show the free times nearest to the one it held again. Unless a
   * request without an answer (more time, another time) made a hold in its place: asked again
   * first, that hold is the citizen's, and nothing ran out.
   */
  private async holdExpired(): Promise<void> {
    if (this.holdAttempt) {
      this.busy = true;
      try {
        await this.settleUnansweredHold();
      } catch {
        // Still no answer: the hold shown has run out all the same.
      } finally {
        this.busy = false;
      }
      if (this.holdLeft > 0) return;
    }
    const day = this.hold ? dateInRome(this.hold.start) : this.date;
    this.letHoldLapse();
    this.goTo('when');
    await this.loadMonth(monthOf(day));
    const nearest = this.firstFree && this.firstFree > day ? this.firstFree : day;
    await this.chooseDate(nearest);
    this.problem = () => this.t('hold.expired');
  }

  private applicantProblem(field: ApplicantField): string {
    const value = (this.applicant[field] ?? '').trim();
    const labels: Record<ApplicantField, BookingMessageKey> = {
      givenName: 'applicant.givenName',
      familyName: 'applicant.familyName',
      email: 'applicant.email',
      phone: 'applicant.phone',
      fiscalCode: 'applicant.fiscalCode',
    };
    if (!value) {
      return field === 'phone' || field === 'fiscalCode'
        ? ''
        : this.t('applicant.missing', { field: this.t(labels[field]).toLowerCase() });
    }
    if (field === 'email' && !EMAIL.test(value)) return this.t('applicant.emailInvalid');
    if (field === 'phone' && !PHONE.test(value)) return this.t('applicant.phoneInvalid');
    if (field === 'fiscalCode') {
      const check = validateCodiceFiscale(value);
      const error = check.problems.find((p) => p.severity === 'error');
      if (error) return this.validation.t(error.messageKey, error.params);
    }
    return '';
  }

  private async prefill(): Promise<void> {
    if (!this.token || this.prefilled) return;
    try {
      const me = await this.api.get('/api/me');
      this.applicant = {
        ...this.applicant,
        givenName: this.applicant.givenName || me.givenName,
        familyName: this.applicant.familyName || me.familyName,
        fiscalCode: this.applicant.fiscalCode || me.fiscalCode,
      };
      this.prefilled = true;
    } catch {
      // Not signed in after all: the citizen types the details.
    }
  }

  /** Nothing chosen: say so, and put the focus on the first choice, where the citizen chooses. */
  private async nothingChosen(name: 'service' | 'office', problem: BookingMessageKey): Promise<void> {
    this.problem = () => this.t(problem);
    await this.stepFocus.focus(`input[name="${name}"]`);
  }

  private onService(event: SubmitEvent): void {
    event.preventDefault();
    if (this.serviceId) this.chooseService(this.serviceId);
    else if (this.services.length) void this.nothingChosen('service', 'service.missing');
  }

  private onOffice(event: SubmitEvent): void {
    event.preventDefault();
    if (this.officeId) void this.chooseOffice(this.officeId);
    else void this.nothingChosen('office', 'office.missing');
  }

  private onDetails(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.reason) {
      this.problem = () => this.t('details.reasonMissing');
      return;
    }
    void this.prefill();
    this.goTo('applicant');
  }

  private onApplicant(event: SubmitEvent): void {
    event.preventDefault();
    this.submitted = true;
    const fields: ApplicantField[] = ['givenName', 'familyName', 'email', 'phone', 'fiscalCode'];
    const wrong = fields.find((field) => this.applicantProblem(field));
    if (wrong) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${wrong}`)?.focus());
      return;
    }
    this.goTo('review');
  }

  private async confirm(): Promise<void> {
    if (this.busy || !this.hold) return;
    this.busy = true;
    this.problem = undefined;
    const { phone, fiscalCode, ...required } = this.applicant;
    try {
      // Settled first: a hold it makes is a new booking to confirm, with a key of its own.
      await this.settleUnansweredHold();
      // One key per booking attempt, kept across retries: a lost answer never books twice.
      this.confirmKey ??= randomUuid();
      const answer = await this.api.post('/api/booking/appointments', {
        body: {
          holdId: this.hold.id,
          reason: this.reason,
          ...(this.notes.trim() ? { notes: this.notes.trim() } : {}),
          applicant: {
            ...required,
            ...(phone?.trim() ? { phone: phone.trim() } : {}),
            ...(fiscalCode?.trim() ? { fiscalCode: fiscalCode.trim().toUpperCase() } : {}),
          },
          language: this.language,
        },
        idempotencyKey: this.confirmKey,
      });
      this.booked(answer.appointment, answer.manageCode);
    } catch (error) {
      this.problem = () => this.messageFor(error);
      if (error instanceof ApiError && error.code === 'hold-expired') await this.holdExpired();
    } finally {
      this.busy = false;
    }
  }

  private booked(appointment: Appointment, manageCode: string): void {
    this.appointment = appointment;
    this.manageCode = manageCode;
    this.hold = undefined;
    this.stopTicker();
    this.makeIcs();
    this.goTo('confirmation');
    emit(this, 'sportello-booking-confirmed', {
      reference: appointment.reference,
      service: appointment.service,
      start: appointment.start,
    });
  }

  private officeAddress(office: Office | undefined): string {
    return office
      ? `${office.name}, ${office.address.street}, ${office.address.postalCode} ${office.address.city}`
      : '';
  }

  private makeIcs(): void {
    const appointment = this.appointment!;
    const service = this.serviceById(appointment.service);
    const office = this.officeById(appointment.office);
    const ics = icsEvent({
      uid: `${appointment.reference}@sportello`,
      start: appointment.start,
      end: appointment.end,
      stamp: now(),
      summary: service ? this.text(service.name) : appointment.service,
      location: this.officeAddress(office),
      description: [
        `${this.t('confirmation.reference')}: ${appointment.reference}`,
        ...(service?.documents.length
          ? [`${this.t('confirmation.bring')}: ${service.documents.map((d) => this.text(d)).join('; ')}`]
          : []),
      ].join('\n'),
    });
    if (this.icsUrl) URL.revokeObjectURL(this.icsUrl);
    this.icsUrl = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
  }

  /** This page with the reference and code in the fragment: never sent to a server. */
  private manageLink(): string {
    const url = new URL(this.manageUrl || location.href, location.href);
    url.hash = new URLSearchParams({
      reference: this.appointment!.reference,
      code: this.manageCode,
    }).toString();
    return url.toString();
  }

  /**
   * "Book another appointment": nothing of the booking just made is left, the applicant's details
   * included (the next person at a kiosk must not find them; a signed-in citizen's come back from
   * their token), and the month is loaded again with the place just taken.
   */
  private startOver(): void {
    this.appointment = undefined;
    this.manageCode = '';
    this.date = '';
    this.slots = undefined;
    this.notes = '';
    this.reason = '';
    this.applicant = { givenName: '', familyName: '', email: '' };
    this.prefilled = false;
    this.submitted = false;
    this.rescheduling = false;
    this.notice = undefined;
    if (this.service && this.chosenService) {
      this.reason = this.chosenService.reasons[0]!.id;
      this.goTo('when');
      void this.loadMonth(this.month || monthOf(dateInRome(this.api.now())));
    } else {
      this.goTo('service');
    }
  }

  // Managing an appointment.

  private async onManage(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.submitted = true;
    const wrong = (['reference', 'code'] as const).find((field) => this.manageProblem(field));
    if (wrong) {
      // The field, with its problem as its description, is what the screen reader reads next.
      await this.stepFocus.focus(`#${wrong}`);
      return;
    }
    await this.findAppointment();
  }

  private manageProblem(field: 'reference' | 'code'): string {
    if (field === 'reference') {
      return REFERENCE.test(this.referenceInput.trim().toUpperCase())
        ? ''
        : this.t('manage.referenceInvalid');
    }
    const code = this.codeInput.toUpperCase().replace(/[\s-]/g, '');
    return MANAGE_CODE.test(code) ? '' : this.t('manage.codeInvalid');
  }

  private get manageHeaders() {
    return { 'Sportello-Manage-Code': this.codeInput.trim() };
  }

  private async findAppointment(): Promise<void> {
    this.busy = true;
    this.problem = undefined;
    try {
      this.appointment = await this.api.get('/api/booking/appointments/{reference}', {
        params: { reference: this.referenceInput.trim().toUpperCase() },
        headers: this.manageHeaders,
      });
      this.serviceId = this.appointment.service;
      this.officeId = this.appointment.office;
      this.started = false;
      this.goTo('appointment');
    } catch (error) {
      this.problem = () => this.messageFor(error);
    } finally {
      this.busy = false;
    }
  }

  private async cancel(): Promise<void> {
    if (this.busy || !this.appointment) return;
    this.busy = true;
    try {
      this.appointment = await this.api.delete('/api/booking/appointments/{reference}', {
        params: { reference: this.appointment.reference },
        headers: this.manageHeaders,
      });
      this.confirmCancel = false;
      this.notice = () => this.t('appointment.cancelled');
      this.stepFocus.stayOn(this.notice()); // the buttons the focus was on are gone
    } catch (error) {
      if (this.startedMeanwhile(error)) this.stepFocus.stayOn(this.t('appointment.past'));
      else this.problem = () => this.messageFor(error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Whether the gateway refused because the appointment has started (meanwhile, or by its clock):
   * then it is no longer offered to cancel or move it.
   */
  private startedMeanwhile(error: unknown): boolean {
    if (!(error instanceof ApiError && error.code === 'appointment-past')) return false;
    this.started = true;
    this.confirmCancel = false;
    return true;
  }

  /** Asks before cancelling: the question's first button takes the focus of the one it replaces. */
  /**
   * "I have finished": the appointment leaves the screen and the codes the form, so the next person
   * at a kiosk or a library computer finds neither (the code cancels the appointment).
   */
  private finishManaging(): void {
    this.letHoldLapse();
    this.appointment = undefined;
    this.referenceInput = '';
    this.codeInput = '';
    this.submitted = false;
    this.confirmCancel = false;
    this.rescheduling = false;
    this.started = false;
    this.notice = undefined;
    this.goTo('manage');
  }

  private async askCancel(): Promise<void> {
    this.confirmCancel = true;
    await this.stepFocus.focus('#cancel-confirm');
  }

  /** Keeps the appointment: the focus goes back to the button that asked. */
  private async keepAppointment(): Promise<void> {
    this.confirmCancel = false;
    await this.stepFocus.focus('#cancel-appointment');
  }

  private async startReschedule(): Promise<void> {
    this.rescheduling = true;
    this.notice = undefined;
    await this.chooseOffice(this.appointment!.office);
  }

  private async moveAppointment(): Promise<void> {
    if (this.busy || !this.hold || !this.appointment) return;
    this.busy = true;
    try {
      await this.settleUnansweredHold();
      this.confirmKey ??= randomUuid(); // after settling, as for confirm()
      const moved = await this.api.post('/api/booking/appointments/{reference}/reschedule', {
        params: { reference: this.appointment.reference },
        headers: this.manageHeaders,
        body: { holdId: this.hold.id },
        idempotencyKey: this.confirmKey,
      });
      this.appointment = moved;
      this.hold = undefined;
      this.rescheduling = false;
      this.stopTicker();
      this.notice = () => this.t('appointment.moved');
      this.goTo('appointment');
      emit(this, 'sportello-booking-confirmed', {
        reference: moved.reference,
        service: moved.service,
        start: moved.start,
      });
    } catch (error) {
      if (this.startedMeanwhile(error)) {
        // Nothing to move any more: back to the appointment, which says why. The new time's hold
        // runs out by itself.
        this.hold = undefined;
        this.rescheduling = false;
        this.stopTicker();
        this.goTo('appointment');
        return;
      }
      this.problem = () => this.messageFor(error);
      if (error instanceof ApiError && error.code === 'hold-expired') await this.holdExpired();
    } finally {
      this.busy = false;
    }
  }

  // Rendering.

  protected override render() {
    const steps: Record<Step, () => TemplateResult> = {
      service: () => this.renderService(),
      office: () => this.renderOffice(),
      when: () => this.renderWhen(),
      details: () => this.renderDetails(),
      applicant: () => this.renderApplicant(),
      review: () => this.renderReview(),
      confirmation: () => this.renderConfirmation(),
      manage: () => this.renderManage(),
      appointment: () => this.renderAppointment(),
    };
    return html`${steps[this.step]()}
      <p class="visually-hidden" role="status"></p>`;
  }

  private renderProblem() {
    return this.problem ? html`<p class="problem" role="alert">${this.problem()}</p>` : nothing;
  }

  private renderBack(step: Step) {
    return html`<button class="secondary" type="button" @click=${() => this.goTo(step)}>
      ${this.t('step.back')}
    </button>`;
  }

  private renderHold() {
    const hold = this.holdHere;
    if (!hold) return nothing;
    const left = Math.max(0, this.holdLeft);
    const minutes = Math.floor(left / 60_000);
    const seconds = String(Math.floor((left % 60_000) / 1000)).padStart(2, '0');
    return html`<div class="hold" part="hold">
      <p>
        ${this.t('hold.kept', {
          time: formatTime(hold.start, this.language),
          date: formatDate(hold.start, this.language, 'full'),
          minutes: this.catalogue!.holdMinutes,
        })}
      </p>
      <p>${this.t('hold.left', { time: `${minutes}:${seconds}` })}</p>
      ${
        this.warned
          ? html`<p class="problem" role="alert">${this.t('hold.warning')}</p>
              ${
                this.confirmKey || this.extendRefused
                  ? nothing
                  : html`<button class="secondary" type="button" @click=${this.extendHold}>
                      ${this.t('hold.extend', { minutes: this.catalogue!.holdMinutes })}
                    </button>`
              }`
          : nothing
      }
    </div>`;
  }

  private renderService() {
    return html`<form class="step" part="form" @submit=${this.onService}>
      <h2 tabindex="-1">${this.t('service.heading')}</h2>
      ${this.busy && !this.catalogue ? html`<p>${this.t('loading')}</p>` : nothing}
      <fieldset>
        <legend class="visually-hidden">${this.t('service.heading')}</legend>
        ${this.services.map(
          (service) =>
            html`<label class="choice">
              <input
                type="radio"
                name="service"
                .checked=${live(this.serviceId === service.id)}
                @change=${() => (this.serviceId = service.id)}
              />
              ${this.text(service.name)}
            </label>`,
        )}
      </fieldset>
      ${this.renderProblem()}
      <div class="actions">
        ${
          this.catalogue || this.busy
            ? html`<button class="primary" type="submit">${this.t('step.next')}</button>`
            : html`<button class="primary" type="button" @click=${this.reloadCatalogue}>
                ${this.t('service.reload')}
              </button>`
        }
      </div>
    </form>`;
  }

  /** The services could not be loaded (no network, the gateway down): the citizen asks again. */
  private reloadCatalogue(): void {
    this.stepFocus.stayOn(); // the button goes while they load: the heading keeps the focus
    void this.loadCatalogue();
  }

  private renderOffice() {
    const service = this.chosenService;
    const offices = (this.catalogue?.offices ?? []).filter((o) => service?.officeIds.includes(o.id));
    return html`<form class="step" part="form" @submit=${this.onOffice}>
      <h2 tabindex="-1">${this.t('office.heading')}</h2>
      <fieldset>
        <legend class="visually-hidden">${this.t('office.heading')}</legend>
        ${offices.map(
          (office) =>
            html`<label class="choice">
              <input
                type="radio"
                name="office"
                .checked=${live(this.officeId === office.id)}
                @change=${() => (this.officeId = office.id)}
              />
              <span>${office.name}<br />${office.address.street}, ${office.address.city}</span>
            </label>`,
        )}
      </fieldset>
      ${this.renderProblem()}
      <div class="actions">
        ${this.service ? nothing : this.renderBack('service')}
        <button class="primary" type="submit">${this.t('step.next')}</button>
      </div>
    </form>`;
  }

  private renderWhen() {
    const office = this.chosenOffice;
    const today = dateInRome(this.api.now());
    // The last day that can be booked: browsing further would only show closed days.
    const lastDay = new Date(
      Date.parse(`${today}T12:00:00Z`) + (this.catalogue?.horizonDays ?? 0) * 86_400_000,
    )
      .toISOString()
      .slice(0, 10);
    return html`<section class="step">
      <h2 tabindex="-1">${this.t('when.heading')}</h2>
      <p>${this.t('when.intro')}</p>
      ${this.notice ? html`<p>${this.notice()}</p>` : nothing} ${this.renderHold()}
      ${
        this.firstFree === null && !this.holdHere
          ? html`<div class="problem" role="alert">
              <p>${this.t('when.nothingFree', { days: this.catalogue?.horizonDays ?? 0 })}</p>
              <p>${office?.name}: ${office?.phone ?? ''} ${office?.email ?? ''}</p>
            </div>`
          : nothing
      }
      <sportello-calendar
        part="calendar"
        heading-level="3"
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
      ></sportello-calendar>
      ${
        this.date && this.slots
          ? html`<h3 id="times-heading" tabindex="-1">
                ${this.t('when.times', { date: formatDate(this.date, this.language, 'full') })}
              </h3>
              ${
                this.listedTimes.length
                  ? html`<ul class="times" part="times">
                      ${this.listedTimes.map((slot) => {
                        const time = formatTime(slot.start, this.language);
                        const held = this.isHeld(slot);
                        return html`<li>
                          <button
                            class=${held ? 'primary' : 'secondary'}
                            type="button"
                            aria-label=${`${time}, ${
                              held ? this.t('when.held') : this.t('when.places', { count: slot.freePlaces })
                            }`}
                            @click=${() => this.chooseTime(slot)}
                          >
                            ${time}${held ? ` (${this.t('when.held')})` : ''}
                          </button>
                        </li>`;
                      })}
                    </ul>`
                  : html`<p>${this.t('when.noTimes')}</p>`
              }`
          : nothing
      }
      ${this.renderProblem()}
      <div class="actions">
        ${
          this.holdHere
            ? html`<button
                class="primary"
                type="button"
                @click=${() => this.chooseTime(heldSlot(this.hold!))}
              >
                ${this.t('when.continue')}
              </button>`
            : nothing
        }
        ${
          this.rescheduling
            ? html`<button class="secondary" type="button" @click=${() => this.goTo('appointment')}>
                ${this.t('step.back')}
              </button>`
            : (this.chosenService?.officeIds.length ?? 0) > 1 && !this.office
              ? this.renderBack('office')
              : this.service
                ? nothing
                : this.renderBack('service')
        }
      </div>
    </section>`;
  }

  private renderDetails() {
    const service = this.chosenService!;
    return html`<form class="step" part="form" novalidate @submit=${this.onDetails}>
      <h2 tabindex="-1">${this.t('details.heading')}</h2>
      ${this.renderHold()}
      <fieldset>
        <legend>${this.t('details.reason')}</legend>
        ${service.reasons.map(
          (reason) =>
            html`<label class="choice">
              <input
                type="radio"
                name="reason"
                .checked=${live(this.reason === reason.id)}
                @change=${() => (this.reason = reason.id)}
              />
              ${this.text(reason.label)}
            </label>`,
        )}
      </fieldset>
      <div class="field">
        <label for="notes">${this.t('details.notes')}</label>
        <p class="hint" id="notes-hint">${this.t('details.notesHint')}</p>
        <textarea
          id="notes"
          maxlength="500"
          aria-describedby="notes-hint"
          .value=${live(this.notes)}
          @input=${(event: InputEvent) => (this.notes = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>
      ${this.renderProblem()}
      <div class="actions">
        ${this.renderBack('when')}
        <button class="primary" type="submit">${this.t('step.next')}</button>
      </div>
    </form>`;
  }

  private renderApplicantField(
    field: ApplicantField,
    label: BookingMessageKey,
    type: string,
    autocomplete: string,
  ) {
    const problem = this.submitted ? this.applicantProblem(field) : '';
    return html`<div class="field">
      <label for=${field}>${this.t(label)}</label>
      <input
        id=${field}
        type=${type}
        autocomplete=${autocomplete}
        .value=${live(this.applicant[field] ?? '')}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `${field}-problem` : nothing}
        @input=${(event: InputEvent) =>
          (this.applicant = { ...this.applicant, [field]: (event.target as HTMLInputElement).value })}
      />
      ${problem ? html`<p id="${field}-problem" class="error">${problem}</p>` : nothing}
    </div>`;
  }

  private renderApplicant() {
    return html`<form class="step" part="form" novalidate @submit=${this.onApplicant}>
      <h2 tabindex="-1">${this.t('applicant.heading')}</h2>
      ${this.renderHold()}
      <p>${this.t('applicant.intro')}</p>
      ${this.prefilled ? html`<p>${this.t('applicant.prefilled')}</p>` : nothing}
      ${this.renderApplicantField('givenName', 'applicant.givenName', 'text', 'given-name')}
      ${this.renderApplicantField('familyName', 'applicant.familyName', 'text', 'family-name')}
      ${this.renderApplicantField('email', 'applicant.email', 'email', 'email')}
      ${this.renderApplicantField('phone', 'applicant.phone', 'tel', 'tel')}
      ${this.renderApplicantField('fiscalCode', 'applicant.fiscalCode', 'text', 'off')}
      ${this.renderProblem()}
      <div class="actions">
        ${this.renderBack('details')}
        <button class="primary" type="submit">${this.t('step.next')}</button>
      </div>
    </form>`;
  }

  private renderWhenText(start: string, end: string) {
    return `${formatDate(start, this.language, 'full')}, ${formatTime(start, this.language)}–${formatTime(end, this.language)}`;
  }

  private renderReview() {
    const service = this.chosenService!;
    const reason = service.reasons.find((r) => r.id === this.reason);
    const change = (step: Step, what: BookingMessageKey) =>
      html`<button class="secondary" type="button" @click=${() => this.goTo(step)}>
        ${this.t('review.change')}<span class="visually-hidden">: ${this.t(what)}</span>
      </button>`;
    const { givenName, familyName, email, phone, fiscalCode } = this.applicant;
    return html`<section class="step">
      <h2 tabindex="-1">${this.t('review.heading')}</h2>
      ${this.renderHold()}
      <dl>
        <dt>${this.t('review.service')}</dt>
        <dd>${this.text(service.name)}</dd>
        <dt>${this.t('review.office')}</dt>
        <dd>${this.officeAddress(this.chosenOffice)}</dd>
        <dt>${this.t('review.when')}</dt>
        <dd>
          ${this.hold ? this.renderWhenText(this.hold.start, this.hold.end) : ''}
          ${change('when', 'review.when')}
        </dd>
        ${
          this.rescheduling
            ? nothing
            : html`<dt>${this.t('review.reason')}</dt>
                <dd>${reason ? this.text(reason.label) : ''} ${change('details', 'review.reason')}</dd>
                ${
                  this.notes.trim()
                    ? html`<dt>${this.t('review.notes')}</dt>
                        <dd>${this.notes.trim()}</dd>`
                    : nothing
                }
                <dt>${this.t('review.applicant')}</dt>
                <dd>
                  ${givenName} ${familyName},
                  ${email}${phone ? `, ${phone}` : ''}${fiscalCode ? `, ${fiscalCode}` : ''}
                  ${change('applicant', 'review.applicant')}
                </dd>`
        }
      </dl>
      ${this.renderProblem()}
      <div class="actions">
        <button
          class="primary"
          type="button"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${this.rescheduling ? this.moveAppointment : this.confirm}
        >
          ${
            this.busy
              ? this.t('review.confirming')
              : this.t(this.rescheduling ? 'appointment.moveConfirm' : 'review.confirm')
          }
        </button>
      </div>
    </section>`;
  }

  private renderConfirmation() {
    const appointment = this.appointment!;
    const service = this.serviceById(appointment.service);
    return html`<section class="step" part="confirmation">
      <h2 tabindex="-1">${this.t('confirmation.heading')}</h2>
      <p>${this.t('confirmation.sent', { email: this.applicant.email })}</p>
      <dl>
        <dt>${this.t('confirmation.reference')}</dt>
        <dd>${appointment.reference}</dd>
        <dt>${this.t('review.when')}</dt>
        <dd>${this.renderWhenText(appointment.start, appointment.end)}</dd>
        <dt>${this.t('confirmation.where')}</dt>
        <dd>${this.officeAddress(this.officeById(appointment.office))}</dd>
      </dl>
      <div class="code">
        <p>${this.t('confirmation.code')}: <strong>${this.manageCode}</strong></p>
        <p>${this.t('confirmation.codeHint')}</p>
      </div>
      ${
        service?.documents.length
          ? html`<h3>${this.t('confirmation.bring')}</h3>
              <ul class="plain">
                ${service.documents.map((document) => html`<li>${this.text(document)}</li>`)}
              </ul>`
          : nothing
      }
      <p>
        <a class="button secondary" href=${this.icsUrl} download="appuntamento-${appointment.reference}.ics"
          >${this.t('confirmation.calendar')}</a
        >
      </p>
      <sportello-qr value=${this.manageLink()} label=${this.t('confirmation.qr')}
        >${this.t('confirmation.qr')}</sportello-qr
      >
      <div class="actions">
        <button class="secondary" type="button" @click=${this.startOver}>
          ${this.t('confirmation.another')}
        </button>
      </div>
    </section>`;
  }

  private renderManage() {
    const referenceProblem = this.submitted ? this.manageProblem('reference') : '';
    const codeProblem = this.submitted ? this.manageProblem('code') : '';
    return html`<form class="step" part="form" novalidate @submit=${this.onManage}>
      <h2 tabindex="-1">${this.t('manage.heading')}</h2>
      <p>${this.t('manage.intro')}</p>
      <div class="field">
        <label for="reference">${this.t('manage.reference')}</label>
        <input
          id="reference"
          autocomplete="off"
          spellcheck="false"
          .value=${live(this.referenceInput)}
          aria-invalid=${referenceProblem ? 'true' : 'false'}
          aria-describedby=${referenceProblem ? 'reference-problem' : nothing}
          @input=${(event: InputEvent) => (this.referenceInput = (event.target as HTMLInputElement).value)}
        />
        ${referenceProblem ? html`<p id="reference-problem" class="error">${referenceProblem}</p>` : nothing}
      </div>
      <div class="field">
        <label for="code">${this.t('manage.code')}</label>
        <input
          id="code"
          autocomplete="off"
          spellcheck="false"
          .value=${live(this.codeInput)}
          aria-invalid=${codeProblem ? 'true' : 'false'}
          aria-describedby=${codeProblem ? 'code-problem' : nothing}
          @input=${(event: InputEvent) => (this.codeInput = (event.target as HTMLInputElement).value)}
        />
        ${codeProblem ? html`<p id="code-problem" class="error">${codeProblem}</p>` : nothing}
      </div>
      ${this.renderProblem()}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.t('manage.find')}
        </button>
      </div>
    </form>`;
  }

  private renderAppointment() {
    const appointment = this.appointment!;
    const service = this.serviceById(appointment.service);
    const cancelled = appointment.status === 'cancelled';
    // The gateway refuses to cancel or move an appointment once it has started: not offered then.
    const past = this.started || Date.parse(appointment.start) <= this.api.now();
    return html`<section class="step">
      <h2 tabindex="-1">${this.t('appointment.heading')}</h2>
      ${this.notice ? html`<p>${this.notice()}</p>` : nothing}
      <dl>
        <dt>${this.t('confirmation.reference')}</dt>
        <dd>${appointment.reference}</dd>
        <dt>${this.t('appointment.status')}</dt>
        <dd>${this.t(cancelled ? 'appointment.cancelledState' : 'appointment.confirmed')}</dd>
        <dt>${this.t('review.service')}</dt>
        <dd>${service ? this.text(service.name) : appointment.service}</dd>
        <dt>${this.t('review.when')}</dt>
        <dd>${this.renderWhenText(appointment.start, appointment.end)}</dd>
        <dt>${this.t('confirmation.where')}</dt>
        <dd>${this.officeAddress(this.officeById(appointment.office))}</dd>
        <dt>${this.t('appointment.for')}</dt>
        <dd>${appointment.initials}</dd>
      </dl>
      ${this.renderProblem()}
      ${
        cancelled
          ? nothing
          : past
            ? html`<p>${this.t('appointment.past')}</p>`
            : this.confirmCancel
              ? html`<div class="problem" role="alert">
                  <p>${this.t('appointment.cancelQuestion')}</p>
                  <div class="actions">
                    <button id="cancel-confirm" class="primary" type="button" @click=${this.cancel}>
                      ${this.t('appointment.cancelConfirm')}
                    </button>
                    <button class="secondary" type="button" @click=${this.keepAppointment}>
                      ${this.t('appointment.keep')}
                    </button>
                  </div>
                </div>`
              : html`<div class="actions">
                  <button class="secondary" type="button" @click=${this.startReschedule}>
                    ${this.t('appointment.reschedule')}
                  </button>
                  <button id="cancel-appointment" class="secondary" type="button" @click=${this.askCancel}>
                    ${this.t('appointment.cancel')}
                  </button>
                </div>`
      }
      <div class="actions">
        <button class="secondary" type="button" @click=${this.finishManaging}>
          ${this.t('appointment.done')}
        </button>
      </div>
    </section>`;
  }
}
