// The steps after the day and time: why, who, check and confirm, and the confirmation. Loaded
// while the citizen chooses a day, so that a page showing the booking widget does not download
// them before anyone needs them.
import {
  ApiError,
  emit,
  LocalizeController,
  now,
  WriteAttempt,
  type ApiClient,
  type Schemas,
  type StepFlow,
} from '@sportello/core';
import { validateCodiceFiscale, validatePersonName, validationMessages } from '@sportello/core/validators';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import '@sportello/core/qr';
import type { AppointmentTimes } from './appointment-times.js';
import { icsEvent } from './ics.js';
import { groupedCode, officeAddress, whenText } from './format.js';
import { renderPhoneStep } from './phone-step.js';
import type { bookingMessages, BookingMessageKey } from './messages.js';

type Applicant = Schemas['Applicant'];
type ApplicantField = keyof Applicant;
type Service = Schemas['BookingService'];
type Office = Schemas['Office'];
export type FinishStep = 'details' | 'applicant' | 'review' | 'phone' | 'confirmation';
/** The steps with the time held, from which a kiosk offers to continue on the phone. */
type HoldingStep = 'details' | 'applicant' | 'review';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+?[0-9 ]{6,19}$/;
const MISSING: Partial<Record<ApplicantField, BookingMessageKey>> = {
  givenName: 'applicant.givenNameMissing',
  familyName: 'applicant.familyNameMissing',
  email: 'applicant.emailMissing',
};

export interface BookingFinishOptions {
  flow: StepFlow<string>;
  times: AppointmentTimes;
  api: () => ApiClient;
  i18n: LocalizeController<(typeof bookingMessages)['it']>;
  service: () => Service | undefined;
  office: () => Office | undefined;
  serviceById: (id: string) => Service | undefined;
  officeById: (id: string) => Office | undefined;
  /** Whether the page hands over the citizen's token: the applicant's details are then pre-filled. */
  signedIn: () => boolean;
  /** The page where appointments are managed, which the confirmation's link and QR code open. */
  manageUrl: () => string;
  /** "Book another appointment". */
  another: () => void;
  /** At a kiosk, its key: the citizen may continue on their phone. */
  kioskKey: () => string | undefined;
  /** The booking's public page, which the "continue on your phone" code opens. */
  phoneUrl: () => string;
  /** "I have finished" after handing the time over to the phone. */
  handedOff: () => void;
}

/**
 * The booking's last steps and what they hold: the reason and notes, the applicant's details, the
 * confirmation with its manage code and calendar file. `reset()` leaves none of it.
 */
export class BookingFinish implements ReactiveController {
  reason = '';
  notes = '';
  applicant: Applicant = { givenName: '', familyName: '', email: '' };
  submitted = false;
  prefilled = false;
  appointment?: Schemas['Appointment'];
  manageCode = '';
  /** The .ics file of the confirmation, as an object URL: remade when the element comes back. */
  icsUrl = '';
  /** Confirming the held time: one Idempotency-Key per hold, so a lost answer never books twice. */
  readonly confirmation = new WriteAttempt<string>();
  /** The hand-off code shown at the kiosk, and the step the citizen asked for it from. */
  handOff?: { code: Schemas['HandOff']; from: HoldingStep };
  /** The code is being asked for: the offer's button says so. */
  private preparingCode = false;
  private readonly validation: LocalizeController<(typeof validationMessages)['it']>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: BookingFinishOptions,
  ) {
    this.validation = new LocalizeController(host, validationMessages);
    host.addController(this);
  }

  private t(key: BookingMessageKey, params?: Record<string, string | number>): string {
    return this.options.i18n.t(key, params as never);
  }

  private text(value: Schemas['LocalizedText']): string {
    return value[this.options.i18n.language];
  }

  private changed(): void {
    this.host.requestUpdate();
  }

  hostConnected(): void {
    if (this.appointment && this.manageCode) this.makeIcs();
  }

  hostDisconnected(): void {
    if (this.icsUrl) URL.revokeObjectURL(this.icsUrl);
  }

  /** Nothing of the citizen's: details, appointment, codes, calendar file. */
  reset(): void {
    this.reason = '';
    this.notes = '';
    this.applicant = { givenName: '', familyName: '', email: '' };
    this.submitted = false;
    this.prefilled = false;
    this.appointment = undefined;
    this.manageCode = '';
    this.handOff = undefined;
    this.preparingCode = false;
    this.confirmation.forget();
    if (this.icsUrl) URL.revokeObjectURL(this.icsUrl);
    this.icsUrl = '';
    this.changed();
  }

  /** The service's first reason, unless the one chosen is one of its own. */
  chooseDefaultReason(service: Service): void {
    if (!service.reasons.some((r) => r.id === this.reason)) this.reason = service.reasons[0]!.id;
  }

  private applicantProblem(field: ApplicantField): string {
    const value = (this.applicant[field] ?? '').trim();
    if (!value) return MISSING[field] ? this.t(MISSING[field]) : '';
    if (field === 'email' && !EMAIL.test(value)) return this.t('applicant.emailInvalid');
    if (field === 'phone' && !PHONE.test(value)) return this.t('applicant.phoneInvalid');
    // Names greet the citizen in the Comune's emails: the gateway takes names only (the same rule).
    if (field === 'givenName' || field === 'familyName' || field === 'fiscalCode') {
      const check = field === 'fiscalCode' ? validateCodiceFiscale(value) : validatePersonName(value);
      const error = check.problems.find((p) => p.severity === 'error');
      if (error) return this.validation.t(error.messageKey, error.params);
    }
    return '';
  }

  private async prefill(): Promise<void> {
    if (!this.options.signedIn() || this.prefilled) return;
    try {
      const me = await this.options.api().get('/api/me');
      this.applicant = {
        ...this.applicant,
        givenName: this.applicant.givenName || me.givenName,
        familyName: this.applicant.familyName || me.familyName,
        fiscalCode: this.applicant.fiscalCode || me.fiscalCode,
      };
      this.prefilled = true;
      this.changed();
    } catch {
      // Not signed in after all: the citizen types the details.
    }
  }

  private readonly onDetails = (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.reason) {
      this.options.flow.showProblem(() => this.t('details.reasonMissing'));
      return;
    }
    void this.prefill();
    this.options.flow.goTo('applicant');
  };

  private readonly onApplicant = (event: SubmitEvent) => {
    event.preventDefault();
    this.submitted = true;
    this.changed();
    const fields: ApplicantField[] = ['givenName', 'familyName', 'email', 'phone', 'fiscalCode'];
    const wrong = fields.find((field) => this.applicantProblem(field));
    if (wrong) void this.options.flow.focus(`#${wrong}`);
    else this.options.flow.goTo('review');
  };

  private readonly confirm = async () => {
    const { flow, times } = this.options;
    if (flow.busy || !times.hold.current) return;
    flow.showProblem(undefined);
    const { phone, fiscalCode, ...required } = this.applicant;
    try {
      const answer = await flow.whileBusy('busy', async () => {
        // Settled first: a hold it makes is a new booking to confirm, with a key of its own.
        await times.hold.settle();
        const hold = times.hold.current!;
        return this.confirmation.send(hold.id, (idempotencyKey) =>
          this.options.api().post('/api/booking/appointments', {
            body: {
              holdId: hold.id,
              reason: this.reason,
              ...(this.notes.trim() ? { notes: this.notes.trim() } : {}),
              applicant: {
                ...required,
                ...(phone?.trim() ? { phone: phone.trim() } : {}),
                ...(fiscalCode?.trim() ? { fiscalCode: fiscalCode.trim().toUpperCase() } : {}),
              },
              language: this.options.i18n.language,
            },
            idempotencyKey,
          }),
        );
      });
      this.booked(answer.appointment, answer.manageCode);
    } catch (error) {
      flow.showError(error, (e) => times.ownWords(e));
      if (error instanceof ApiError && error.code === 'hold-expired') await times.expired();
    }
  };

  private booked(appointment: Schemas['Appointment'], manageCode: string): void {
    this.appointment = appointment;
    this.manageCode = manageCode;
    this.options.times.hold.lapse(); // it is an appointment now
    this.makeIcs();
    this.options.flow.goTo('confirmation');
    emit(this.host, 'sportello-booking-confirmed', {
      reference: appointment.reference,
      service: appointment.service,
      start: appointment.start,
    });
  }

  private makeIcs(): void {
    const appointment = this.appointment!;
    const service = this.options.serviceById(appointment.service);
    const ics = icsEvent({
      uid: `${appointment.reference}@sportello`,
      start: appointment.start,
      end: appointment.end,
      stamp: now(),
      summary: service ? this.text(service.name) : appointment.service,
      location: officeAddress(this.options.officeById(appointment.office)),
      description: [
        `${this.t('confirmation.reference')}: ${appointment.reference}`,
        ...(service?.documents.length
          ? [`${this.t('confirmation.bring')}: ${service.documents.map((d) => this.text(d)).join('; ')}`]
          : []),
      ].join('\n'),
    });
    if (this.icsUrl) URL.revokeObjectURL(this.icsUrl);
    this.icsUrl = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
    this.changed();
  }

  /** The managing page with the reference and code in the fragment: never sent to a server. */
  private manageLink(): string {
    const url = new URL(this.options.manageUrl() || location.href, location.href);
    url.hash = new URLSearchParams({
      reference: this.appointment!.reference,
      code: this.manageCode,
    }).toString();
    return url.toString();
  }

  /**
   * "Continue on your phone" (at a kiosk): a code for the hold from the gateway, shown in a QR.
   * From then on the hold is the phone's to finish: the kiosk never gives it back (see SlotHold).
   */
  private async continueOnPhone(from: HoldingStep): Promise<void> {
    const { flow, times } = this.options;
    const kioskKey = this.options.kioskKey();
    if (flow.busy || !kioskKey || !times.hold.current) return;
    flow.showProblem(undefined);
    this.preparingCode = true;
    try {
      const code = await flow.whileBusy('busy', () => times.hold.handOff(kioskKey));
      this.preparingCode = false;
      this.handOff = { code, from };
      flow.goTo('phone');
    } catch (error) {
      this.preparingCode = false;
      flow.showError(error, (e) =>
        e instanceof ApiError && e.code === 'unauthorized' ? this.t('phone.unavailable') : times.ownWords(e),
      );
      // Run out, or given back meanwhile: as any hold that ran out.
      if (error instanceof ApiError && error.code === 'hold-not-found') await times.expired();
    }
  }

  /** At a kiosk, on the steps with the time held: the offer to continue on the phone. */
  private renderPhoneOffer(from: HoldingStep) {
    const { flow, times } = this.options;
    if (!this.options.kioskKey() || !times.hold.current) return nothing;
    return html`<div class="phone-offer">
      <p>${this.t('phone.offerText')}</p>
      <button
        class="secondary"
        type="button"
        aria-disabled=${flow.busy ? 'true' : 'false'}
        @click=${() => void this.continueOnPhone(from)}
      >
        ${this.preparingCode ? this.t('phone.preparing') : this.t('phone.offer')}
      </button>
    </div>`;
  }

  private renderPhone() {
    const { flow, times, i18n } = this.options;
    const hold = times.hold.current;
    const handOff = this.handOff;
    if (!hold || !handOff) return nothing;
    return renderPhoneStep({
      flow,
      i18n,
      hold,
      handOff: handOff.code,
      page: this.options.phoneUrl(),
      stay: () => flow.goTo(handOff.from),
      done: this.options.handedOff,
    });
  }

  private back(step: 'when' | 'details' | 'applicant') {
    return html`<button class="secondary" type="button" @click=${() => this.options.flow.goTo(step)}>
      ${this.t('step.back')}
    </button>`;
  }

  render(step: FinishStep) {
    switch (step) {
      case 'details':
        return this.renderDetails();
      case 'applicant':
        return this.renderApplicant();
      case 'review':
        return this.renderReview();
      case 'phone':
        return this.renderPhone();
      case 'confirmation':
        return this.renderConfirmation();
    }
  }

  private renderDetails() {
    const { flow, times } = this.options;
    const service = this.options.service()!;
    return html`<form class="step" part="form" novalidate @submit=${this.onDetails}>
      ${flow.heading(this.t('details.heading'))} ${times.renderHold(this.renderPhoneOffer('details'))}
      <fieldset>
        <legend>${this.t('details.reason')}</legend>
        ${service.reasons.map(
          (reason) =>
            html`<label class="choice">
              <input
                type="radio"
                name="reason"
                .checked=${live(this.reason === reason.id)}
                @change=${() => {
                  this.reason = reason.id;
                  this.changed();
                }}
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
          @input=${(event: InputEvent) => {
            this.notes = (event.target as HTMLTextAreaElement).value;
            this.changed();
          }}
        ></textarea>
      </div>
      ${flow.renderProblem()}
      <div class="actions">
        ${this.back('when')}
        <button class="primary" type="submit">${this.t('step.next')}</button>
      </div>
    </form>`;
  }

  private renderField(field: ApplicantField, label: BookingMessageKey, type: string, autocomplete: string) {
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
        @input=${(event: InputEvent) => {
          this.applicant = { ...this.applicant, [field]: (event.target as HTMLInputElement).value };
          this.changed();
        }}
      />
      ${problem ? html`<p id="${field}-problem" class="error">${problem}</p>` : nothing}
    </div>`;
  }

  private renderApplicant() {
    const { flow, times } = this.options;
    return html`<form class="step" part="form" novalidate @submit=${this.onApplicant}>
      ${flow.heading(this.t('applicant.heading'))} ${times.renderHold(this.renderPhoneOffer('applicant'))}
      <p>${this.t('applicant.intro')}</p>
      ${this.prefilled ? html`<p>${this.t('applicant.prefilled')}</p>` : nothing}
      ${this.renderField('givenName', 'applicant.givenName', 'text', 'given-name')}
      ${this.renderField('familyName', 'applicant.familyName', 'text', 'family-name')}
      ${this.renderField('email', 'applicant.email', 'email', 'email')}
      ${this.renderField('phone', 'applicant.phone', 'tel', 'tel')}
      ${this.renderField('fiscalCode', 'applicant.fiscalCode', 'text', 'off')} ${flow.renderProblem()}
      <div class="actions">
        ${this.back('details')}
        <button class="primary" type="submit">${this.t('step.next')}</button>
      </div>
    </form>`;
  }

  private renderReview() {
    const { flow, times } = this.options;
    const service = this.options.service()!;
    const reason = service.reasons.find((r) => r.id === this.reason);
    const language = this.options.i18n.language;
    const hold = times.hold.current;
    const change = (step: 'when' | 'details' | 'applicant', what: BookingMessageKey) =>
      html`<button class="secondary" type="button" @click=${() => flow.goTo(step)}>
        ${this.t('review.change')}<span class="visually-hidden">: ${this.t(what)}</span>
      </button>`;
    const { givenName, familyName, email, phone, fiscalCode } = this.applicant;
    return html`<section class="step">
      ${flow.heading(this.t('review.heading'))} ${times.renderHold(this.renderPhoneOffer('review'))}
      <dl>
        <dt>${this.t('review.service')}</dt>
        <dd>${this.text(service.name)}</dd>
        <dt>${this.t('review.office')}</dt>
        <dd>${officeAddress(this.options.office())}</dd>
        <dt>${this.t('review.when')}</dt>
        <dd>${hold ? whenText(hold.start, hold.end, language) : ''} ${change('when', 'review.when')}</dd>
        <dt>${this.t('review.reason')}</dt>
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
        </dd>
      </dl>
      ${flow.renderProblem()}
      <div class="actions">
        <button
          class="primary"
          type="button"
          aria-disabled=${flow.busy ? 'true' : 'false'}
          @click=${this.confirm}
        >
          ${flow.busy ? this.t('review.confirming') : this.t('review.confirm')}
        </button>
      </div>
    </section>`;
  }

  private renderConfirmation() {
    const flow = this.options.flow;
    const appointment = this.appointment!;
    const service = this.options.serviceById(appointment.service);
    const language = this.options.i18n.language;
    return html`<section class="step" part="confirmation">
      ${flow.heading(this.t('confirmation.heading'))}
      <p>${this.t('confirmation.sent', { email: this.applicant.email })}</p>
      <dl>
        <dt>${this.t('confirmation.reference')}</dt>
        <dd>${appointment.reference}</dd>
        <dt>${this.t('review.when')}</dt>
        <dd>${whenText(appointment.start, appointment.end, language)}</dd>
        <dt>${this.t('confirmation.where')}</dt>
        <dd>${officeAddress(this.options.officeById(appointment.office))}</dd>
      </dl>
      <div class="code">
        <p>${this.t('confirmation.code')}: <strong>${groupedCode(this.manageCode)}</strong></p>
        <p>${this.t('confirmation.codeHint')}</p>
      </div>
      ${
        service?.documents.length
          ? html`${flow.subheading(this.t('confirmation.bring'))}
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
      ${this.renderManageLink()}
      <div class="actions">
        <button class="secondary" type="button" @click=${this.options.another}>
          ${this.t('confirmation.another')}
        </button>
      </div>
    </section>`;
  }

  /**
   * How to manage the appointment from a phone: a QR code to scan, on a screen a phone can scan
   * (a computer, a kiosk); on a phone itself, which cannot scan its own screen, the link.
   */
  private renderManageLink() {
    const link = this.manageLink();
    return matchMedia('(pointer: coarse) and (max-width: 40rem)').matches
      ? html`<p><a href=${link}>${this.t('confirmation.manageLink')}</a></p>`
      : html`<sportello-qr value=${link} label=${this.t('confirmation.qr')}
          >${this.t('confirmation.qr')}</sportello-qr
        >`;
  }
}
