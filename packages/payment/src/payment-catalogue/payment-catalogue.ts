import {
  apiClientFor,
  baseStyles,
  formStyles,
  formatEuro,
  headingLevelOf,
  LocalizeController,
  SportelloElement,
  StepFlow,
  WriteAttempt,
  type Schemas,
} from '@sportello/core';
import {
  catalogueNoticeProblems,
  normaliseCatalogueFields,
  parseEuroAmount,
  validateCodiceFiscale,
  validationMessages,
} from '@sportello/core/validators';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { paymentMessages } from '../messages.js';
import { catalogueMessages } from './messages.js';
import { handedOverNotices, returningPaymentFor, unfinishedCheckoutWithin } from '../payment/return.js';
import { paymentProblem } from '../payment-problem.js';
import '../payment/define.js';
import { paymentStyles } from '../payment/payment.styles.js';

type Item = Schemas['CatalogueItem'];
type Step = 'choose' | 'details' | 'pay';

/**
 * Spontaneous payments: the citizen picks a service of the municipality (a school canteen top-up,
 * a parking fine, a certificate's stamp duty), fills in its amount and one to three fields, and
 * the gateway creates a pagoPA notice that is then paid in `<sportello-payment>`.
 *
 * @tagname sportello-payment-catalogue
 * @summary Pay a municipal service that has no notice yet.
 *
 * @fires sportello-payment-completed - From the payment of the created notice (see `<sportello-payment>`).
 * @fires sportello-payment-start-over - From the payment, which then starts again from the list.
 *
 * @csspart item - Each service to choose from.
 * @csspart form - The form for the amount and the fields.
 */
export class SportelloPaymentCatalogue extends SportelloElement {
  static override styles = [baseStyles, formStyles, paymentStyles];

  /** Kiosk mode, for the payment too: it is paid from a phone through QR codes (see `<sportello-payment>`). */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  @state() private items: Item[] = [];
  @state() private item?: Item;
  @state() private amountText = '';
  @state() private values: Record<string, string> = {};
  @state() private submitted = false;
  @state() private notice?: Schemas['Notice'];

  /**
   * Making a notice: its Idempotency-Key is kept while the request stays the same (a retry, a key
   * typed and taken back), as `noticeBody` gives it.
   */
  private readonly noticeMaking = new WriteAttempt<string>();
  private readonly i18n = new LocalizeController(this, catalogueMessages);
  /** The payment step is announced by the payment widget inside it, which has its own live region. */
  private readonly flow = new StepFlow<Step, 'preparing'>(this, { first: 'choose' });
  private readonly problems = new LocalizeController(this, paymentMessages);
  private readonly validation = new LocalizeController(this, validationMessages);

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) return; // moved in the page: what the citizen chose carries on
    // Back from checkout for a payment started here, with its outcome or without one (the Back
    // button), or on a phone with the notice a kiosk handed over: the payment widget inside shows it.
    if (returningPaymentFor(this) || unfinishedCheckoutWithin(this) || handedOverNotices().length > 0) {
      this.flow.goTo('pay', { focus: false });
    } else void this.load();
  }

  /**
   * Back to the list with nothing the citizen chose, typed or made left, the payment inside
   * included; requests in flight are abandoned. "Pay another notice" and "I have finished" use
   * it, and a kiosk calls it at the end of each citizen's session.
   */
  reset(): void {
    this.startAfresh(false);
  }

  /** "Pay another notice", "I have finished": the next payment starts from the list, said and focused. */
  private backToList(): void {
    this.startAfresh(true);
  }

  private startAfresh(focus: boolean): void {
    this.renderRoot.querySelector('sportello-payment')?.reset();
    this.flow.reset({ focus });
    this.item = undefined;
    this.notice = undefined;
    this.clearForm();
    if (this.items.length === 0) void this.load(); // it opened on a payment, before any list
  }

  private get api() {
    return this.flow.client(apiClientFor(this));
  }

  private async load(): Promise<void> {
    this.flow.showProblem(undefined);
    try {
      this.items = (await this.api.get('/api/payments/catalogue')).items;
    } catch (error) {
      this.flow.showError(error, (e) => paymentProblem(this.problems, e));
    }
  }

  private choose(item: Item): void {
    this.item = item;
    this.clearForm();
    this.flow.goTo('details');
  }

  /** The amount and fields empty again, for another service or another citizen. */
  private clearForm(): void {
    this.amountText = '';
    this.values = {};
    this.submitted = false;
    this.noticeMaking.forget();
  }

  private get amountCents(): number | undefined {
    return this.item?.amount.kind === 'fixed' ? undefined : parseEuroAmount(this.amountText);
  }

  /** The message for each field that is wrong, by field name (`amountCents` for the amount). */
  private get fieldMessages(): Record<string, string> {
    const item = this.item!;
    const t = this.i18n.t.bind(this.i18n);
    const messages: Record<string, string> = {};
    const input = {
      fields: this.values,
      ...(this.amountCents !== undefined ? { amountCents: this.amountCents } : {}),
    };
    for (const problem of catalogueNoticeProblems(item, input)) {
      const name = problem.field.replace(/^fields\./, '');
      const field = item.fields.find((f) => f.name === name);
      if (problem.code === 'required') {
        messages[name] =
          name === 'amountCents' && this.amountText ? t('catalogue.amountInvalid') : t('catalogue.required');
      } else if (name === 'amountCents') {
        messages[name] = t('catalogue.amountRange', this.amountLimits(item));
      } else if (field?.kind === 'codiceFiscale') {
        const [first] = validateCodiceFiscale(this.values[name]).problems;
        messages[name] = first ? this.validation.t(first.messageKey, first.params) : t('catalogue.required');
      } else {
        messages[name] = t(field?.kind === 'plate' ? 'catalogue.plateInvalid' : 'catalogue.violationInvalid');
      }
    }
    return messages;
  }

  /** What a notice would be made from now, as sent: the service, and its fields and amount. */
  private get noticeBody() {
    const item = this.item!;
    const amountCents = this.amountCents;
    const body = {
      fields: normaliseCatalogueFields(item, this.values),
      ...(amountCents !== undefined ? { amountCents } : {}),
    };
    return { item, body, request: JSON.stringify([item.id, body]) };
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.flow.busy) return;
    this.submitted = true;
    const [wrong] = Object.entries(this.fieldMessages);
    if (wrong) {
      await this.flow.focus(`#field-${wrong[0]}`, wrong[1]);
      return;
    }
    this.flow.showProblem(undefined);
    const { item, body, request } = this.noticeBody;
    try {
      // Run, perhaps, without the answer reaching here: trying again gets the same notice.
      this.notice = await this.flow.whileBusy('preparing', () =>
        this.noticeMaking.send(request, (idempotencyKey) =>
          this.api.post('/api/payments/catalogue/{itemId}/notices', {
            params: { itemId: item.id },
            body,
            idempotencyKey,
          }),
        ),
      );
      // The citizen went back to the list meanwhile, or corrected what they typed: the notice made
      // stays unpaid, and a new press makes one from what the form says now.
      if (this.flow.step !== 'details') return;
      if (this.noticeBody.request !== request) {
        this.flow.showProblem(() => this.i18n.t('catalogue.changedMeanwhile'));
        return;
      }
      this.flow.goTo('pay');
    } catch (error) {
      this.flow.showError(error, (e) => paymentProblem(this.problems, e));
    }
  }

  /** An entered amount's limits as the citizen reads them; `max` is '' when the service sets none. */
  private amountLimits(item: Item): { min: string; max: string } {
    const language = this.i18n.language;
    const { minCents, maxCents } = item.amount;
    return { min: formatEuro(minCents ?? 1, language), max: maxCents ? formatEuro(maxCents, language) : '' };
  }

  private amountLabel(item: Item): string {
    const language = this.i18n.language;
    return item.amount.kind === 'fixed'
      ? this.i18n.t('catalogue.fixedAmount', { amount: formatEuro(item.amount.cents!, language) })
      : this.i18n.t('catalogue.enteredAmount', this.amountLimits(item));
  }

  protected override render() {
    const problem = this.flow.renderProblem();
    if (this.flow.step === 'pay') {
      return this.notice
        ? html`<sportello-payment
            notice=${this.notice.noticeNumber}
            creditor=${this.notice.creditorFiscalCode}
            ?kiosk=${this.kiosk}
            heading-level=${headingLevelOf(this)}
            @sportello-payment-start-over=${this.backToList}
          ></sportello-payment>`
        : html`<sportello-payment
            ?kiosk=${this.kiosk}
            heading-level=${headingLevelOf(this)}
            @sportello-payment-start-over=${this.backToList}
          ></sportello-payment>`;
    }
    const step =
      this.flow.step === 'details' && this.item
        ? this.renderDetails(this.item, problem)
        : this.renderChoose(problem);
    return html`${step} ${this.flow.renderStatus()}`;
  }

  private renderChoose(problem: unknown) {
    const t = this.i18n.t.bind(this.i18n);
    return html`<section class="step">
      ${this.flow.heading(t('catalogue.heading'))}
      <p>${t('catalogue.intro')}</p>
      <ul class="notices">
        ${this.items.map(
          (item) =>
            html`<li>
              <button class="secondary" type="button" part="item" @click=${() => this.choose(item)}>
                ${item.name[this.i18n.language]}
              </button>
              <p class="hint">${this.amountLabel(item)}</p>
            </li>`,
        )}
      </ul>
      ${problem}
      ${
        this.flow.problem && this.items.length === 0
          ? html`<div class="actions">
              <button
                class="primary"
                type="button"
                @click=${() => {
                  // The button goes once the list comes: the heading keeps the focus meanwhile.
                  this.flow.stayOn();
                  void this.load();
                }}
              >
                ${t('catalogue.reload')}
              </button>
            </div>`
          : nothing
      }
    </section>`;
  }

  private renderInput(
    id: string,
    label: string,
    hint: string,
    value: string,
    onInput: (value: string) => void,
    message?: string,
    inputMode = 'text',
  ) {
    const shown = this.submitted ? message : undefined;
    return html`<div class="field">
      <label for="field-${id}">${label}</label>
      ${hint ? html`<p class="hint" id="field-${id}-hint">${hint}</p>` : nothing}
      <input
        id="field-${id}"
        part="input"
        inputmode=${inputMode}
        autocomplete="off"
        spellcheck="false"
        .value=${live(value)}
        aria-invalid=${shown ? 'true' : 'false'}
        aria-describedby=${[hint ? `field-${id}-hint` : '', shown ? `field-${id}-problem` : ''].join(' ').trim()}
        @input=${(event: InputEvent) => onInput((event.target as HTMLInputElement).value)}
      />
      ${shown ? html`<p class="error" id="field-${id}-problem">${shown}</p>` : nothing}
    </div>`;
  }

  private renderDetails(item: Item, problem: unknown) {
    const t = this.i18n.t.bind(this.i18n);
    const language = this.i18n.language;
    const messages = this.fieldMessages;
    return html`<form class="step" part="form" novalidate @submit=${this.submit}>
      ${this.flow.heading(item.name[language])}
      ${
        item.amount.kind === 'fixed'
          ? html`<p class="total">${this.amountLabel(item)}</p>`
          : this.renderInput(
              'amountCents',
              t('catalogue.amount'),
              t('catalogue.amountHint', this.amountLimits(item)),
              this.amountText,
              (value) => (this.amountText = value),
              messages.amountCents,
              'decimal',
            )
      }
      ${item.fields.map((field) =>
        this.renderInput(
          field.name,
          field.label[language],
          '',
          this.values[field.name] ?? '',
          (value) => (this.values = { ...this.values, [field.name]: value }),
          messages[field.name],
        ),
      )}
      ${problem}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.flow.busy ? 'true' : 'false'}>
          ${this.flow.busy ? t('catalogue.preparing') : t('catalogue.continue')}
        </button>
        <button class="secondary" type="button" @click=${() => this.flow.goTo('choose')}>
          ${t('catalogue.back')}
        </button>
      </div>
    </form>`;
  }
}
