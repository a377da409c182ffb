import { LitElement, css, type CSSResultGroup } from 'lit';
import { installThemePresetsWhenNeeded, tokenStyles } from './theme/tokens.js';
import { VERSION } from './version.js';

/** Styles every Sportello element starts from: tokens, typography, visible focus, `hidden`. */
export const baseStyles = [
  tokenStyles,
  css`
    :host {
      box-sizing: border-box;
      font-family: var(--_font-family);
      font-size: var(--_font-size);
      line-height: var(--_line-height);
      color: var(--_color-text);
    }
    :host([hidden]) {
      display: none !important;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    :focus-visible {
      outline: 3px solid var(--_color-focus);
      outline-offset: 2px;
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation-duration: 0.01ms !important;
        transition-duration: 0.01ms !important;
      }
    }
  `,
];

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
    installThemePresetsWhenNeeded(this.ownerDocument);
  }
}
