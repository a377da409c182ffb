import {
  ApiError,
  apiClientFor,
  hasContextAttribute,
  baseStyles,
  formStyles,
  emit,
  formatEuro,
  keepLanguage,
  LocalizeController,
  NetworkError,
  SportelloElement,
  StepFlow,
  WriteAttempt,
  type Schemas,
} from '@sportello/core';
import { loadScanner, ScanCamera } from '@sportello/core/scanner';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { paymentMessages } from '../messages.js';
import { paymentProblem } from '../payment-problem.js';
import {
  checkoutLanguage,
  handedOverNotices,
  rememberCheckout,
  returningPaymentFor,
  unfinishedCheckoutWithin,
} from './return.js';
import { noticeDetails, printed } from './notice-details.js';
import { NoticeForm } from './notice-form.js';
import type { PaymentOutcome } from './payment-outcome.js';
import { paymentStyles } from './payment.styles.js';

type Notice = Schemas['Notice'];
type Step = 'find' | 'scan' | 'summary' | 'checkout' | 'checking' | 'outcome' | 'phone';
type Busy = 'finding' | 'paying' | 'redirecting' | 'checking';

/** pagoPA's cart holds one to five notices. */
const CART_LIMIT = 5;
/** How a payment ended (see payment-outcome.ts), loaded when the citizen pays or comes back. */
const loadOutcome = () => import('./payment-outcome.js');

/**
 * Pays pagoPA notices: the citizen types the notice code and the creditor's fiscal code, scans the
 * notice's QR code (or postal Data Matrix) with the camera, or arrives with them in attributes;
 * sees what is owed to whom, pays through pagoPA checkout and
 * comes back to a receipt. Up to five notices can be paid together. With `gateway="sandbox"` the
 * practice checkout opens inside the widget, so a tutorial can go through a whole payment.
 *
 * At a kiosk (the `kiosk` attribute, or `data-sportello-kiosk` on an ancestor, as the kiosk shell
 * sets) nobody types a card number: the widget shows each notice's pagoPA QR code, to pay from a
 * phone with a banking app or app IO, and a second code that opens this page on the phone with the
 * notice filled in (in the address's fragment, which is never sent to a server).
 *
 * @tagname sportello-payment
 * @summary Find and pay pagoPA notices, with the receipt at the end.
 *
 * @fires sportello-payment-completed - A payment ended: `{ paymentId, status, amountCents }`, no personal data.
 * @fires sportello-payment-start-over - The citizen chose "Pay another notice", or "I have finished" at a kiosk: nothing of theirs is left (no detail).
 *
 * @csspart form - The form for finding a notice.
 * @csspart input - The notice code and creditor code fields.
 * @csspart summary - The list of notices about to be paid, with the total.
 * @csspart pay-button - The "Pay with pagoPA" button.
 * @csspart receipt - The receipt after a successful payment.
 * @csspart camera - The camera preview while scanning a notice.
 *
 * @cssproperty --sportello-payment-gap - Space between the parts of a step. Default `16px`.
 * @cssproperty --sportello-payment-qr-size - Side of each notice's pagoPA QR code in kiosk mode. Default `min(80vw, 18rem)`.
 * @cssproperty --sportello-payment-continue-qr-size - Side of the "continue on your phone" QR code. Default `min(60vw, 12rem)`.
 */
export class SportelloPayment extends SportelloElement {
  static override styles = [baseStyles, formStyles, paymentStyles];

  /**
   * A notice code to pay (18 digits, spaces allowed): with `creditor`, goes straight to the summary,
   * also when the page sets both after the widget has shown.
   */
  @property() notice = '';

  /** The creditor's fiscal code (11 digits), with `notice`. */
  @property() creditor = '';

  /** A payment to show the outcome of; by default read from the page's `?payment=` on return from checkout. */
  @property() payment = '';

  /**
   * Where checkout sends the citizen back; by default this page. At a kiosk, also the page the
   * "continue on your phone" code opens: set it to the page's public address.
   */
  @property({ attribute: 'return-url' }) returnUrl = '';

  /** Kiosk mode: pay from a phone through QR codes instead of going to checkout here. */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  @state() private cart: Notice[] = [];
  /** The steps of a payment's outcome, once loaded. */
  @state() private outcome?: PaymentOutcome;
  /** The kiosk's "pay with your phone" step, once loaded. */
  @state() private phoneStep?: typeof import('./phone-step.js');
  /** The payment whose outcome is being asked for, or was last: "check again" asks again. */
  private checking?: string;

  /** Paying the cart: one Idempotency-Key while the cart is the same, kept across retries. */
  private readonly checkoutAttempt = new WriteAttempt<Schemas['NoticeRef'][]>();
  /** Opened with notices handed over from a kiosk (in the address's fragment): on a phone. */
  private handedOver = false;
  private readonly i18n = new LocalizeController(this, paymentMessages);
  private readonly flow = new StepFlow<Step, Busy>(this, {
    first: 'find',
    announcement: (title) => this.i18n.t('step.announce', { title }),
  });
  private readonly form = new NoticeForm(this, { flow: this.flow, i18n: this.i18n });
  private readonly camera = new ScanCamera(this, {
    scanning: () => this.flow.step === 'scan',
    read: (frame) => this.scanFrame(frame),
    unavailable: () => {
      this.flow.goTo('find');
      this.flow.showProblem(() => this.i18n.t('scan.unavailable'));
    },
  });

  private get api() {
    return this.flow.client(apiClientFor(this));
  }

  override connectedCallback(): void {
    if (!this.hasUpdated) {
      // Back from checkout in the language the citizen left in, whatever the page opened in.
      const returning = this.payment || returningPaymentFor(this) || unfinishedCheckoutWithin(this);
      const language = returning && checkoutLanguage(returning);
      if (language) keepLanguage(this, language);
    }
    super.connectedCallback();
    addEventListener('pageshow', this.onPageShow);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) {
      this.begin();
      return;
    }
    // Named by the page after the widget first showed: a script, a framework, the page's routing.
    if (changed.has('payment') && this.payment && !this.flow.busy) {
      this.flow.goTo('checking', { focus: false });
      void this.showOutcome(this.payment);
    } else if (
      (changed.has('notice') || changed.has('creditor')) &&
      this.notice &&
      this.creditor &&
      !this.flow.busy
    ) {
      this.cart = [];
      void this.findAll([[this.notice, this.creditor]]);
    }
  }

  /**
   * What the page names when the widget first shows (its attributes then, even those set after it
   * was added): a payment to show the outcome of, or notices to look up.
   */
  private begin(): void {
    const returning = this.payment || returningPaymentFor(this) || unfinishedCheckoutWithin(this);
    // The page's attributes name a notice, or a "continue on your phone" link hands the kiosk's over.
    const handedOver = this.notice ? [] : handedOverNotices();
    const preset: [string, string][] =
      this.notice && this.creditor ? [[this.notice, this.creditor]] : handedOver;
    this.handedOver = handedOver.length > 0;
    if (returning) {
      // Back from pagoPA: say the payment is being checked, not show the empty search form meanwhile.
      this.flow.goTo('checking', { focus: false });
      void this.showOutcome(returning);
    } else if (preset.length > 0) {
      void this.findAll(preset);
    }
  }

  /**
   * Looks up notices one after the other into the cart. A code that is not well formed (a link cut
   * short) is not sent: the form shows what is wrong. One that cannot be paid does not keep the
   * others out (at a kiosk the citizen may have paid the first from the phone before going on
   * there, so it is paid or its payment in progress): the others are shown, and what went wrong is
   * said notice by notice. A lookup that got no answer, or failed on the gateway's side, stops
   * there, the notice left in the form to look up again.
   */
  private async findAll(notices: [notice: string, creditor: string][]): Promise<void> {
    if (!(await this.form.haveChecks())) return;
    const left: { notice: string; problem: () => string }[] = [];
    const notAdded = () =>
      left
        .map(({ notice, problem }) => this.i18n.t('find.notAdded', { notice, reason: problem() }))
        .join(' ');
    for (const [notice, creditor] of notices.slice(0, CART_LIMIT)) {
      this.form.fill(notice, creditor);
      if (!this.form.valid) {
        this.form.showProblems();
        this.flow.goTo('find');
        return;
      }
      const error = await this.find();
      const answered = error instanceof ApiError && error.status < 500;
      if (error && !answered) {
        // This one stays in the form to look up again; what went wrong with those before is said too.
        const problem = this.flow.problemSource!;
        if (left.length > 0) this.flow.showProblem(() => `${notAdded()} ${problem()}`);
        return;
      }
      const problem = this.flow.problemSource;
      if (problem) left.push({ notice: printed(this.form.noticeCheck.value), problem });
    }
    if (left.length === 0 || notices.length === 1) return; // one notice: the form shows it, with its problem
    this.form.clear();
    this.flow.showProblem(notAdded);
  }

  /**
   * A page opened from a kiosk's "continue on your phone" code is on the citizen's own phone, even
   * when its markup says kiosk (the phone loads the kiosk page's address): there it pays by checkout.
   */
  private get atKiosk(): boolean {
    return !this.handedOver && (this.kiosk || hasContextAttribute(this, 'data-sportello-kiosk'));
  }

  /**
   * Back from checkout to a page the browser kept whole (back/forward cache): the widget is as it
   * was when it left, "going to pagoPA…", and shows the payment it sent the citizen to instead.
   */
  private readonly onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted || this.flow.busy !== 'redirecting') return;
    this.flow.busy = undefined;
    const unfinished = unfinishedCheckoutWithin(this);
    if (unfinished) {
      this.flow.goTo('checking');
      void this.showOutcome(unfinished);
    }
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pageshow', this.onPageShow);
  }

  protected override firstUpdated(): void {
    this.form.loadChecks().catch(() => {
      // Offline, say: asked for again when the citizen submits, which says what went wrong.
    });
  }

  /** Settles once the element has rendered with its checks too (tests, and pages, wait for it). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const rendered = await super.getUpdateComplete();
    const arriving = this.form.checksArriving;
    if (!arriving) return rendered;
    await arriving;
    return super.getUpdateComplete();
  }

  private async onFind(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.flow.busy) return;
    this.flow.showProblem(undefined);
    if (await this.form.submit()) await this.find();
  }

  /** Looks the form's notice up into the cart; returns what went wrong with the lookup, if anything. */
  private async find(): Promise<unknown> {
    if (this.flow.busy) return; // a scan while a typed code is being looked up, say
    const noticeNumber = this.form.noticeCheck.value;
    const creditorFiscalCode = this.form.creditorCheck.value;
    const inCart = () =>
      this.cart.some((n) => n.noticeNumber === noticeNumber && n.creditorFiscalCode === creditorFiscalCode);
    if (inCart()) {
      this.flow.showProblem(() => this.i18n.t('find.alreadyInCart'));
      return;
    }
    this.flow.busy = 'finding';
    try {
      const notice = await this.api.post('/api/payments/notice-lookups', {
        body: { creditorFiscalCode, noticeNumber },
      });
      this.cart = [...this.cart, notice];
      this.form.clear();
      this.flow.goTo('summary');
    } catch (error) {
      this.flow.showError(error, (e) => paymentProblem(this.i18n, e));
      return error;
    } finally {
      this.flow.busy = undefined;
    }
    return undefined;
  }

  private defaultReturnUrl(): string {
    const url = new URL(this.returnUrl || location.href, location.href);
    url.searchParams.delete('payment');
    url.hash = ''; // a notice handed over from a kiosk travels in the fragment: it stays in the browser
    return url.toString();
  }

  /**
   * Reads one image (a camera frame, or a photo of the notice) and, when it holds a notice's pagoPA
   * QR code or postal Data Matrix, fills the form from it and looks the notice up. Returns whether
   * it found one. The camera calls it for every frame.
   */
  async scanFrame(frame: HTMLCanvasElement | HTMLVideoElement | ImageBitmap): Promise<boolean> {
    const { readCodes } = await loadScanner();
    if (!(await this.form.readScanned(await readCodes(frame)))) return false;
    this.camera.close();
    this.flow.goTo('find');
    await this.find();
    return true;
  }

  private async payByPhone(): Promise<void> {
    this.flow.showProblem(undefined);
    try {
      // The step and the QR element load only at a kiosk; the QR encoder when a code is drawn.
      this.phoneStep ??= await this.flow.untilReset(import('./phone-step.js'));
    } catch (error) {
      // The kiosk lost its network, or the site was updated since the page loaded.
      const cause = navigator.onLine ? error : new NetworkError('offline');
      this.flow.showError(cause, (e) => paymentProblem(this.i18n, e));
      return;
    }
    this.flow.goTo('phone');
  }

  private async pay(): Promise<void> {
    if (this.flow.busy) return; // a second press while paying must not start a second payment
    this.flow.showProblem(undefined);
    const notices = this.cart.map(({ creditorFiscalCode, noticeNumber }) => ({
      creditorFiscalCode,
      noticeNumber,
    }));
    try {
      // Without an answer, or with a "not now" (a proxy's 502 while the gateway went on), the
      // attempt may have been run: its key is kept, so trying again gets the same checkout instead
      // of a second one, which the first would block as "payment in progress".
      const payment = await this.flow.whileBusy('paying', () =>
        this.checkoutAttempt.send(notices, (idempotencyKey) =>
          this.api.post('/api/payments/checkouts', {
            body: { notices, returnUrl: this.defaultReturnUrl() },
            idempotencyKey,
          }),
        ),
      );
      if (payment.checkoutInPage || !payment.checkoutUrl) {
        // A practice payment with no page to go to (the sandbox): the widget shows the checkout.
        (await this.outcomeSteps()).practise(payment);
        return;
      }
      this.flow.busy = 'redirecting';
      rememberCheckout(this, payment.id, this.i18n.language);
      location.assign(payment.checkoutUrl);
    } catch (error) {
      this.flow.showError(error, (e) => paymentProblem(this.i18n, e));
    }
  }

  /**
   * Back to finding a notice with nothing of the citizen's left in the widget: what was typed, the
   * cart, the payment and its receipt; the camera off and requests in flight abandoned. The payment
   * shown, or left pending, is not brought back by reloading the page (whose address may still
   * name it). A kiosk calls it at the end of each citizen's session; the page's own attributes
   * (`notice`, `creditor`, `payment`) stay as the page set them.
   */
  reset(): void {
    this.outcome?.forget();
    this.flow.reset();
    this.checkoutAttempt.forget();
    this.camera.reset();
    this.cart = [];
    this.form.clear();
    this.handedOver = false;
  }

  /** "Pay another notice", "I have finished" at a kiosk: nothing of this citizen's is left. */
  private startOver(): void {
    this.reset();
    this.flow.refocus(); // the citizen asked: the form's heading takes the focus and is said
    emit(this, 'sportello-payment-start-over', {});
  }

  private removeFromCart(notice: Notice): void {
    if (this.flow.busy) return; // the payment being prepared is for the cart as it is
    this.cart = this.cart.filter((n) => n !== notice);
    if (this.cart.length === 0) this.flow.goTo('find');
    else this.flow.stayOn(); // the pressed button has gone with its notice
  }

  protected override render() {
    const step = this.flow.step;
    const steps: Record<Step, () => unknown> = {
      find: () => this.renderFind(),
      scan: () => this.renderScan(),
      summary: () => this.renderSummary(),
      checkout: () => this.outcome?.render('checkout'),
      checking: () => this.outcome?.render('checking') ?? this.renderCheckingStarted(),
      outcome: () => this.outcome?.render('outcome'),
      phone: () =>
        this.phoneStep?.renderPhoneStep({
          flow: this.flow,
          i18n: this.i18n,
          cart: this.cart,
          returnUrl: this.returnUrl,
          done: () => this.startOver(),
        }),
    };
    return html`${steps[step]()} ${this.flow.renderStatus()}`;
  }

  /** The first lines of "checking your payment", while the outcome's steps load. */
  private renderCheckingStarted() {
    return html`<section class="step">
      ${this.flow.heading(this.i18n.t('checking.heading'))}
      <p>${this.i18n.t('checking.text')}</p>
    </section>`;
  }

  /** The outcome's steps, loaded once. */
  private async outcomeSteps(): Promise<PaymentOutcome> {
    if (this.outcome) return this.outcome;
    const { PaymentOutcome } = await this.flow.untilReset(loadOutcome());
    this.outcome ??= new PaymentOutcome(this, {
      flow: this.flow,
      api: () => this.api,
      i18n: this.i18n,
      payAgain: (notices) => {
        this.cart = notices;
        this.flow.goTo('summary');
      },
      startOver: () => this.startOver(),
    });
    return this.outcome;
  }

  /** Asks how `paymentId` went, and shows it. */
  private async showOutcome(paymentId: string): Promise<void> {
    try {
      await (await this.outcomeSteps()).show(paymentId);
    } catch (error) {
      // The outcome's steps could not be downloaded (offline, or the site was updated).
      this.flow.showError(navigator.onLine ? error : new NetworkError('offline'));
    }
  }

  private renderFind() {
    const t = this.i18n.t.bind(this.i18n);
    return html`<form class="step" part="form" novalidate @submit=${this.onFind}>
      ${this.flow.heading(t('find.heading'))}
      <p>${t('find.intro')}</p>
      ${this.form.render()} ${this.flow.renderProblem()}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.flow.busy ? 'true' : 'false'}>
          ${this.flow.busy === 'finding' ? t('find.searching') : t('find.submit')}
        </button>
        ${
          // Camera access exists only on secure pages (https, localhost).
          'mediaDevices' in navigator
            ? html`<button class="secondary" type="button" @click=${() => this.flow.goTo('scan')}>
                ${t('scan.open')}
              </button>`
            : nothing
        }
        ${
          this.cart.length
            ? html`<button class="secondary" type="button" @click=${() => this.flow.goTo('summary')}>
                ${t('summary.heading')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  private renderScan() {
    const t = this.i18n.t.bind(this.i18n);
    return html`<section class="step">
      ${this.flow.heading(t('scan.heading'))}
      <p>${t(this.camera.qrOnly ? 'scan.instructionsQrOnly' : 'scan.instructions')}</p>
      <video part="camera" muted playsinline></video>
      ${this.flow.renderProblem()}
      <div class="actions">
        <button class="secondary" type="button" @click=${() => this.flow.goTo('find')}>
          ${t('scan.cancel')}
        </button>
      </div>
    </section>`;
  }

  private renderSummary() {
    const t = this.i18n.t.bind(this.i18n);
    const total = this.cart.reduce((sum, notice) => sum + notice.amountCents, 0);
    const paying = this.flow.busy === 'paying' || this.flow.busy === 'redirecting';
    return html`<section class="step" part="summary">
      ${this.flow.heading(t('summary.heading'))}
      <ul class="notices">
        ${this.cart.map(
          (notice) =>
            html`<li>
              ${noticeDetails(notice, this.i18n)}
              ${
                this.cart.length > 1
                  ? html`<div>
                      <button
                        class="secondary"
                        type="button"
                        aria-label=${t('summary.removeLabel', { description: notice.description })}
                        aria-disabled=${paying ? 'true' : 'false'}
                        @click=${() => this.removeFromCart(notice)}
                      >
                        ${t('summary.remove')}
                      </button>
                    </div>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
      <p class="total">${t('summary.total')}: ${formatEuro(total, this.i18n.language)}</p>
      ${this.flow.renderProblem()}
      <div class="actions">
        <button
          class="primary"
          type="button"
          part="pay-button"
          aria-disabled=${paying ? 'true' : 'false'}
          @click=${this.atKiosk ? this.payByPhone : this.pay}
        >
          ${
            this.atKiosk
              ? t('kiosk.pay')
              : this.flow.busy === 'redirecting'
                ? t('summary.redirecting')
                : paying
                  ? t('summary.paying')
                  : t('summary.pay')
          }
        </button>
        ${
          this.cart.length < CART_LIMIT
            ? html`<button
                class="secondary"
                type="button"
                aria-disabled=${paying ? 'true' : 'false'}
                @click=${() => this.flow.busy || this.flow.goTo('find')}
              >
                ${t('summary.addAnother')}
              </button>`
            : html`<p>${t('summary.cartFull')}</p>`
        }
      </div>
    </section>`;
  }
}
