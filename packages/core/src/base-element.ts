import { LitElement, unsafeCSS, type CSSResultGroup } from 'lit';
import { baseCss } from './theme/token-values.js';
import { installThemePresetsWhenNeeded, tokenStyles } from './theme/tokens.js';
import { VERSION } from './version.js';

/** Styles every Sportello element starts from: tokens, typography, visible focus, `hidden`. */
export const baseStyles = [tokenStyles, unsafeCSS(baseCss)];

/**
 * Base class of every Sportello element: records the version for `define()`, delegates focus to the
 * first control inside, and makes sure the page gets the theme presets when it uses them.
 */
export class SportelloElement extends LitElement {
  static readonly version: string = VERSION;
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };
  static override styles: CSSResultGroup = baseStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    installThemePresetsWhenNeeded(this.ownerDocument, this);
  }
}
