import { LitElement, unsafeCSS, type CSSResultGroup } from 'lit';
import { translationsArriving } from './i18n/localize-controller.js';
import { baseCss } from './theme/token-values.js';
import { installThemePresetsWhenNeeded, tokenStyles } from './theme/tokens.js';
import { VERSION } from './version.js';

/** Styles every Sportello element starts from: tokens, typography, visible focus, `hidden`. */
export const baseStyles = [tokenStyles, unsafeCSS(baseCss)];

/**
 * Base class of every Sportello element: records the version for `define()`, delegates focus to the
 * first control inside, makes sure the page gets the theme presets when it uses them, and renders
 * in the element's language only.
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

  /**
   * Renders once the messages of the element's language are here: a language other than Italian
   * loads the first time an element speaks it (see defineCatalogue), and in between the element
   * keeps what it showed (nothing yet, on a first render: the page's reservation holds its room).
   */
  protected override scheduleUpdate(): Promise<unknown> | undefined {
    const arriving = translationsArriving(this);
    if (arriving) return arriving.then(() => super.scheduleUpdate());
    super.scheduleUpdate();
    return undefined;
  }
}
