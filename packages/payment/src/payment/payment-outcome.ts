// How a payment ended: the practice checkout of the sandbox, checking the payment on the way back
// from pagoPA, and the outcome with its receipt. Loaded when the citizen pays, or comes back from
// checkout, so that a page showing the payment widget does not download it before.
import {
  ApiError,
  documentLink,
  emit,
  formatDateTime,
  formatEuro,
  NetworkError,
  type ApiClient,
  type LocalizeController,
  type Schemas,
  type StepFlow,
} from '@sportello/core';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { PaymentMessageKey, paymentMessages } from '../messages.js';
import { paymentProblem } from '../payment-problem.js';
import { noticeDetails } from './notice-details.js';
import { firstReport, leavePayment, settleCheckout } from './return.js';

type Payment = Schemas['Payment'];
export type OutcomeStep = 'checkout' | 'checking' | 'outcome';

export interface PaymentOutcomeOptions {
  flow: StepFlow<string, string>;
  api: () => ApiClient;
  i18n: LocalizeController<(typeof paymentMessages)['it']>;
  /** "Try paying again": the summary of these notices, a new attempt. */
  payAgain: (notices: Schemas['Notice'][]) => void;
  /** "Pay another notice". */
  startOver: () => void;
}

/** The payment being checked or shown, its checks and its outcome's step. */
export class PaymentOutcome {
  /** The payment shown (pending, paid, cancelled or failed). */
  result?: Payment;
  /** The payment whose outcome is being asked for, or was last: "check again" asks again. */
  checking?: string;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: PaymentOutcomeOptions,
  ) {}

  private t(key: PaymentMessageKey) {
    return this.options.i18n.t(key as never);
  }

  /** The payment made for the practice checkout: shown here, where its outcome is chosen. */
  practise(payment: Payment): void {
    this.result = payment;
    this.options.flow.goTo('checkout');
  }

  /**
   * Forgets the payment: it is not brought back by reloading the page (whose address may still name
   * it). For the next citizen, or a citizen who moved on.
   */
  forget(): void {
    const left = this.result?.id ?? this.checking;
    if (left) leavePayment(left);
    this.result = undefined;
    this.checking = undefined;
  }

  private readonly practiceOutcome = async (outcome: Schemas['SimulatedOutcome']['outcome']) => {
    const { flow, api } = this.options;
    if (flow.busy || !this.result) return;
    const paymentId = this.result.id;
    try {
      const payment = await flow.whileBusy('checking', () =>
        api().post('/api/payments/{paymentId}/simulated-outcome', {
          params: { paymentId },
          body: { outcome },
        }),
      );
      this.settle(payment);
    } catch (error) {
      flow.showError(error, (e) => paymentProblem(this.options.i18n, e));
    }
  };

  /** Asks the gateway how `paymentId` went, and shows it. */
  async show(paymentId: string): Promise<void> {
    const { flow, api, i18n } = this.options;
    if (flow.busy) return;
    flow.showProblem(undefined);
    this.checking = paymentId;
    // "Check again" on a pending payment: the step stays, so its news is said, not moved to.
    const checkingAgain = flow.step === 'outcome';
    try {
      const payment = await flow.whileBusy('checking', () =>
        api().get('/api/payments/{paymentId}', { params: { paymentId } }),
      );
      this.settle(payment);
      if (!checkingAgain) return;
      if (payment.status === 'pending') flow.announce(this.t('outcome.pendingText'));
      // Paid, cancelled or failed since: a new outcome, whose heading takes the focus from the
      // "check again" button that goes, and is said.
      else flow.refocus();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // A payment the gateway does not know (its data was reset, a link mistyped) is not one to
        // come back to, nor to ask about again: reloading the page starts afresh.
        leavePayment(paymentId);
        flow.goTo('find');
        flow.showProblem(() => this.t('outcome.unknownPayment'));
      } else if (checkingAgain) {
        // A check that failed leaves the pending payment shown, with its way back to pagoPA.
        flow.showError(error, (e) => paymentProblem(i18n, e));
      } else {
        // Back from pagoPA and the gateway cannot say yet how it went: the citizen may have paid,
        // so they are not sent to pay again but offered to check again.
        const offline = error instanceof NetworkError && error.reason === 'offline';
        flow.showProblem(() => this.t(offline ? 'checking.offline' : 'checking.failed'));
      }
    }
  }

  /** "Check again" after the way back from pagoPA could not be checked. */
  private readonly checkAgain = () => {
    this.options.flow.stayOn(); // the buttons go while it is asked: the heading keeps the focus
    void this.show(this.checking!);
  };

  private settle(payment: Payment): void {
    this.result = payment;
    if (payment.status !== 'pending') settleCheckout(payment.id);
    this.options.flow.goTo('outcome');
    if (payment.status !== 'pending' && firstReport(payment.id)) {
      emit(this.host, 'sportello-payment-completed', {
        paymentId: payment.id,
        status: payment.status,
        amountCents: payment.amountCents,
      });
    }
  }

  /** "Try paying again" after a cancelled or failed payment: a new attempt for the same notices. */
  private readonly retry = () => {
    // Leaving checkout for the new attempt by the Back button reloads this page: it must show the
    // new attempt, still open, not the old one the address names.
    const notices = this.result!.notices;
    leavePayment(this.result!.id);
    this.result = undefined;
    this.options.payAgain(notices);
  };

  render(step: OutcomeStep) {
    if (step === 'checkout') return this.renderPracticeCheckout();
    if (step === 'checking' || !this.result) return renderChecking(this.options, this.checkAgain);
    return this.renderOutcome(this.result);
  }

  private renderPracticeCheckout() {
    const { flow, i18n } = this.options;
    return html`<section class="step">
      ${flow.heading(this.t('checkout.heading'))}
      <p>${this.t('checkout.intro')}</p>
      <p class="total">
        ${this.t('summary.total')}: ${formatEuro(this.result?.amountCents ?? 0, i18n.language)}
      </p>
      ${flow.renderProblem()}
      <div class="actions">
        <button class="primary" type="button" @click=${() => this.practiceOutcome('paid')}>
          ${this.t('checkout.paid')}
        </button>
        <button class="secondary" type="button" @click=${() => this.practiceOutcome('cancelled')}>
          ${this.t('checkout.cancelled')}
        </button>
        <button class="secondary" type="button" @click=${() => this.practiceOutcome('failed')}>
          ${this.t('checkout.failed')}
        </button>
      </div>
    </section>`;
  }

  private renderReceiptLink(receipt: NonNullable<Payment['receipt']>) {
    const filename = `ricevuta-${receipt.number}.pdf`;
    const link = documentLink(this.host, receipt.pdfUrl, filename);
    return html`<a class="button secondary" href=${link.href} download=${filename} @click=${link.follow}
      >${this.t('outcome.download')}</a
    >`;
  }

  private renderOutcome(payment: Payment) {
    const { flow, i18n } = this.options;
    const t = (key: PaymentMessageKey) => this.t(key);
    const texts: Record<Payment['status'], [PaymentMessageKey, PaymentMessageKey]> = {
      paid: ['outcome.paidHeading', 'outcome.paidText'],
      cancelled: ['outcome.cancelledHeading', 'outcome.cancelledText'],
      failed: ['outcome.failedHeading', 'outcome.failedText'],
      pending: ['outcome.pendingHeading', 'outcome.pendingText'],
    };
    const [heading, text] = texts[payment.status];
    const notices = html`<ul class="notices">
      ${payment.notices.map((notice) => html`<li>${noticeDetails(notice, i18n)}</li>`)}
    </ul>`;
    return html`<section class="step">
      ${flow.heading(t(heading))}
      <p>${t(text)}</p>
      ${
        payment.receipt
          ? html`<div class="receipt" part="receipt">
              <dl>
                <dt>${t('outcome.receiptNumber')}</dt>
                <dd>${payment.receipt.number}</dd>
                <dt>${t('outcome.paidAt')}</dt>
                <dd>${formatDateTime(payment.receipt.paidAt, i18n.language)}</dd>
                <dt>${t('outcome.amountPaid')}</dt>
                <dd>${formatEuro(payment.amountCents, i18n.language)}</dd>
              </dl>
              ${notices} ${payment.simulated ? html`<p>${t('outcome.simulated')}</p>` : nothing}
              <p>${this.renderReceiptLink(payment.receipt)}</p>
            </div>`
          : payment.status === 'pending'
            ? notices
            : nothing
      }
      ${flow.renderProblem()}
      <div class="actions">
        ${
          payment.status === 'pending' && payment.checkoutUrl
            ? html`<a class="button primary" href=${payment.checkoutUrl}>${t('outcome.continue')}</a>`
            : nothing
        }
        ${
          payment.status === 'pending'
            ? html`<button
                class="secondary"
                type="button"
                aria-disabled=${flow.busy === 'checking' ? 'true' : 'false'}
                @click=${() => this.show(payment.id)}
              >
                ${t('outcome.check')}
              </button>`
            : nothing
        }
        ${
          payment.status === 'cancelled' || payment.status === 'failed'
            ? html`<button class="primary" type="button" @click=${this.retry}>${t('outcome.retry')}</button>`
            : nothing
        }
        <button class="secondary" type="button" @click=${this.options.startOver}>
          ${t('outcome.newPayment')}
        </button>
      </div>
    </section>`;
  }
}

/**
 * "Checking your payment", on the way back from pagoPA (the element shows its first lines itself
 * while this module loads); with "check again" once a check could not say.
 */
function renderChecking(
  { flow, i18n, startOver }: Pick<PaymentOutcomeOptions, 'flow' | 'i18n' | 'startOver'>,
  checkAgain: () => void,
) {
  const t = i18n.t.bind(i18n);
  return html`<section class="step">
    ${flow.heading(t('checking.heading'))}
    ${
      flow.problem
        ? html`${flow.renderProblem()}
            <div class="actions">
              <button class="primary" type="button" @click=${checkAgain}>${t('outcome.check')}</button>
              <button class="secondary" type="button" @click=${startOver}>${t('outcome.newPayment')}</button>
            </div>`
        : html`<p>${t('checking.text')}</p>`
    }
  </section>`;
}
