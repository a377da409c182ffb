import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SportelloElement, baseStyles } from '../base-element.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { coreMessages } from '../messages.js';
import type { ErrorCorrection, QrDrawing } from './qr-encoder.js';
import { qrStyles } from './qr.styles.js';

const LEVELS: readonly ErrorCorrection[] = ['L', 'M', 'Q', 'H'];

type Outcome = { kind: 'drawn'; drawing: QrDrawing } | { kind: 'too-long' } | { kind: 'unavailable' };

/**
 * A QR code drawn from its `value` as an SVG image, with a text alternative that says what the code
 * is for. The encoder is downloaded the first time a code is drawn. Payment, booking, certificates and
 * the kiosk use it for pagoPA codes and "continue on your phone" links.
 *
 * @tagname sportello-qr
 * @summary A QR code with a text alternative, drawn on demand.
 *
 * @slot - Visible caption under the code, such as what to do with it ("Scan it with the IO app").
 *
 * @csspart code - The drawing of the code (an image with the text alternative).
 * @csspart caption - The caption under the code, around the default slot.
 * @csspart error - The message shown instead of the code when it cannot be drawn.
 *
 * @cssproperty --sportello-qr-size - Side of the code, border included. Default `12rem`.
 * @cssproperty --sportello-qr-foreground - Colour of the dark modules. Default black.
 * @cssproperty --sportello-qr-background - Colour of the light modules and the border. Default white.
 */
export class SportelloQr extends SportelloElement {
  static override styles = [baseStyles, qrStyles];

  /** The text to encode: a link, or a pagoPA payload such as `PAGOPA|002|...`. */
  @property() value = '';

  /** Error-correction level: `L`, `M` (default, as printed on pagoPA notices), `Q` or `H`. */
  @property({ attribute: 'error-correction' }) errorCorrection: ErrorCorrection = 'M';

  /** What the code is for, read by screen readers ("QR code to pay this notice from your phone"). */
  @property() label = '';

  @state() private outcome?: Outcome;

  private pendingDraw?: Promise<void>;
  // The caption and the label are the page author's words, in the page's language: only the
  // element's own words (the default label, the errors) are marked with Sportello's.
  private readonly i18n = new LocalizeController(this, coreMessages, { markHost: false });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') || changed.has('errorCorrection')) {
      this.outcome = undefined;
      this.pendingDraw = this.value ? this.draw(this.value, this.level) : undefined;
    }
  }

  /** Resolves once the code for the current value is drawn (or known not to be drawable). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const settled = await super.getUpdateComplete();
    if (!this.pendingDraw) return settled;
    await this.pendingDraw;
    return super.getUpdateComplete();
  }

  private get level(): ErrorCorrection {
    const level = this.errorCorrection?.toUpperCase() as ErrorCorrection;
    return LEVELS.includes(level) ? level : 'M';
  }

  private async draw(value: string, level: ErrorCorrection): Promise<void> {
    let outcome: Outcome;
    try {
      const { drawQr } = await import('./qr-encoder.js');
      try {
        outcome = { kind: 'drawn', drawing: drawQr(value, level) };
      } catch {
        outcome = { kind: 'too-long' };
      }
    } catch {
      outcome = { kind: 'unavailable' }; // The encoder could not be downloaded (offline, blocked).
    }
    // A newer value may have arrived while the encoder loaded: only the latest one is shown.
    if (value === this.value && level === this.level) this.outcome = outcome;
  }

  protected override render() {
    return html`
      <figure>
        ${this.renderCode()}
        <figcaption part="caption"><slot></slot></figcaption>
      </figure>
    `;
  }

  private renderCode() {
    if (!this.value) return nothing;
    const own = this.i18n.language;
    // The author's label is in the page's language; the default one is in Sportello's.
    const label = this.label || this.i18n.t('qr.label');
    const labelLanguage = this.label ? nothing : own;
    switch (this.outcome?.kind) {
      case undefined:
        return html`<div
          part="code"
          class="placeholder"
          role="img"
          aria-label=${label}
          lang=${labelLanguage}
          aria-busy="true"
        ></div>`;
      case 'too-long':
        return html`<p part="error" class="error" role="alert" lang=${own}>${this.i18n.t('qr.tooLong')}</p>`;
      case 'unavailable':
        return html`<p part="error" class="error" role="alert" lang=${own}>
          ${this.i18n.t('qr.unavailable')}
        </p>`;
      case 'drawn': {
        const { side, path } = this.outcome.drawing;
        return html`<svg
          part="code"
          role="img"
          aria-label=${label}
          lang=${labelLanguage}
          viewBox="0 0 ${side} ${side}"
          shape-rendering="crispEdges"
        >
          <rect class="ground" width=${side} height=${side}></rect>
          <path class="modules" d=${path}></path>
        </svg>`;
      }
    }
  }
}
