import {
  ApiError,
  apiClientFor,
  baseStyles,
  emit,
  isRefusal,
  formStyles,
  headingLevelOf,
  LocalizeController,
  NetworkError,
  SportelloElement,
  StepFlow,
  type CitizenTokenSource,
  type Schemas,
} from '@sportello/core';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { AppointmentTimes } from './appointment-times.js';
import type { BookingFinish, FinishStep } from './booking-finish.js';
import { bookingStyles } from './booking.styles.js';
import { forgetHandOffLink, handOffLinkIn, handOffOwner, type HandOffLink } from './hand-off.js';
import { manageLinkIn, manageLinkOwner } from './manage-link.js';
import { bookingMessages, type BookingMessageKey } from './messages.js';

type Service = Schemas['BookingService'];
type Office = Schemas['Office'];
type Step = 'service' | 'office' | 'when' | 'claim' | FinishStep;

/** The booking steps of the national "Modello Comuni" flow, in order. */
const BOOKING_STEPS: Step[] = ['service', 'office', 'when', 'details', 'applicant', 'review'];
/** The steps on the way to confirming a held time: where its running out is said. */
const STEPS_WITH_HOLD: Step[] = ['when', 'details', 'applicant', 'review', 'phone'];

/** The steps after the day and time, loaded while the citizen chooses it (see booking-finish.ts). */
const loadFinish = () => import('./booking-finish.js');
/** Managing an appointment, shown with `manage` or for a manage link. */
const loadManage = () => import('../booking-manage/define.js');

/**
 * Books a counter appointment (CIE renewal, change of residence, certificates...) in the steps of
 * the national "Modello Comuni" flow: service, office, day and time, details, applicant, review.
 * The chosen time is held by the gateway while the citizen fills the form; the confirmation gives a
 * reference, a manage code, an .ics file and a QR code to manage the appointment from a phone.
 *
 * With `manage` it shows `<sportello-booking-manage>` instead (find an appointment by reference and
 * code, cancel or move it); it does so too when the page opens at a manage link and has no
 * managing element of its own.
 *
 * At a kiosk (with `kioskKey`), the steps with the time held offer "Continue on your phone": a QR
 * code opens the booking's public page (`phone-url`) on the citizen's phone, which takes the time
 * over and shows which kiosk it comes from; the kiosk then keeps nothing, and does not give that
 * time back at the session's end (the phone may still be taking it). The link carries a
 * single-use code that runs out with the hold, and the service and office: nothing about the
 * citizen. On the phone, the page's first booking element claims the code when it connects.
 *
 * @tagname sportello-booking
 * @summary Book a counter appointment, with the time held while the citizen finishes and no account.
 *
 * @fires sportello-booking-confirmed - An appointment was booked or moved: `{ reference, service, start }`, no personal data.
 * @fires sportello-step-change - Another step is shown: `{ step }` (`service`, `office`, `when`, `details`, `applicant`, `review`, `confirmation`; at a kiosk `phone`, the code for the phone; on the phone `claim`, taking over the time held at the kiosk).
 * @fires sportello-booking-start-over - The citizen chose "I have finished" after handing the time over to their phone: nothing of theirs is left (no detail). A kiosk shell can end the session on it.
 * @fires sportello-announcement - The element says something to screen readers: `{ text }`.
 *
 * @attr heading-level - The level of the steps' headings, 2 to 6 (default 2): one below the page's heading above the widget.
 *
 * @csspart form - Each step's form.
 * @csspart calendar - The month grid (a `<sportello-calendar>`).
 * @csspart times - The list of free times of the chosen day.
 * @csspart hold - The notice of how long the chosen time is held.
 * @csspart handed-over - On the phone, which kiosk the time held comes from, inside the `hold` part.
 * @csspart phone-code - At a kiosk, the QR code (a `<sportello-qr>`) that continues on the phone.
 * @csspart confirmation - The confirmation with reference and code.
 *
 * @cssproperty --sportello-booking-gap - Space between the parts of a step. Default `16px`.
 * @cssproperty --sportello-booking-phone-qr-size - Side of the "continue on your phone" QR code at a kiosk. Default `min(60vw, 16rem)`.
 */
export class SportelloBooking extends SportelloElement {
  static override styles = [baseStyles, formStyles, bookingStyles];

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

  /**
   * The booking's public page, which the "continue on your phone" code opens on the citizen's
   * phone; by default this page. At a kiosk, set it to the page's public address.
   */
  @property({ attribute: 'phone-url' }) phoneUrl = '';

  /**
   * The kiosk's key, which the gateway issued for it: with it, the steps with the time held offer
   * to continue on the citizen's phone; without it, they do not. A property, never an attribute:
   * a key must not sit in the page's markup. It stays across `reset()`.
   */
  @property({ attribute: false }) kioskKey?: string;

  /**
   * How the host page gives the signed-in citizen's token (SPID/CIE), as every element takes it
   * (see `CitizenTokenSource`): the applicant's details are pre-filled. A property, never an
   * attribute: a token must not sit in the page's markup. It stays until the page clears it, also
   * across `reset()`.
   */
  @property({ attribute: false }) getToken?: CitizenTokenSource;

  /** The services, offices and booking terms, as the gateway gave them. */
  @state() private catalogue?: Schemas['BookingCatalogue'];
  @state() private serviceId = '';
  @state() private officeId = '';
  /** The page opened at a manage link this element answers: it shows the managing element. */
  @state() private managingLink = false;
  @state() private finish?: BookingFinish;
  /** On the phone: the kiosk's hand-off link the page opened at, until the time is taken over. */
  @state() private handOffLink?: HandOffLink;
  /** Said once with the next step's title: which kiosk the time taken over comes from. */
  private sayWithStep?: () => string;

  private readonly i18n = new LocalizeController(this, bookingMessages);
  /** The numbered steps say "Step 3 of 6". */
  private readonly flow = new StepFlow<Step>(this, {
    first: 'service',
    announcement: (title, step) => {
      const index = BOOKING_STEPS.indexOf(step);
      const said =
        index >= 0
          ? this.i18n.t('step.announce', { number: index + 1, count: BOOKING_STEPS.length, title })
          : title;
      const more = this.sayWithStep?.();
      this.sayWithStep = undefined;
      return more ? `${said} ${more}` : said;
    },
  });
  private readonly times = new AppointmentTimes(this, {
    flow: this.flow,
    api: () => this.api,
    i18n: this.i18n,
    catalogue: () => this.catalogue,
    holdInUse: () => STEPS_WITH_HOLD.includes(this.flow.step),
    goOn: () => this.goOnWithHold(),
    confirming: () => this.finish?.confirmation.unanswered ?? false,
  });

  private get api() {
    return this.flow.client(apiClientFor(this, { token: this.getToken }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) return; // moved in the page: the citizen carries on where they were
    this.managingLink = manageLinkIn(location) !== undefined && manageLinkOwner(this) === this;
    const handOff = this.managing ? undefined : handOffLinkIn(location);
    if (handOff && handOffOwner(this) === this) {
      forgetHandOffLink();
      this.handOffLink = handOff;
      this.flow.goTo('claim', { focus: false });
      void this.claimHandOff();
    } else {
      void this.loadCatalogue();
    }
  }

  protected override willUpdate(): void {
    // The managing element loads when first shown (`manage` may also be set later).
    if (this.managing) void loadManage();
  }

  private get managing(): boolean {
    return this.manage || this.managingLink;
  }

  /**
   * Back to the first step with nothing the citizen chose, typed or received left: the details,
   * the appointment and its codes, the calendar file; the time held lets go, requests in flight are
   * abandoned. A token the page set stays until the page clears it. "Book another appointment"
   * uses it, and a kiosk calls it at the end of each citizen's session.
   */
  reset(): void {
    this.renderRoot.querySelector('sportello-booking-manage')?.reset();
    this.managingLink = false;
    this.handOffLink = undefined;
    this.startAfresh(false);
  }

  /**
   * Gives back the time the citizen holds (also the new time held while moving an appointment with
   * `manage`), and resolves once the gateway has answered, or could not be reached: the place is
   * then free for others. The element stays where it is; `reset()` clears the rest. A kiosk calls
   * it at the end of a session, before `reset()` (which gives the hold back too, without waiting),
   * so that the next citizen finds the place free. A time handed over to a phone is not given
   * back, by either: it is the phone's to book, and runs out by itself. Never rejects.
   */
  async releaseHold(): Promise<void> {
    await Promise.all([
      this.times.releaseHold(),
      this.renderRoot.querySelector('sportello-booking-manage')?.releaseHold(),
    ]);
  }

  private startAfresh(focus: boolean): void {
    this.flow.reset({ focus });
    this.times.reset();
    this.finish?.reset();
    this.serviceId = '';
    this.officeId = '';
    if (!this.catalogue) void this.loadCatalogue();
    else this.presetService(focus);
  }

  /** "Book another appointment": afresh, and with a preset service, straight at its times. */
  private readonly another = () => this.startAfresh(true);

  /** "I have finished" at a kiosk, the time handed over to the phone: nothing of theirs is left. */
  private readonly handedOff = () => {
    this.startAfresh(true);
    emit(this, 'sportello-booking-start-over', {});
  };

  /**
   * On the phone: takes over the time held at the kiosk (the services first, if not here yet) and
   * goes on at the details, saying which kiosk it comes from. A refused code ("used", "no longer
   * held") starts at the link's service and office, saying why; "too many holds" and no answer
   * stay, to try again (with the same key: a claim whose answer was lost is not made twice).
   */
  private async claimHandOff(): Promise<void> {
    const link = this.handOffLink;
    if (!link || this.flow.busy) return;
    this.flow.showProblem(undefined);
    try {
      const kiosk = await this.flow.whileBusy('busy', async () => {
        this.catalogue ??= await this.api.get('/api/booking/services');
        return this.times.hold.claim(link.code);
      });
      const hold = this.times.hold.current!;
      this.handOffLink = undefined;
      this.serviceId = hold.service;
      this.officeId = hold.office;
      this.times.adopt(hold);
      this.sayWithStep = () =>
        `${this.t('claim.from', { name: kiosk.name, location: kiosk.location })} ${this.t('claim.notHere')}`;
      this.goOnWithHold();
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      if (code === 'too-many-holds') this.flow.showProblem(() => this.t('claim.tooMany'));
      else if (isRefusal(error) && this.catalogue)
        this.startAtLink(code === 'hold-expired' ? 'claim.gone' : 'claim.used');
      else this.flow.showError(error);
    }
  }

  /** The code is not taken over: the link's service and office's times (or the first step), saying why. */
  private startAtLink(problem?: BookingMessageKey): void {
    const link = this.handOffLink;
    this.handOffLink = undefined;
    const service = this.serviceById(link?.service);
    if (!service) {
      this.flow.goTo('service');
      this.presetService(true);
    } else if (link?.office && service.officeIds.includes(link.office)) {
      this.serviceId = service.id;
      void this.chooseOffice(link.office);
    } else {
      this.chooseService(service.id);
    }
    if (problem) this.flow.showProblem(() => this.t(problem));
  }

  /** "Choose another time" instead of trying the code again. */
  private readonly leaveHandOff = () => this.startAtLink();

  private t(key: BookingMessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params as never);
  }

  private text(value: Schemas['LocalizedText']): string {
    return value[this.i18n.language];
  }

  private get services(): Service[] {
    return this.catalogue?.services ?? [];
  }

  private serviceById = (id: string | undefined): Service | undefined =>
    this.services.find((s) => s.id === id);

  private officeById = (id: string | undefined): Office | undefined =>
    this.catalogue?.offices.find((o) => o.id === id);

  private async loadCatalogue(): Promise<void> {
    this.flow.showProblem(undefined);
    try {
      this.catalogue = await this.flow.whileBusy('busy', () => this.api.get('/api/booking/services'));
      if (this.flow.step === 'service') this.presetService(false);
    } catch (error) {
      this.flow.showError(error, (e) => this.times.ownWords(e));
    }
  }

  /** The page chose the service (`service`): its first step is skipped. */
  private presetService(focus: boolean): void {
    const preset = this.services.find((s) => s.id === this.service);
    if (preset) this.chooseService(preset.id, focus);
  }

  private chooseService(id: string, focus = true): void {
    this.serviceId = id;
    const service = this.serviceById(id)!;
    const preset = service.officeIds.includes(this.office) ? this.office : undefined;
    // One office only, or the page chose it: nothing to ask.
    const office = preset ?? (service.officeIds.length === 1 ? service.officeIds[0] : undefined);
    if (office) void this.chooseOffice(office, focus);
    else this.flow.goTo('office', { focus });
  }

  private async chooseOffice(id: string, focus = true): Promise<void> {
    this.officeId = id;
    this.flow.goTo('when', { focus });
    void this.finishSteps(); // loaded while the citizen chooses the day
    await this.times.open(this.serviceId, id);
  }

  /** The steps after the day and time, loaded once. */
  private async finishSteps(): Promise<BookingFinish> {
    if (this.finish) return this.finish;
    const { BookingFinish } = await this.flow.untilReset(loadFinish());
    this.finish ??= new BookingFinish(this, {
      flow: this.flow,
      times: this.times,
      api: () => this.api,
      i18n: this.i18n,
      service: () => this.serviceById(this.serviceId),
      office: () => this.officeById(this.officeId),
      serviceById: this.serviceById,
      officeById: this.officeById,
      signedIn: () => this.getToken !== undefined,
      manageUrl: () => this.manageUrl,
      another: this.another,
      kioskKey: () => this.kioskKey,
      phoneUrl: () => this.phoneUrl,
      handedOff: this.handedOff,
    });
    return this.finish;
  }

  /** Goes on with the time held, to the details: at once when their module is here (it usually is). */
  private goOnWithHold(): void {
    const goOn = (finish: BookingFinish) => {
      finish.chooseDefaultReason(this.serviceById(this.serviceId)!);
      this.flow.goTo('details');
    };
    if (this.finish) return goOn(this.finish);
    this.finishSteps().then(goOn, () =>
      // The rest of the booking could not be downloaded: the site went offline, or was updated.
      this.flow.showError(new NetworkError(navigator.onLine ? 'network' : 'offline')),
    );
  }

  /** Nothing chosen: say so, and put the focus on the first choice, where the citizen chooses. */
  private async nothingChosen(name: 'service' | 'office', problem: BookingMessageKey): Promise<void> {
    this.flow.showProblem(() => this.t(problem));
    await this.flow.focus(`input[name="${name}"]`);
  }

  private readonly onService = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.serviceId) this.chooseService(this.serviceId);
    else if (this.services.length) void this.nothingChosen('service', 'service.missing');
  };

  private readonly onOffice = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.officeId) void this.chooseOffice(this.officeId);
    else void this.nothingChosen('office', 'office.missing');
  };

  /** The services could not be loaded (no network, the gateway down): the citizen asks again. */
  private readonly reloadCatalogue = () => {
    this.flow.stayOn(); // the button goes while they load: the heading keeps the focus
    void this.loadCatalogue();
  };

  protected override render() {
    if (this.managing) {
      return html`<sportello-booking-manage
        heading-level=${headingLevelOf(this)}
        .getToken=${this.getToken}
      ></sportello-booking-manage>`;
    }
    const step = this.flow.step;
    const content =
      step === 'service'
        ? this.renderService()
        : step === 'office'
          ? this.renderOffice()
          : step === 'when'
            ? this.times.render(this.officeById(this.officeId), this.renderWhenBack())
            : step === 'claim'
              ? this.renderClaim()
              : this.finish
                ? this.finish.render(step)
                : html`<p>${this.t('loading')}</p>`;
    return html`${content} ${this.flow.renderStatus()}`;
  }

  private renderBack(step: Step, leaving?: () => void) {
    const back = () => {
      leaving?.();
      this.flow.goTo(step);
    };
    return html`<button class="secondary" type="button" @click=${back}>${this.t('step.back')}</button>`;
  }

  /** Back from the times: the citizen leaves a time they hold, which is given back at once. */
  private renderWhenBack() {
    const leaving = () => void this.times.hold.release();
    if ((this.serviceById(this.serviceId)?.officeIds.length ?? 0) > 1 && !this.office) {
      return this.renderBack('office', leaving);
    }
    return this.service ? nothing : this.renderBack('service', leaving);
  }

  private renderChoices<T extends { id: string }>(
    name: 'service' | 'office',
    items: T[],
    chosen: string,
    label: (item: T) => unknown,
  ) {
    return html`<fieldset>
      <legend class="visually-hidden">${this.t(`${name}.heading`)}</legend>
      ${items.map(
        (item) =>
          html`<label class="choice">
            <input
              type="radio"
              name=${name}
              .checked=${live(chosen === item.id)}
              @change=${() => (name === 'service' ? (this.serviceId = item.id) : (this.officeId = item.id))}
            />
            ${label(item)}
          </label>`,
      )}
    </fieldset>`;
  }

  /** On the phone: taking over the time held at the kiosk, or why it could not be. */
  private renderClaim() {
    const busy = this.flow.busy !== undefined;
    return html`<section class="step">
      ${this.flow.heading(this.t('claim.heading'))} ${busy ? html`<p>${this.t('claim.busy')}</p>` : nothing}
      ${this.flow.renderProblem()}
      ${
        busy
          ? nothing
          : html`<div class="actions">
              <button class="primary" type="button" @click=${() => void this.claimHandOff()}>
                ${this.t('claim.retry')}
              </button>
              <button class="secondary" type="button" @click=${this.leaveHandOff}>
                ${this.t('claim.instead')}
              </button>
            </div>`
      }
    </section>`;
  }

  private renderService() {
    const loading = this.flow.busy && !this.catalogue;
    return html`<form class="step" part="form" @submit=${this.onService}>
      ${this.flow.heading(this.t('service.heading'))} ${loading ? html`<p>${this.t('loading')}</p>` : nothing}
      ${this.renderChoices('service', this.services, this.serviceId, (service) => this.text(service.name))}
      ${this.flow.renderProblem()}
      <div class="actions">
        ${
          this.catalogue || this.flow.busy
            ? html`<button class="primary" type="submit">${this.t('step.next')}</button>`
            : html`<button class="primary" type="button" @click=${this.reloadCatalogue}>
                ${this.t('service.reload')}
              </button>`
        }
      </div>
    </form>`;
  }

  private renderOffice() {
    const service = this.serviceById(this.serviceId);
    const offices = (this.catalogue?.offices ?? []).filter((o) => service?.officeIds.includes(o.id));
    return html`<form class="step" part="form" @submit=${this.onOffice}>
      ${this.flow.heading(this.t('office.heading'))}
      ${this.renderChoices(
        'office',
        offices,
        this.officeId,
        (office) => html`<span>${office.name}<br />${office.address.street}, ${office.address.city}</span>`,
      )}
      ${this.flow.renderProblem()}
      <div class="actions">
        ${this.service ? nothing : this.renderBack('service')}
        <button class="primary" type="submit">${this.t('step.next')}</button>
      </div>
    </form>`;
  }
}
