import { LocalizeController, NetworkError, type StepFlow } from '@sportello/core';
import type { ValidationMessages, ValidationProblem, ValidationResult } from '@sportello/core/validators';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import type { PaymentMessages } from '../messages.js';

type Field = 'notice' | 'creditor';

/** Problems shown only once the citizen has left the field or submitted: not while still typing. */
const SHOWN_AFTER_TYPING = new Set(['required', 'length']);

/**
 * Core's checks of the codes and their words, loaded once the form has shown: the citizen reads
 * the form before typing, and the page's first paint does not wait for them.
 */
type Checks = typeof import('@sportello/core/validators');
const loadChecks = (): Promise<Checks> => import('@sportello/core/validators');

/** What a code is before the checks have arrived: taken as typed, nothing said about it yet. */
const unchecked = (value: string): ValidationResult<unknown> => ({ valid: true, value, problems: [] });

export interface NoticeFormOptions {
  flow: StepFlow<string, string>;
  i18n: LocalizeController<PaymentMessages>;
}

/**
 * The two codes of the find step (the notice code and the creditor's fiscal code), checked as the
 * citizen types: what they typed, which problems to show when, and the check-digit warnings they
 * chose to go past. The checks load after the widget's first render (`loadChecks`).
 */
export class NoticeForm {
  notice = '';
  creditor = '';
  private touched = new Set<Field>();
  private submitted = false;
  /** The inputs whose check-digit warnings the citizen has seen and chosen to go past. */
  private acknowledged = '';
  private checks?: Checks;
  private checksLoading?: Promise<Checks>;
  /** The checks' problems in the citizen's language, with the checks. */
  private validation?: LocalizeController<ValidationMessages>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: NoticeFormOptions,
  ) {}

  /** Loads core's checks once; a failed load is tried again at the next call. */
  loadChecks(): Promise<Checks> {
    this.checksLoading ??= loadChecks().then(
      (checks) => {
        this.validation = new LocalizeController(this.host, checks.validationMessages);
        this.checks = checks;
        this.host.requestUpdate();
        return checks;
      },
      (error: unknown) => {
        this.checksLoading = undefined;
        throw error;
      },
    );
    return this.checksLoading;
  }

  /** Whether the checks are here; says what went wrong when they could not be loaded. */
  async haveChecks(): Promise<boolean> {
    try {
      await this.loadChecks();
      return true;
    } catch (error) {
      this.options.flow.showError(navigator.onLine ? error : new NetworkError('offline'));
      return false;
    }
  }

  /** Settles once the checks asked for have arrived (or failed to); undefined when none are on their way. */
  get checksArriving(): Promise<unknown> | undefined {
    return this.checks ? undefined : this.checksLoading?.catch(() => undefined);
  }

  get noticeCheck(): ValidationResult<unknown> {
    return this.checks?.parseNoticeNumber(this.notice) ?? unchecked(this.notice);
  }

  get creditorCheck(): ValidationResult<unknown> {
    return this.checks?.validateCreditorCode(this.creditor) ?? unchecked(this.creditor);
  }

  get valid(): boolean {
    return this.noticeCheck.valid && this.creditorCheck.valid;
  }

  /** Puts codes in the form (the page's attributes, a scan, a link from a kiosk). */
  fill(notice: string, creditor: string): void {
    this.notice = notice;
    this.creditor = creditor;
    this.host.requestUpdate();
  }

  /** Shows every problem of the codes, as after a submit: codes the citizen did not type. */
  showProblems(): void {
    this.submitted = true;
    this.host.requestUpdate();
  }

  /** Empties the form: after a notice is found, and before the next citizen. */
  clear(): void {
    this.notice = '';
    this.creditor = '';
    this.submitted = false;
    this.acknowledged = '';
    this.touched = new Set();
    this.host.requestUpdate();
  }

  /**
   * The citizen submitted: true when the codes can be looked up. Otherwise the field to correct
   * takes the focus and its problem is said; a check-digit warning is said once, and a second
   * submit of the same codes goes past it.
   */
  async submit(): Promise<boolean> {
    if (!(await this.haveChecks())) return false;
    this.submitted = true;
    this.host.requestUpdate();
    const checks: [Field, ValidationResult<unknown>][] = [
      ['notice', this.noticeCheck],
      ['creditor', this.creditorCheck],
    ];
    const invalid = checks.find(([, check]) => !check.valid);
    if (invalid) {
      await this.options.flow.focus(`#${invalid[0]}`, this.problemText(invalid[0], invalid[1]));
      return false;
    }
    const warned = checks.find(([, check]) => check.problems.length > 0);
    const inputs = this.inputs;
    if (warned && this.acknowledged !== inputs) {
      this.acknowledged = inputs; // shown now; a second press goes ahead
      // Said, not only shown: the field with the warning takes the focus, and a screen reader reads
      // the warning with it (its description); said through the live region if it had the focus.
      const [field, check] = warned;
      await this.options.flow.focus(`#${field}`, this.problemText(field, check));
      return false;
    }
    return true;
  }

  /**
   * Reads the texts of the codes a scan found: the first that is a notice's pagoPA QR code or
   * postal Data Matrix fills the form. Otherwise says why none did: a notice's code read only in
   * part (a damaged print) says to scan again, anything else that it is not a notice's code.
   */
  async readScanned(texts: string[]): Promise<boolean> {
    const checks = await this.loadChecks();
    let unreadable: ValidationProblem | undefined;
    for (const text of texts) {
      const code = text.startsWith('PAGOPA|')
        ? checks.parseNoticeQr(text)
        : checks.parsePostalDataMatrix(text);
      if (!code.fields) {
        unreadable ??= code.problems.find((problem) => problem.code === 'incomplete');
        continue;
      }
      this.fill(code.fields.noticeNumber, code.fields.creditorCode);
      return true;
    }
    const { flow, i18n } = this.options;
    if (unreadable) {
      const { messageKey, params } = unreadable;
      flow.showProblem(() => this.validation!.t(messageKey, params));
    } else if (texts.length > 0) flow.showProblem(() => i18n.t('scan.notNotice'));
    return false;
  }

  private get inputs(): string {
    return `${this.noticeCheck.value}/${this.creditorCheck.value}`;
  }

  private visibleProblems(field: Field, check: ValidationResult<unknown>): ValidationProblem[] {
    const settled = this.submitted || this.touched.has(field);
    return check.problems.filter((p) => settled || !SHOWN_AFTER_TYPING.has(p.code));
  }

  /** What the field's message under it says. */
  private problemText(field: Field, check: ValidationResult<unknown>): string {
    return this.visibleProblems(field, check)
      .map((p) => this.validation!.t(p.messageKey, p.params))
      .join(' ');
  }

  /** The two fields, and the warning a second submit goes past. */
  render() {
    const t = this.options.i18n.t.bind(this.options.i18n);
    const warned = this.acknowledged !== '' && this.acknowledged === this.inputs;
    return html`${this.renderField('notice', t('find.notice'), t('find.noticeHint'), this.noticeCheck)}
    ${this.renderField('creditor', t('find.creditor'), t('find.creditorHint'), this.creditorCheck)}
    ${warned ? html`<p class="warning" role="alert">${t('find.warningConfirm')}</p>` : nothing}`;
  }

  private renderField(field: Field, label: string, hint: string, check: ValidationResult<unknown>) {
    const problems = this.visibleProblems(field, check);
    const isError = problems.some((p) => p.severity === 'error');
    const value = field === 'notice' ? this.notice : this.creditor;
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <p class="hint" id="${field}-hint">${hint}</p>
      <input
        id=${field}
        name=${field}
        part="input"
        inputmode="numeric"
        autocomplete="off"
        spellcheck="false"
        .value=${live(value)}
        aria-invalid=${isError ? 'true' : 'false'}
        aria-describedby=${problems.length ? `${field}-hint ${field}-problem` : `${field}-hint`}
        @input=${(event: InputEvent) => {
          const text = (event.target as HTMLInputElement).value;
          if (field === 'notice') this.notice = text;
          else this.creditor = text;
          this.host.requestUpdate();
        }}
        @blur=${(event: FocusEvent) => {
          // Leaving the step also blurs the field: only a citizen moving on counts as touching it.
          if (value && this.options.flow.step === 'find' && (event.target as Element).isConnected) {
            this.touched = new Set([...this.touched, field]);
            this.host.requestUpdate();
          }
        }}
      />
      ${
        problems.length
          ? html`<p id="${field}-problem" class=${isError ? 'error' : 'warning'}>
              ${this.problemText(field, check)}
            </p>`
          : nothing
      }
    </div>`;
  }
}
