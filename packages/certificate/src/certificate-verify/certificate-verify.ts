import {
  ApiError,
  apiClientFor,
  baseStyles,
  formatDate,
  formStyles,
  gatewayOf,
  hasContextAttribute,
  LocalizeController,
  NetworkError,
  SportelloElement,
  StepFlow,
} from '@sportello/core';
import {
  certificateKind,
  FACT_LABELS,
  formatCertificateId,
  isExpired,
  normaliseCertificateId,
  VALIDITY_EXPLANATIONS,
  verifySeal,
  type CertificateFace,
} from '@sportello/core/certificates';
import { loadScanner, ScanCamera, type Frame } from '@sportello/core/scanner';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { certificateVerifyStyles } from './certificate-verify.styles.js';
import { verifyMessages } from './messages.js';
import { keepSealKeys, keptSealKeys } from './seal-keys.js';

type Step = 'check' | 'scan' | 'result';

/** What a check found: each has its own answer. */
type Outcome =
  /** `sealOnly`: checked offline by the seal; the gateway was not asked whether it was withdrawn. */
  | { status: 'genuine' | 'expired'; face: CertificateFace; sealOnly?: boolean }
  | { status: 'revoked'; face: CertificateFace }
  | { status: 'unknown'; id: string }
  | { status: 'altered' | 'unknown-key' | 'malformed' | 'no-keys' };

/** A seal's text (`S1.<payload>.<signature>`), as opposed to a typed identifier. */
const SEAL_TEXT = /^S\d+\./i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks a registry certificate for whoever holds it: free, with no sign-in. Type the identifier
 * printed on it (checked online), or scan its QR code with the camera, or choose a photo of it, or
 * paste the QR code's text: the seal in it is checked on the device with the municipality's public
 * keys, which the element keeps for checking offline, and, when online, the gateway is asked
 * whether the certificate was withdrawn since. The answer says genuine, expired, withdrawn, changed,
 * another municipality's (or forged), not a certificate's code or unknown, and shows what the
 * certificate prints (its kind, the person's initials, the facts, dates and issuer) and nothing
 * more, to compare with the paper.
 *
 * @tagname sportello-certificate-verify
 * @summary Check that a registry certificate is genuine, by its identifier or its QR code, also offline.
 *
 * @fires sportello-step-change - Another step is shown: `{ step }` (`check`, `scan`, `result`).
 * @fires sportello-announcement - The element says something to screen readers: `{ text }`.
 *
 * @csspart form - The form with the identifier.
 * @csspart input - The identifier field.
 * @csspart camera - The camera preview while scanning a QR code.
 * @csspart result - The answer, with what the certificate says.
 *
 * @cssproperty --sportello-certificate-verify-gap - Space between the parts of a step. Default `16px`.
 */
export class SportelloCertificateVerify extends SportelloElement {
  static override styles = [baseStyles, formStyles, certificateVerifyStyles];

  /** Kiosk mode: 48 px targets, and no photo to choose (a kiosk has no files of the citizen's). */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  @state() private typed = '';
  @state() private outcome?: Outcome;
  @query('input[type="file"]') private photoInput?: HTMLInputElement;

  private readonly i18n = new LocalizeController(this, verifyMessages);
  private readonly flow = new StepFlow<Step, 'checking'>(this, {
    first: 'check',
    // The answer's heading and its first line: the plain answer is heard whole.
    announcement: (title, step) => (step === 'result' ? `${title}. ${this.answerText()}` : title),
  });
  private readonly camera = new ScanCamera(this, {
    scanning: () => this.flow.step === 'scan',
    read: (frame) => this.readCode(frame, false),
    unavailable: () => {
      this.flow.goTo('check');
      this.flow.showProblem(() => this.i18n.t('scan.unavailable'));
    },
  });

  private get api() {
    return this.flow.client(apiClientFor(this));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // While online, the keys are kept up to date for the day this device is offline.
    void this.downloadKeys(apiClientFor(this)).catch(() => undefined);
  }

  /** Back to the first step with nothing of the certificate checked left; the kept keys stay. */
  reset(): void {
    this.camera.reset();
    this.flow.reset();
    this.typed = '';
    this.outcome = undefined;
  }

  private get atKiosk(): boolean {
    return this.kiosk || hasContextAttribute(this, 'data-sportello-kiosk');
  }

  /** Downloads the gateway's seal keys and keeps them on the device. */
  private async downloadKeys(api = this.api): Promise<JsonWebKey[]> {
    const { keys } = await api.get('/api/certificates/seal-keys');
    keepSealKeys(gatewayOf(this), keys);
    return keys;
  }

  private show(outcome: Outcome): void {
    this.outcome = outcome;
    this.flow.goTo('result');
  }

  private readonly onCheck = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.flow.busy) return;
    const text = this.typed.trim();
    if (!text) return this.invalid('check.missing');
    if (SEAL_TEXT.test(text)) return void this.checkSeal(text);
    const id = normaliseCertificateId(text);
    if (!id) return this.invalid('check.invalid');
    void this.checkId(id);
  };

  private invalid(problem: 'check.missing' | 'check.invalid'): void {
    this.flow.showProblem(() => this.i18n.t(problem));
    void this.flow.focus('#certificate-id', this.i18n.t(problem));
  }

  /** By identifier, online: the gateway says whether it issued it, and what it prints. */
  private async checkId(id: string): Promise<void> {
    try {
      const answer = await this.flow.whileBusy('checking', () =>
        this.api.post('/api/certificates/verifications', { body: { id } }),
      );
      this.show({ status: answer.status === 'valid' ? 'genuine' : answer.status, face: answer.face });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'certificate-unknown') {
        return this.show({ status: 'unknown', id });
      }
      this.failed(error, (e) =>
        e instanceof NetworkError && e.reason === 'offline' ? this.i18n.t('check.offline') : undefined,
      );
    }
  }

  /** A check could not be made: said on the first step (the camera, if it read the code, is off). */
  private failed(error: unknown, own?: (error: unknown) => string | undefined): void {
    this.flow.goTo('check');
    this.flow.showError(error, own);
  }

  /** A QR code's text: its seal checked on the device, then (online) whether it was withdrawn. */
  private async checkSeal(text: string): Promise<void> {
    try {
      // Not all of it is requests, which a reset abandons: the answer is dropped after one too.
      this.show(await this.flow.untilReset(this.flow.whileBusy('checking', () => this.sealOutcome(text))));
    } catch (error) {
      this.failed(error);
    }
  }

  private async sealOutcome(text: string): Promise<Outcome> {
    // Not a seal at all: said without asking for keys, which an offline device may not have.
    const shape = await verifySeal(text, []);
    if (shape.status === 'malformed') return shape;
    let keys = keptSealKeys(gatewayOf(this));
    let downloaded = false;
    if (!keys) {
      try {
        keys = await this.downloadKeys();
        downloaded = true;
      } catch (error) {
        if (error instanceof NetworkError) return { status: 'no-keys' };
        throw error;
      }
    }
    let verdict = await verifySeal(text, keys);
    if ((verdict.status === 'unknown-key' || verdict.status === 'altered') && !downloaded) {
      // Kept keys may be old (the municipality took on a new key): asked again before saying no.
      try {
        verdict = await verifySeal(text, await this.downloadKeys());
      } catch {
        // Offline: the kept keys' answer stands.
      }
    }
    if (verdict.status !== 'genuine') return { status: verdict.status };
    const face = verdict.face;
    try {
      // What the seal cannot say: whether the registry office withdrew the certificate since.
      const online = await this.api.post('/api/certificates/verifications', { body: { id: face.id } });
      if (online.status === 'revoked') return { status: 'revoked', face };
      return { status: online.status === 'expired' ? 'expired' : 'genuine', face };
    } catch (error) {
      // A genuine seal the municipality's records do not know (lost, or sealed elsewhere with its key):
      // not to be taken as genuine.
      if (error instanceof ApiError && error.code === 'certificate-unknown') {
        return { status: 'unknown', id: face.id };
      }
      // Offline, or no answer now (busy, a failure): the seal alone says it is genuine.
      if (error instanceof NetworkError || (error instanceof ApiError && error.notYet)) {
        return { status: isExpired(face, this.api.now()) ? 'expired' : 'genuine', face, sealOnly: true };
      }
      throw error;
    }
  }

  /**
   * Reads a QR code in one image (a camera frame, a photo) and checks it; false when there is none.
   * A code that is neither a seal nor an identifier is not a certificate's.
   */
  private async readCode(frame: Frame, photo: boolean): Promise<boolean> {
    const [code] = await (await loadScanner()).readCodes(frame);
    if (code === undefined) {
      if (photo) this.flow.showProblem(() => this.i18n.t('scan.noCode'));
      return false;
    }
    this.camera.close();
    const id = SEAL_TEXT.test(code) ? undefined : normaliseCertificateId(code);
    if (id) void this.checkId(id);
    else void this.checkSeal(code);
    return true;
  }

  private readonly onPhoto = async () => {
    const file = this.photoInput?.files?.[0];
    if (!file) return;
    this.photoInput!.value = ''; // the same photo can be chosen again
    this.flow.showProblem(undefined);
    try {
      await this.readCode(await createImageBitmap(file), true);
    } catch {
      this.flow.showProblem(() => this.i18n.t('scan.noCode')); // not a picture the browser can open
    }
  };

  private readonly another = () => {
    this.outcome = undefined;
    this.typed = '';
    this.flow.goTo('check');
  };

  protected override render() {
    const step = this.flow.step;
    return html`${step === 'scan' ? this.renderScan() : step === 'result' ? this.renderResult() : this.renderCheck()}
    ${this.flow.renderStatus()}`;
  }

  private renderCheck() {
    const t = this.i18n.t.bind(this.i18n);
    const problem = this.flow.problem;
    return html`<form class="step" part="form" novalidate @submit=${this.onCheck}>
      ${this.flow.heading(t('check.heading'))}
      <p>${t('check.intro')}</p>
      <div class="field">
        <label for="certificate-id">${t('check.field')}</label>
        <span class="hint" id="certificate-id-hint">${t('check.hint')}</span>
        <input
          id="certificate-id"
          part="input"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          aria-describedby="certificate-id-hint"
          aria-invalid=${problem ? 'true' : 'false'}
          .value=${live(this.typed)}
          @input=${(event: InputEvent) => (this.typed = (event.target as HTMLInputElement).value)}
        />
      </div>
      ${this.flow.renderProblem()}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.flow.busy ? 'true' : 'false'}>
          ${this.flow.busy ? t('check.checking') : t('check.submit')}
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
          this.atKiosk
            ? nothing
            : html`<button class="secondary" type="button" @click=${() => this.photoInput?.click()}>
                  ${t('scan.photo')}
                </button>
                <input type="file" accept="image/*" hidden @change=${this.onPhoto} />`
        }
      </div>
    </form>`;
  }

  private renderScan() {
    const t = this.i18n.t.bind(this.i18n);
    return html`<section class="step">
      ${this.flow.heading(t('scan.heading'))}
      <p>${t('scan.instructions')}</p>
      <video part="camera" muted playsinline></video>
      ${this.flow.renderProblem()}
      <div class="actions">
        <button class="secondary" type="button" @click=${() => this.flow.goTo('check')}>
          ${t('scan.cancel')}
        </button>
      </div>
    </section>`;
  }

  /** The plain answer under the heading, in the current language. */
  private answerText(): string {
    const outcome = this.outcome;
    if (!outcome) return '';
    const t = this.i18n.t.bind(this.i18n);
    switch (outcome.status) {
      case 'expired':
        return t('result.expiredText', { date: this.date(outcome.face.validUntil!) });
      case 'unknown':
        return t('result.unknownText', { id: formatCertificateId(outcome.id) });
      default:
        return t(`result.${outcome.status}Text`);
    }
  }

  private date(day: string): string {
    return formatDate(`${day}T12:00:00Z`, this.i18n.language);
  }

  private renderResult() {
    const outcome = this.outcome!;
    const t = this.i18n.t.bind(this.i18n);
    const good = outcome.status === 'genuine' || outcome.status === 'expired';
    const language = this.i18n.language;
    return html`<section class="step" part="result">
      <div class="answer ${good ? 'good' : 'bad'}">
        ${this.flow.heading(t(`result.${outcome.status}`))}
        <p>${this.answerText()}</p>
        ${outcome.status === 'expired' ? html`<p>${VALIDITY_EXPLANATIONS.expired[language]}</p>` : nothing}
        ${'sealOnly' in outcome && outcome.sealOnly ? html`<p>${t('result.sealOnly')}</p>` : nothing}
      </div>
      ${'face' in outcome ? this.renderFace(outcome.face) : nothing}
      <div class="actions">
        <button class="primary" type="button" @click=${this.another}>${t('result.another')}</button>
      </div>
    </section>`;
  }

  /** What the certificate prints, and nothing more; the facts in Italian, as printed. */
  private renderFace(face: CertificateFace) {
    const t = this.i18n.t.bind(this.i18n);
    const language = this.i18n.language;
    const kind = certificateKind(face.kind);
    return html`${this.flow.subheading(t('face.heading'))}
      <dl>
        <dt>${t('face.kind')}</dt>
        <dd>${kind?.name[language] ?? face.kind}</dd>
        <dt>${t('face.subject')}</dt>
        <dd>${face.subjectInitials}</dd>
        ${Object.entries(face.facts).map(
          // Dates in the reader's language; the rest as the certificate prints it, in Italian.
          ([key, value]) =>
            html`<dt>${FACT_LABELS[key]?.[language] ?? key}</dt>
              ${DATE.test(value) ? html`<dd>${this.date(value)}</dd>` : html`<dd lang="it">${value}</dd>`}`,
        )}
        <dt>${t('face.issuedOn')}</dt>
        <dd>${this.date(face.issuedOn)}</dd>
        <dt>${t('face.validity')}</dt>
        <dd>
          ${
            face.validUntil === null
              ? VALIDITY_EXPLANATIONS.unlimited[language]
              : t('face.validUntil', { date: this.date(face.validUntil) })
          }
        </dd>
        <dt>${t('face.issuer')}</dt>
        <dd>${/^\d{11}$/.test(face.issuer) ? t('face.issuerCode', { code: face.issuer }) : face.issuer}</dd>
        <dt>${t('face.id')}</dt>
        <dd>${formatCertificateId(face.id)}</dd>
      </dl>`;
  }
}
