import {
  ApiError,
  apiClientFor,
  baseStyles,
  emit,
  formStyles,
  hasContextAttribute,
  LocalizeController,
  SportelloElement,
  StepFlow,
  type CitizenTokenSource,
  type Schemas,
} from '@sportello/core';
import {
  CERTIFICATE_USES,
  EXEMPTION_REASON_MAX,
  EXEMPTION_REASON_MESSAGES,
  STAMP_EXEMPTIONS,
  exemptionReasonProblem,
  type LocalText,
} from '@sportello/core/certificates';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { choice, clearAnswers, noAnswers } from './answers.js';
import type { CertificateSteps, LaterStep } from './certificate-steps.js';
import { certificateStyles } from './certificate.styles.js';
import { certificateMessages, type CertificateMessageKey } from './messages.js';

type Step = 'sign-in' | 'use' | LaterStep;
type Busy = 'loading' | 'sending' | 'checking' | 'linking' | 'printing';

/** The steps after "what for", loaded while the citizen answers it (see certificate-steps.ts). */
const loadSteps = () => import('./certificate-steps.js');

/**
 * Registry certificates for the signed-in citizen or a member of their registry family, starting
 * from what the document is for: for a public office, the free self-declaration (DPR 445/2000 art.
 * 40 and 46); for a private party, the certificate, with the 16 EUR stamp paid through the payment
 * element unless the use is exempt (each exemption with its law) or the certificate never owes it.
 * The document is downloaded through a link that works once for 15 minutes.
 *
 * The citizen's token comes from the host page through `getToken` (never an attribute). Without
 * one, the element says why signing in is needed and, on the citizen's press, fires
 * `sportello-auth-required`. At a kiosk nobody signs in on the kiosk's browser (it cannot wipe the
 * identity providers' cookies): a QR code opens the page (`phone-url`) on the citizen's phone.
 *
 * After paying the stamp through pagoPA checkout the page comes back with
 * `?certificate-request=<id>` (a random id, nothing personal): the element picks the request up.
 *
 * @tagname sportello-certificate
 * @summary Ask for a registry certificate, or the free self-declaration, for yourself or your family.
 *
 * @fires sportello-certificate-issued - A certificate was issued and its download is ready: `{ kind, id }` only.
 * @fires sportello-auth-required - The citizen must sign in: `{ service: 'certificate', reason }`, `missing` (on the citizen's press) or `expired` (the gateway refused the token, renewed or not).
 * @fires sportello-step-change - Another step is shown: `{ step }` (`sign-in`, `use`, `who`, `kind`, `review`, `stamp`, `done`; for a public office `facts`, `declaration`).
 * @fires sportello-announcement - The element says something to screen readers: `{ text }`.
 *
 * @attr heading-level - The level of the steps' headings, 2 to 6 (default 2).
 *
 * @csspart form - Each question's form.
 * @csspart document - The step with the document ready (certificate or self-declaration).
 * @csspart download - The download link.
 * @csspart phone-code - At a kiosk, the QR code (a `<sportello-qr>`) for the phone.
 *
 * @cssproperty --sportello-certificate-gap - Space between the parts of a step. Default `16px`.
 * @cssproperty --sportello-certificate-qr-size - Side of the QR codes at a kiosk. Default `min(60vw, 16rem)`.
 */
export class SportelloCertificate extends SportelloElement {
  static override styles = [baseStyles, formStyles, certificateStyles];

  /**
   * Gives the signed-in citizen's token (see `CitizenTokenSource` in core): called for each request
   * that needs it, and with `renew: true` once when the gateway refuses it. Undefined, or a source
   * that gives undefined: nobody is signed in.
   */
  @property({ attribute: false }) getToken?: CitizenTokenSource;

  /** Kiosk mode: sign in on the phone by QR code, the pagoPA QR for the stamp, the document by QR (or printed). */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  /** At a kiosk, a printer is attached: the document can be printed. */
  @property({ type: Boolean }) printer = false;

  /**
   * The page's public address: the kiosk's QR code opens it on the phone, and pagoPA checkout
   * comes back to it. By default this page.
   */
  @property({ attribute: 'phone-url' }) phoneUrl = '';

  @state() private kinds?: Schemas['CertificateKindList'];
  @state() private citizen?: Schemas['Citizen'];
  /** The gateway refused the token: the sign-in step says the session ended. */
  @state() private expired = false;
  /** The steps after the first, once loaded. */
  @state() private steps?: CertificateSteps;

  private readonly answers = noAnswers();
  /** The reason was checked (the citizen went on): its problem, if any, is shown. */
  private reasonChecked = false;
  /** The gateway refused the reason as it stands. */
  private reasonRefused = false;
  /** The step the citizen was at when asked to sign in: they go on there. */
  private resumeAt: Step = 'use';
  /** The request named by the page's address, until it is shown. */
  private resumeId?: string;
  /** Whether the last request went with a token: a 401 then means it expired, not that none was given. */
  private tokenGiven = false;
  private kindsArriving?: Promise<Schemas['CertificateKindList']>;
  private stepsArriving?: Promise<CertificateSteps>;
  private readonly i18n = new LocalizeController(this, certificateMessages);
  private readonly flow = new StepFlow<Step, Busy>(this, { first: 'use' });

  private get api() {
    return this.flow.client(
      apiClientFor(this, {
        token: async (request) => {
          const token = await this.getToken?.(request);
          if (!request.renew) this.tokenGiven = Boolean(token);
          return token;
        },
      }),
    );
  }

  private t(key: CertificateMessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params as never);
  }

  private text(text: LocalText): string {
    return text[this.i18n.language];
  }

  private get atKiosk(): boolean {
    return this.kiosk || hasContextAttribute(this, 'data-sportello-kiosk');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) {
      // Back from pagoPA checkout, or reloaded: the request the page's address names (see return.ts).
      this.resumeId = new URL(location.href).searchParams.get('certificate-request') ?? undefined;
      // Public, and the same for everyone: asked for at once, while the citizen answers "what for".
      void this.fetchKinds().then(
        (kinds) => (this.kinds = kinds),
        () => {},
      );
      this.start(false);
    } else if (changed.has('getToken') && this.flow.step === 'sign-in' && !this.expired) {
      void this.signIn(false); // the page signed the citizen in: on, without another press
    }
    if (this.atKiosk && !customElements.get('sportello-qr')) void import('@sportello/core/qr');
  }

  /** Asks the page for a token: without one, the sign-in step; with one, the request in the address. */
  private start(focus: boolean): void {
    const go = (token: string | undefined) => {
      if (!token) return this.askSignIn(false, focus);
      if (this.resumeId) this.goOn('stamp', false); // back from checkout: "checking"
    };
    const token = this.getToken?.({ renew: false });
    // A token at hand decides before the first render: no step shows and goes.
    if (token instanceof Promise) void this.flow.untilReset(token).then(go, () => go(undefined));
    else go(token);
  }

  private askSignIn(expired: boolean, focus = true): void {
    this.expired = expired;
    if (this.flow.step !== 'sign-in') this.resumeAt = this.flow.step;
    this.flow.goTo('sign-in', { focus });
    // A session that ended is the page's to renew; a first sign-in waits for the citizen's press.
    if (expired && !this.atKiosk)
      emit(this, 'sportello-auth-required', { service: 'certificate', reason: 'expired' });
  }

  /**
   * "Sign in": with a token from the page now, on where the citizen was (afresh if someone else
   * signed in); without one, the page is asked to sign the citizen in (`fire`: the citizen pressed).
   */
  private async signIn(fire = true): Promise<void> {
    if (this.flow.busy) return;
    const token = await this.flow.untilReset(Promise.resolve(this.getToken?.({ renew: this.expired })));
    if (!token) {
      const reason = this.expired ? 'expired' : 'missing';
      if (fire) emit(this, 'sportello-auth-required', { service: 'certificate', reason });
      return;
    }
    this.expired = false;
    const before = this.citizen?.fiscalCode;
    if (before) {
      this.citizen = undefined;
      const citizen = await this.loadCitizen();
      if (!citizen) return;
      // Another person: nothing of the first one's answers or family stays.
      if (citizen.fiscalCode !== before) return this.startOver();
    }
    // Back from checkout (or reloaded) and signed in only now: the request the address names.
    if (this.resumeId && this.resumeAt === 'use') this.goOn('stamp');
    else if (this.resumeAt === 'use') this.flow.goTo('use');
    else this.goOn(this.resumeAt as LaterStep);
  }

  /** What went wrong with a call: a token refused is the sign-in step, the rest is said in the step. */
  private readonly failed = (error: unknown): void => {
    if (error instanceof ApiError && error.status === 401) return this.askSignIn(this.tokenGiven);
    this.flow.showError(error, (e) => this.steps?.problem(e));
  };

  /** The later steps' module, loaded once (a failed download is tried again next time). */
  private laterSteps(): Promise<CertificateSteps> {
    this.stepsArriving ??= loadSteps().then(
      ({ CertificateSteps }) =>
        (this.steps = new CertificateSteps(this, {
          flow: this.flow,
          api: () => this.api,
          answers: this.answers,
          kinds: () => this.kinds,
          citizen: () => this.citizen,
          load: (step) => this.load(step),
          failed: this.failed,
          refuseReason: () => this.refuseReason(),
          startOver: () => this.startOver(),
          atKiosk: () => this.atKiosk,
          printer: () => this.printer,
          phoneUrl: () => this.phoneUrl,
        })),
      (error: unknown) => {
        this.stepsArriving = undefined;
        throw error;
      },
    );
    return this.stepsArriving;
  }

  /** Goes on to a later step once its module is here (it usually is by then), with what it lists. */
  private goOn(step: LaterStep, focus = true): void {
    if (step === 'stamp') this.flow.goTo('stamp', { focus }); // "checking" while the module arrives
    this.flow.untilReset(this.laterSteps()).then(
      (steps) => (step === 'stamp' ? this.load(step) : steps.goTo(step)),
      // The rest of the element could not be downloaded: the site went offline, or was updated.
      this.failed,
    );
  }

  /** Loads what `step` lists, if it is not here. */
  private load(step: string): void {
    if (step === 'who' && !this.citizen) void this.loadCitizen();
    if ((step === 'kind' || step === 'facts') && !this.kinds) void this.loadKinds();
    if (step === 'stamp') void this.steps?.check(this.steps.request?.id ?? this.resumeId);
  }

  private fetchKinds(): Promise<Schemas['CertificateKindList']> {
    // Not through the flow's client: a reset must not leave a shared answer hanging.
    this.kindsArriving ??= apiClientFor(this)
      .get('/api/certificates/kinds')
      .catch((error: unknown) => {
        this.kindsArriving = undefined;
        throw error;
      });
    return this.kindsArriving;
  }

  private async loadKinds(): Promise<void> {
    this.flow.showProblem(undefined);
    try {
      this.kinds = await this.flow.whileBusy('loading', () => this.flow.untilReset(this.fetchKinds()));
    } catch (error) {
      this.failed(error);
    }
  }

  /** The signed-in citizen and their family, or undefined when they could not be had (said why). */
  private async loadCitizen(): Promise<Schemas['Citizen'] | undefined> {
    this.flow.showProblem(undefined);
    try {
      const citizen = await this.flow.whileBusy('loading', () => this.api.get('/api/me'));
      this.citizen = citizen;
      // Living alone: the only answer is chosen already.
      if (citizen.family.length <= 1) this.answers.subject = citizen.fiscalCode;
      return citizen;
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  private reasonProblem(): string {
    const problem = exemptionReasonProblem(this.answers.reason) ?? 'reason-missing';
    return this.text(EXEMPTION_REASON_MESSAGES[problem]).replace('{max}', String(EXEMPTION_REASON_MAX));
  }

  private get reasonWrong(): boolean {
    return (
      this.reasonRefused || (this.reasonChecked && exemptionReasonProblem(this.answers.reason) !== undefined)
    );
  }

  /** The gateway refused the reason for "another exemption" (400): back at it, saying why. */
  private refuseReason(): void {
    this.reasonChecked = this.reasonRefused = true;
    this.flow.goTo('use');
    void this.flow.focus('#reason', this.reasonProblem());
  }

  /** Nothing chosen: says so, and puts the focus on the first choice, where the citizen chooses. */
  private missing(name: string, problem: CertificateMessageKey): void {
    this.flow.showProblem(() => this.t(problem));
    void this.flow.focus(`input[name="${name}"]`);
  }

  private readonly onUse = (event: SubmitEvent) => {
    event.preventDefault();
    const { use, exemption, reason } = this.answers;
    if (!use) return this.missing('use', 'use.missing');
    if (use === 'exempt' && !exemption) return this.missing('exemption', 'use.exemptionMissing');
    this.flow.showProblem(undefined);
    if (use === 'exempt' && exemption === 'other') {
      this.reasonChecked = true;
      this.requestUpdate();
      if (exemptionReasonProblem(reason)) return void this.flow.focus('#reason', this.reasonProblem());
    }
    this.goOn('who');
  };

  /** An answer to the first question: the later steps start downloading, as the citizen will want them. */
  private answer(set: () => void): void {
    set();
    void this.laterSteps().catch(() => {}); // said if still missing when the citizen goes on
    this.flow.showProblem(undefined);
    this.requestUpdate();
  }

  private readonly onReason = (event: InputEvent) => {
    this.reasonRefused = false; // another reason: the gateway has not refused this one
    this.answer(() => (this.answers.reason = (event.target as HTMLTextAreaElement).value));
  };

  /**
   * Back to the first question with nothing of the citizen's left: answers, family, request, links;
   * requests in flight abandoned, the page's address no longer naming a request. A kiosk calls it
   * at the end of each citizen's session. The page's `getToken` stays as the page set it.
   */
  reset(): void {
    this.flow.reset();
    this.steps?.reset();
    clearAnswers(this.answers);
    this.reasonChecked = this.reasonRefused = false;
    this.citizen = this.resumeId = undefined;
    this.expired = false;
    this.resumeAt = 'use';
    this.start(false);
  }

  /** "Ask for another document": afresh, its first step focused and said. */
  private startOver(): void {
    this.reset();
    this.flow.refocus();
  }

  protected override render() {
    const step = this.flow.step;
    const content =
      step === 'sign-in'
        ? this.renderSignIn()
        : step === 'use'
          ? this.renderUse()
          : (this.steps?.render(step) ?? html`<p>${this.t('loading')}</p>`);
    return html`${content} ${this.flow.renderStatus()}`;
  }

  private renderSignIn() {
    const phonePage = new URL(this.phoneUrl || location.href, location.href);
    phonePage.hash = '';
    return html`<section class="step">
      ${this.flow.heading(this.t('signIn.heading'))}
      <p>${this.t(this.expired ? 'signIn.expired' : 'signIn.why')}</p>
      ${
        this.atKiosk
          ? html`<p>${this.t('signIn.kiosk')}</p>
              <sportello-qr
                part="phone-code"
                value=${phonePage.toString()}
                label=${this.t('signIn.qrLabel')}
              ></sportello-qr>`
          : html`<div class="actions">
              <button class="primary" type="button" @click=${() => this.signIn()}>
                ${this.t('signIn.button')}
              </button>
            </div>`
      }
      ${this.flow.renderProblem()}
    </section>`;
  }

  private renderUse() {
    const answers = this.answers;
    const reasonWrong = this.reasonWrong;
    const other = answers.use === 'exempt' && answers.exemption === 'other';
    return html`<form class="step" part="form" novalidate @submit=${this.onUse}>
      ${this.flow.heading(this.t('use.heading'))}
      <fieldset>
        <legend class="visually-hidden">${this.t('use.heading')}</legend>
        ${CERTIFICATE_USES.map((use) =>
          choice(
            'radio',
            'use',
            answers.use === use.id,
            () => this.answer(() => (answers.use = use.id)),
            this.text(use.label),
            this.text(use.hint),
          ),
        )}
      </fieldset>
      ${
        answers.use === 'exempt'
          ? html`<fieldset>
              <legend>${this.t('use.exemption')}</legend>
              ${STAMP_EXEMPTIONS.map((exemption) =>
                choice(
                  'radio',
                  'exemption',
                  answers.exemption === exemption.id,
                  () => this.answer(() => (answers.exemption = exemption.id)),
                  this.text(exemption.label),
                  exemption.needsReason ? undefined : this.text(exemption.reference),
                ),
              )}
            </fieldset>`
          : nothing
      }
      ${
        other
          ? html`<div class="field">
              <label for="reason">${this.t('use.reason')}</label>
              <span class="hint" id="reason-hint"
                >${this.t('use.reasonHint', { max: EXEMPTION_REASON_MAX })}</span
              >
              <textarea
                id="reason"
                rows="3"
                aria-describedby=${reasonWrong ? 'reason-hint reason-error' : 'reason-hint'}
                aria-invalid=${reasonWrong ? 'true' : 'false'}
                .value=${live(answers.reason)}
                @input=${this.onReason}
              ></textarea>
              ${reasonWrong ? html`<p class="error" id="reason-error">${this.reasonProblem()}</p>` : nothing}
            </div>`
          : nothing
      }
      ${this.flow.renderProblem()}
      <div class="actions"><button class="primary" type="submit">${this.t('step.next')}</button></div>
    </form>`;
  }
}
