import {
  ApiError,
  apiClientFor,
  baseStyles,
  emit,
  formStyles,
  LocalizeController,
  SportelloElement,
  StepFlow,
  WriteAttempt,
  type CitizenTokenSource,
  type Schemas,
} from '@sportello/core';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { AppointmentTimes } from '../booking/appointment-times.js';
import { bookingStyles } from '../booking/booking.styles.js';
import { officeAddress, whenText } from '../booking/format.js';
import { answersManageLink, forgetManageLink, manageLinkIn } from '../booking/manage-link.js';
import { bookingMessages, type BookingMessageKey } from '../booking/messages.js';

type Step = 'find' | 'appointment' | 'when' | 'review';
type Appointment = Schemas['Appointment'];

const REFERENCE = /^[A-Z0-9]{2,12}-[0-9A-Z]{6}$/;
const MANAGE_CODE = /^[0-9A-Z]{16}$/;

/**
 * Manages a counter appointment with no account: the citizen finds it by its reference and manage
 * code (typed, or from the manage link of the confirmation's QR code, which carries both in the
 * address's fragment, never sent to a server, and is taken out of the address once read), and
 * cancels it or moves it to another time (the new time is held first; the old one is freed only
 * when the move is confirmed) until it starts. The page shows the applicant's initials only.
 *
 * On a page with several booking elements, only one answers a manage link: the first managing one.
 *
 * @tagname sportello-booking-manage
 * @summary Find, cancel or move a counter appointment with its reference and manage code.
 *
 * @fires sportello-booking-confirmed - The appointment was moved: `{ reference, service, start }`, no personal data.
 * @fires sportello-step-change - Another step is shown: `{ step }` (`find`, `appointment`, `when`, `review`).
 * @fires sportello-announcement - The element says something to screen readers: `{ text }`.
 *
 * @attr heading-level - The level of the steps' headings, 2 to 6 (default 2).
 *
 * @csspart form - The form to find the appointment.
 * @csspart calendar - The month grid, when moving the appointment.
 * @csspart times - The free times of the chosen day, when moving.
 * @csspart hold - The notice of how long the new time is held.
 */
export class SportelloBookingManage extends SportelloElement {
  static override styles = [baseStyles, formStyles, bookingStyles];

  /**
   * How the host page gives the signed-in citizen's token, if it has one (see `CitizenTokenSource`):
   * a property, never an attribute.
   */
  @property({ attribute: false }) getToken?: CitizenTokenSource;

  @state() private catalogue?: Schemas['BookingCatalogue'];
  @state() private appointment?: Appointment;
  @state() private referenceInput = '';
  @state() private codeInput = '';
  @state() private submitted = false;
  @state() private confirmCancel = false;
  /** The gateway said the appointment has started: by its clock, which may be ahead of this device's. */
  @state() private started = false;
  /** News within the appointment step (cancelled, moved), said in the current language. */
  @state() private notice?: () => string;

  /** Moving to the time held: one Idempotency-Key per hold, so a lost answer never moves twice. */
  private readonly move = new WriteAttempt<string>();
  private readonly i18n = new LocalizeController(this, bookingMessages);
  private readonly flow = new StepFlow<Step>(this, { first: 'find' });
  private readonly times = new AppointmentTimes(this, {
    flow: this.flow,
    api: () => this.api,
    i18n: this.i18n,
    catalogue: () => this.catalogue,
    holdInUse: () => this.flow.step === 'when' || this.flow.step === 'review',
    goOn: () => this.flow.goTo('review'),
    confirming: () => this.move.unanswered,
  });

  private get api() {
    return this.flow.client(apiClientFor(this, { token: this.getToken }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) return; // moved in the page: the citizen carries on where they were
    const link = manageLinkIn(location);
    if (link && answersManageLink(this)) {
      this.referenceInput = link.reference;
      this.codeInput = link.code;
      forgetManageLink();
      void this.findAppointment();
    }
    void this.loadCatalogue();
  }

  /**
   * Back to finding an appointment, with the appointment and both codes off the screen (the code
   * cancels the appointment), a new time held for it let go and requests in flight abandoned.
   * "I have finished" uses it, and a kiosk calls it at the end of each citizen's session.
   */
  reset(): void {
    this.startAfresh(false);
  }

  /**
   * Gives back the new time held for the appointment, if any, and resolves once the gateway has
   * answered, or could not be reached. A kiosk calls it at the end of a session, before `reset()`.
   * Never rejects.
   */
  async releaseHold(): Promise<void> {
    await this.times.releaseHold();
  }

  private readonly finishManaging = () => this.startAfresh(true);

  private startAfresh(focus: boolean): void {
    this.flow.reset({ focus });
    this.times.reset();
    this.move.forget();
    this.appointment = undefined;
    this.referenceInput = '';
    this.codeInput = '';
    this.submitted = false;
    this.confirmCancel = false;
    this.started = false;
    this.notice = undefined;
  }

  private t(key: BookingMessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params as never);
  }

  private text(value: Schemas['LocalizedText']): string {
    return value[this.i18n.language];
  }

  private serviceById(id: string) {
    return this.catalogue?.services.find((s) => s.id === id);
  }

  private officeById(id: string) {
    return this.catalogue?.offices.find((o) => o.id === id);
  }

  /** The manage step's own words for the gateway's answers; core's for anything else. */
  private ownWords = (error: unknown): string | undefined => {
    if (error instanceof ApiError && error.code === 'appointment-not-found') return this.t('manage.notFound');
    if (error instanceof ApiError && error.code === 'rate-limited') {
      return this.t('manage.tooMany', { minutes: Math.ceil((error.problem.retryAfterSeconds ?? 900) / 60) });
    }
    return this.times.ownWords(error);
  };

  private async loadCatalogue(): Promise<void> {
    try {
      this.catalogue = await this.api.get('/api/booking/services');
    } catch {
      // Names of services and offices only: the appointment shows its ids meanwhile.
    }
  }

  private readonly onFind = async (event: SubmitEvent) => {
    event.preventDefault();
    this.submitted = true;
    const wrong = (['reference', 'code'] as const).find((field) => this.problemOf(field));
    // The field, with its problem as its description, is what the screen reader reads next.
    if (wrong) await this.flow.focus(`#${wrong}`);
    else await this.findAppointment();
  };

  private problemOf(field: 'reference' | 'code'): string {
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
    this.flow.showProblem(undefined);
    try {
      this.appointment = await this.flow.whileBusy('busy', () =>
        this.api.get('/api/booking/appointments/{reference}', {
          params: { reference: this.referenceInput.trim().toUpperCase() },
          headers: this.manageHeaders,
        }),
      );
      this.started = false;
      this.flow.goTo('appointment');
    } catch (error) {
      this.flow.showError(error, this.ownWords);
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

  private readonly cancel = async () => {
    if (this.flow.busy || !this.appointment) return;
    const { reference } = this.appointment;
    try {
      this.appointment = await this.flow.whileBusy('busy', () =>
        this.api.delete('/api/booking/appointments/{reference}', {
          params: { reference },
          headers: this.manageHeaders,
        }),
      );
      this.confirmCancel = false;
      this.notice = () => this.t('appointment.cancelled');
      this.flow.stayOn(this.notice()); // the buttons the focus was on are gone
    } catch (error) {
      if (this.startedMeanwhile(error)) this.flow.stayOn(this.t('appointment.past'));
      else this.flow.showError(error, this.ownWords);
    }
  };

  /** Asks before cancelling: the question's first button takes the focus of the one it replaces. */
  private readonly askCancel = async () => {
    this.confirmCancel = true;
    await this.flow.focus('#cancel-confirm');
  };

  /** Keeps the appointment: the focus goes back to the button that asked. */
  private readonly keepAppointment = async () => {
    this.confirmCancel = false;
    await this.flow.focus('#cancel-appointment');
  };

  private readonly startMove = async () => {
    this.notice = undefined;
    const { service, office } = this.appointment!;
    this.flow.goTo('when');
    await this.times.open(service, office);
  };

  private readonly moveHere = async () => {
    const hold = this.times.hold;
    if (this.flow.busy || !hold.current || !this.appointment) return;
    const { reference } = this.appointment;
    try {
      const moved = await this.flow.whileBusy('busy', async () => {
        await hold.settle(); // a hold it makes is the time to move to, with a key of its own
        const holdId = hold.current!.id;
        return this.move.send(holdId, (idempotencyKey) =>
          this.api.post('/api/booking/appointments/{reference}/reschedule', {
            params: { reference },
            headers: this.manageHeaders,
            body: { holdId },
            idempotencyKey,
          }),
        );
      });
      this.appointment = moved;
      hold.lapse(); // it is the appointment's time now
      this.notice = () => this.t('appointment.moved');
      this.flow.goTo('appointment');
      emit(this, 'sportello-booking-confirmed', {
        reference: moved.reference,
        service: moved.service,
        start: moved.start,
      });
    } catch (error) {
      if (this.startedMeanwhile(error)) {
        // Nothing to move any more: back to the appointment, which says why. The new time's hold
        // runs out by itself.
        hold.lapse();
        this.flow.goTo('appointment');
        return;
      }
      this.flow.showError(error, this.ownWords);
      if (error instanceof ApiError && error.code === 'hold-expired') await this.times.expired();
    }
  };

  protected override render() {
    const step = this.flow.step;
    const content =
      step === 'find'
        ? this.renderFind()
        : step === 'appointment'
          ? this.renderAppointment()
          : step === 'when'
            ? this.times.render(this.officeById(this.appointment!.office), this.renderBack())
            : this.renderReview();
    return html`${content} ${this.flow.renderStatus()}`;
  }

  private renderBack() {
    return html`<button class="secondary" type="button" @click=${() => this.flow.goTo('appointment')}>
      ${this.t('step.back')}
    </button>`;
  }

  private renderField(id: 'reference' | 'code', label: BookingMessageKey, value: string) {
    const problem = this.submitted ? this.problemOf(id) : '';
    return html`<div class="field">
      <label for=${id}>${this.t(label)}</label>
      <input
        id=${id}
        autocomplete="off"
        spellcheck="false"
        .value=${live(value)}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `${id}-problem` : nothing}
        @input=${(event: InputEvent) => {
          const text = (event.target as HTMLInputElement).value;
          if (id === 'reference') this.referenceInput = text;
          else this.codeInput = text;
        }}
      />
      ${problem ? html`<p id="${id}-problem" class="error">${problem}</p>` : nothing}
    </div>`;
  }

  private renderFind() {
    return html`<form class="step" part="form" novalidate @submit=${this.onFind}>
      ${this.flow.heading(this.t('manage.heading'))}
      <p>${this.t('manage.intro')}</p>
      ${this.renderField('reference', 'manage.reference', this.referenceInput)}
      ${this.renderField('code', 'manage.code', this.codeInput)} ${this.flow.renderProblem()}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.flow.busy ? 'true' : 'false'}>
          ${this.t('manage.find')}
        </button>
      </div>
    </form>`;
  }

  private renderFacts(appointment: Appointment) {
    const service = this.serviceById(appointment.service);
    return html`<dt>${this.t('review.service')}</dt>
      <dd>${service ? this.text(service.name) : appointment.service}</dd>
      <dt>${this.t('review.when')}</dt>
      <dd>${whenText(appointment.start, appointment.end, this.i18n.language)}</dd>
      <dt>${this.t('confirmation.where')}</dt>
      <dd>${officeAddress(this.officeById(appointment.office))}</dd>`;
  }

  private renderAppointment() {
    const appointment = this.appointment!;
    const cancelled = appointment.status === 'cancelled';
    // The gateway refuses to cancel or move an appointment once it has started: not offered then.
    const past = this.started || Date.parse(appointment.start) <= this.api.now();
    return html`<section class="step">
      ${this.flow.heading(this.t('appointment.heading'))}
      ${this.notice ? html`<p>${this.notice()}</p>` : nothing}
      <dl>
        <dt>${this.t('confirmation.reference')}</dt>
        <dd>${appointment.reference}</dd>
        <dt>${this.t('appointment.status')}</dt>
        <dd>${this.t(cancelled ? 'appointment.cancelledState' : 'appointment.confirmed')}</dd>
        ${this.renderFacts(appointment)}
        <dt>${this.t('appointment.for')}</dt>
        <dd>${appointment.initials}</dd>
      </dl>
      ${this.flow.renderProblem()}
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
                  <button class="secondary" type="button" @click=${this.startMove}>
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

  private renderReview() {
    const hold = this.times.hold.current;
    const appointment = this.appointment!;
    const service = this.serviceById(appointment.service);
    return html`<section class="step">
      ${this.flow.heading(this.t('review.heading'))} ${this.times.renderHold()}
      <dl>
        <dt>${this.t('review.service')}</dt>
        <dd>${service ? this.text(service.name) : appointment.service}</dd>
        <dt>${this.t('review.office')}</dt>
        <dd>${officeAddress(this.officeById(appointment.office))}</dd>
        <dt>${this.t('review.when')}</dt>
        <dd>
          ${hold ? whenText(hold.start, hold.end, this.i18n.language) : ''}
          <button class="secondary" type="button" @click=${() => this.flow.goTo('when')}>
            ${this.t('review.change')}<span class="visually-hidden">: ${this.t('review.when')}</span>
          </button>
        </dd>
      </dl>
      ${this.flow.renderProblem()}
      <div class="actions">
        <button
          class="primary"
          type="button"
          aria-disabled=${this.flow.busy ? 'true' : 'false'}
          @click=${this.moveHere}
        >
          ${this.flow.busy ? this.t('review.confirming') : this.t('appointment.moveConfirm')}
        </button>
      </div>
    </section>`;
  }
}
