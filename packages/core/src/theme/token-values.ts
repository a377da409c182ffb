// Design tokens and theme presets as plain data and CSS text, without Lit, so that an element built
// without Lit (the calendar, benchmarked against Cally's size) can use them without bundling Lit.
// tokens.ts builds the Lit styles from them.

import { hasContextAttribute } from '../context-attribute.js';

/**
 * Design tokens in three tiers, all CSS custom properties so a page can restyle every widget:
 *
 * - reference: the palette and scales, named by what they are (`--sportello-ref-blue-600`);
 * - system: roles the widgets use (`--sportello-color-primary`, `--sportello-target-size`);
 *   a page, the kiosk or a theme preset sets these;
 * - component: one element's knobs (`--sportello-qr-size`), documented on each element.
 *
 * Defaults follow the Italian design system (Designers Italia / Bootstrap Italia): primary #0066CC,
 * Titillium Web with system fallbacks, a 4 px spacing scale. Colours were picked for WCAG AA
 * contrast on their surfaces, which is why danger and warning are darker than Bootstrap Italia's.
 */
export const referenceTokens = {
  'blue-600': '#0066cc',
  'blue-800': '#004080',
  'blue-200': '#80b3e6',
  'neutral-0': '#ffffff',
  'neutral-50': '#f5f6f7',
  'neutral-300': '#b1b1b3',
  'neutral-600': '#5c6f82',
  'neutral-900': '#191919',
  'neutral-950': '#111417',
  'red-700': '#b71f38',
  'green-700': '#00704b',
  'amber-800': '#8a4f00',
} as const;

type SystemTokens = Record<string, string>;

const ref = (name: keyof typeof referenceTokens): string =>
  `var(--sportello-ref-${name}, ${referenceTokens[name]})`;

/** System tokens of the default (light) theme, with the reference token each one falls back to. */
export const lightTheme: SystemTokens = {
  'color-primary': ref('blue-600'),
  'color-primary-strong': ref('blue-800'),
  'color-on-primary': ref('neutral-0'),
  'color-text': ref('neutral-900'),
  'color-text-muted': ref('neutral-600'),
  'color-surface': ref('neutral-0'),
  'color-surface-raised': ref('neutral-50'),
  'color-border': ref('neutral-600'),
  'color-danger': ref('red-700'),
  'color-success': ref('green-700'),
  'color-warning': ref('amber-800'),
  'color-focus': ref('blue-800'),
  // What a widget paints behind itself: nothing on the light theme, where the page's own (light)
  // background shows through; the dark and high-contrast presets paint their surface, so that their
  // light text never stands on a page that stayed white.
  'color-background': 'transparent',
};

export const darkTheme: SystemTokens = {
  'color-primary': '#66b2ff',
  'color-primary-strong': '#99ccff',
  'color-on-primary': '#0b1a2b',
  'color-text': '#f2f3f5',
  'color-text-muted': '#b8c2cc',
  'color-surface': '#17191c',
  'color-surface-raised': '#23272b',
  'color-border': '#8d99a6',
  'color-danger': '#ff8a9b',
  'color-success': '#5fd3a4',
  'color-warning': '#ffc266',
  'color-focus': '#ffd166',
  'color-background': '#17191c',
};

// Black, white and yellow, 7:1 or more everywhere (WCAG AAA), for low-vision citizens and kiosks.
export const highContrastTheme: SystemTokens = {
  'color-primary': '#ffff00',
  'color-primary-strong': '#ffffff',
  'color-on-primary': '#000000',
  'color-text': '#ffffff',
  'color-text-muted': '#ffffff',
  'color-surface': '#000000',
  'color-surface-raised': '#000000',
  'color-border': '#ffffff',
  'color-danger': '#ff9999',
  'color-success': '#66ff99',
  'color-warning': '#ffff00',
  'color-focus': '#00ffff',
  'color-background': '#000000',
};

// No font: the widgets take the page's own (Titillium Web on a Bootstrap Italia site), unless the
// page sets `--sportello-font-family` (see baseCss).
const scaleTokens: SystemTokens = {
  'font-size': '1rem',
  'line-height': '1.5',
  'space-1': '4px',
  'space-2': '8px',
  'space-3': '12px',
  'space-4': '16px',
  'space-6': '24px',
  'space-8': '32px',
  radius: '4px',
  // 44 px (WCAG 2.5.5) on the web; kiosk mode raises it to 48 px or more (tokenCss).
  'target-size': '44px',
};

const KIOSK_TARGET = '--_target-size: max(48px, var(--sportello-target-size, 48px));';

function declarations(tokens: SystemTokens): string {
  return Object.entries(tokens)
    .map(([name, value]) => `--sportello-${name}: ${value};`)
    .join('');
}

/**
 * Resolved inside every shadow root as private `--_name` properties: the page's system token if set
 * (inherited from any ancestor), else the default. Component styles use only the private names.
 * Plain CSS text, for elements that are not built with Lit; Lit elements use `tokenStyles`.
 */
export const tokenCss =
  `:host{${Object.entries({ ...lightTheme, ...scaleTokens })
    .map(([name, value]) => `--_${name}:var(--sportello-${name},${value});`)
    .join('')}}` +
  // Kiosk mode (an element's `kiosk` attribute, or `data-sportello-kiosk` on an ancestor, which the
  // kiosk shell sets): targets of 48 px at least, whatever the page asks for. `:host-context` is
  // Chromium's, as the kiosk is; in its own rule, so that other browsers drop only that rule.
  `:host([kiosk]){${KIOSK_TARGET}}:host-context([data-sportello-kiosk]){${KIOSK_TARGET}}`;

// Tagged only so that the build's CSS minifier (scripts/css-literal-minifier.mjs) finds the text.
const css = String.raw;

/**
 * The rules every Sportello shadow root starts from after the tokens: typography, visible focus,
 * `hidden`, and `.visually-hidden` for what only screen readers need (live regions, fuller labels).
 */
export const baseCss = css`
  :host {
    box-sizing: border-box;
    /* The page's font, inherited, unless the page names one for the widgets: with the token unset
       the declaration computes as unset, which for an inherited property is the parent's value. */
    font-family: var(--sportello-font-family);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_color-text);
    background-color: var(--_color-background);
  }
  :host([hidden]) {
    display: none !important;
  }
  /* The host matches :focus while a control inside has it: a page's ring for focused elements
     (Bootstrap Italia's orange box-shadow, with !important) would circle the whole widget on top of
     the control's own. An !important inside the shadow root wins over the page's. */
  :host(:focus) {
    outline: none !important;
    box-shadow: none !important;
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
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * Labelled text fields as every Sportello form has them: bold labels, inputs the target size high
 * with a visible border, red when invalid. Shared by the Lit forms (`formStyles`) and the calendar.
 */
export const fieldCss = css`
  label {
    font-weight: 600;
  }
  input {
    font: inherit;
    min-block-size: var(--_target-size);
    padding-inline: var(--_space-3);
    border: 2px solid var(--_color-border);
    border-radius: var(--_radius);
    color: var(--_color-text);
    background: var(--_color-surface);
  }
  input[aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
`;

/**
 * Theme presets for the page, scoped to `[data-sportello-theme]` so they touch nothing else: put the
 * attribute on any ancestor (the kiosk puts it on `<html>`) or on one element. High contrast also
 * follows the system setting `prefers-contrast: more` unless a theme is chosen explicitly.
 */
export const themePresetsCss =
  `[data-sportello-theme='dark']{${declarations(darkTheme)}}` +
  `[data-sportello-theme='high-contrast']{${declarations(highContrastTheme)}}` +
  `@media (prefers-contrast: more){:root:not([data-sportello-theme]){${declarations(highContrastTheme)}}}`;

const INSTALLED = Symbol.for('sportello.themePresets');

/**
 * Adds the presets to the page once, as a constructed style sheet (allowed under a strict CSP, no
 * `<style>` element), shared by every copy of Sportello on the page.
 */
export function installThemePresets(doc: Document = document): void {
  const holder = doc as Document & { [INSTALLED]?: boolean };
  if (holder[INSTALLED] || !('adoptedStyleSheets' in doc)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(themePresetsCss);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  holder[INSTALLED] = true;
}

const WATCHING = Symbol.for('sportello.themePresets.watching');

/**
 * Adds the presets once the page needs them: when an element carries `data-sportello-theme` or the
 * system asks for more contrast. Until then nothing is added, because adopting a sheet restyles
 * the whole page, which slowed every widget's first render by a fifth. Called at each element's
 * connection with the element (a check of its ancestors only), and watching the attribute for pages
 * that switch theme later.
 */
export function installThemePresetsWhenNeeded(doc: Document = document, element?: Element): void {
  const holder = doc as Document & {
    [INSTALLED]?: boolean;
    [WATCHING]?: { contrast?: MediaQueryList; stop(): void };
  };
  if (holder[INSTALLED]) return;
  const watching = holder[WATCHING];
  // One media query list per page: creating one at every element's connection costs a style pass.
  const contrast = watching ? watching.contrast : doc.defaultView?.matchMedia?.('(prefers-contrast: more)');
  // At a connection only the element's own ancestors can theme it: no search of the whole page.
  const themed = element
    ? hasContextAttribute(element, 'data-sportello-theme')
    : doc.querySelector('[data-sportello-theme]') !== null;
  if (contrast?.matches || themed) {
    watching?.stop();
    installThemePresets(doc);
    return;
  }
  if (watching) return;
  const check = () => installThemePresetsWhenNeeded(doc);
  const observer = new MutationObserver(check);
  observer.observe(doc.documentElement, {
    attributes: true,
    attributeFilter: ['data-sportello-theme'],
    subtree: true,
  });
  contrast?.addEventListener('change', check);
  holder[WATCHING] = {
    ...(contrast ? { contrast } : {}),
    stop() {
      observer.disconnect();
      contrast?.removeEventListener('change', check);
      holder[WATCHING] = undefined;
    },
  };
}
