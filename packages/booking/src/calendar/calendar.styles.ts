import { baseCss, fieldCss, tokenCss } from '@sportello/core';

// Plain CSS text, no Lit: tagged only so that the build's CSS minifier
// (scripts/css-literal-minifier.mjs) finds it.
const css = String.raw;

// Each state differs by more than colour (border style, weight, strike-through, underline), for
// citizens who do not tell colours apart and for forced-colours mode.
export const calendarCss = css`
  :host {
    display: block;
    inline-size: fit-content;
    max-inline-size: 100%;
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-2);
  }
  /* By part, not tag: heading-level sets the month heading's level (h2 to h6), not its look. */
  [part~='heading'] {
    margin: 0;
    font-size: 1.25rem;
    line-height: 1.25;
  }
  button {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-surface);
    border: 2px solid transparent;
    border-radius: var(--_radius);
    min-inline-size: var(--_target-size);
    min-block-size: var(--_target-size);
    padding: 0;
    cursor: pointer;
  }
  button:hover:not(:disabled, [aria-disabled='true'], [part~='selected']) {
    background: var(--_color-surface-raised);
  }
  [part~='previous'],
  [part~='next'] {
    border-color: var(--_color-border);
    font-size: 1.5rem;
    line-height: 1;
  }
  :dir(rtl) :is([part~='previous'], [part~='next']) {
    transform: scaleX(-1);
  }
  /* WCAG 1.4.10: on a 320 px screen the days narrow (never below 24 px, WCAG 2.5.8) rather than
     scroll sideways; with room, they are the target size, no wider. */
  table {
    inline-size: 100%;
    max-inline-size: calc(7 * var(--_target-size) + 16px);
    table-layout: fixed;
    border-spacing: 2px;
  }
  th {
    font-size: 0.875rem;
    color: var(--_color-text-muted);
  }
  td {
    padding: 0;
    text-align: center;
  }
  [part~='day'] {
    display: inline-grid;
    place-items: center;
    inline-size: 100%;
    min-inline-size: 24px;
    block-size: var(--_target-size);
    font-variant-numeric: tabular-nums;
  }
  /* The focus ring stands outside the button, over the 2 px between days: the focused day is
     painted above its neighbours, which would otherwise cover part of it. */
  [part~='day']:focus-visible {
    position: relative;
    z-index: 1;
  }
  [part~='outside'],
  [part~='closed'],
  [part~='disabled'] {
    color: var(--_color-text-muted);
  }
  [part~='available'] {
    border-color: var(--_color-primary);
    color: var(--_color-primary);
    font-weight: 700;
  }
  [part~='few'] {
    border: 2px dashed var(--_color-warning);
    color: var(--_color-warning);
    font-weight: 700;
  }
  [part~='full'] {
    text-decoration: line-through;
  }
  [part~='today'] {
    text-decoration: underline 2px;
    text-underline-offset: 3px;
  }
  [part~='full'][part~='today'] {
    text-decoration-line: underline line-through;
  }
  [part~='disabled'] {
    border-color: transparent;
    font-weight: 400;
    cursor: not-allowed;
  }
  [part~='selected'] {
    background: var(--_color-primary);
    border-color: var(--_color-primary);
    color: var(--_color-on-primary);
  }
  .typed {
    display: grid;
    gap: var(--_space-1);
    margin-block-start: var(--_space-4);
  }
  .typed div {
    display: flex;
    gap: var(--_space-2);
  }
  input {
    flex: 1;
    min-inline-size: 0;
  }
  [part~='go'] {
    padding-inline: var(--_space-4);
    border-color: var(--_color-primary);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    font-weight: 600;
  }
  #typed-problem {
    margin: 0;
    color: var(--_color-danger);
    font-weight: 600;
  }
  @media (forced-colors: active) {
    [part~='selected'] {
      forced-color-adjust: none;
      background: Highlight;
      border-color: Highlight;
      color: HighlightText;
    }
    [part~='disabled'],
    [part~='outside'] {
      color: GrayText;
    }
    [part~='available'],
    [part~='few'],
    [part~='go'] {
      border-color: ButtonText;
    }
  }
`;

let sheet: CSSStyleSheet | undefined;

/**
 * The calendar's styles, tokens first, as one constructed style sheet shared by every calendar on the
 * page (allowed under a strict CSP: no `<style>` element, no `style` attribute). Made at the first
 * calendar's connection, so that importing the module needs no DOM.
 */
export function calendarSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(tokenCss + baseCss + fieldCss + calendarCss);
  }
  return sheet;
}
