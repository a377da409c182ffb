import { css } from 'lit';

export const keyboardStyles = css`
  /* Docked at the bottom of the screen, above the page; empty (no height) while closed. */
  :host {
    display: block;
    position: fixed;
    inset-inline: 0;
    inset-block-end: 0;
    z-index: var(--sportello-keyboard-z-index, 1000);
    /* 60 CSS px at least, growing with the text size the kiosk sets on the root. */
    --_key-size: max(60px, var(--_target-size), var(--sportello-keyboard-key-size, 3.5rem));
    --_key-gap: var(--_space-2);
  }
  [part~='keyboard'] {
    display: grid;
    gap: var(--_key-gap);
    padding: var(--_space-3);
    background: var(--_color-surface-raised);
    color: var(--_color-text);
    border-block-start: 2px solid var(--_color-border);
    /* Below 14 keys of 60 px (a phone), the rows scroll sideways rather than shrink the keys. */
    overflow-x: auto;
  }
  .row {
    display: flex;
    gap: var(--_key-gap);
    inline-size: 100%;
    max-inline-size: 80rem;
    margin-inline: auto;
  }
  .numeric .row {
    max-inline-size: max(calc(4 * var(--_key-size) + 3 * var(--_key-gap)), 32rem);
  }
  button {
    flex: 1 1 0;
    min-inline-size: var(--_key-size);
    min-block-size: var(--_key-size);
    padding: var(--_space-1);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-1);
    font: inherit;
    font-size: 1.5rem;
    font-weight: 600;
    line-height: 1.1;
    color: var(--_color-text);
    background: var(--_color-surface);
    border: 2px solid var(--_color-border);
    border-radius: var(--_radius);
    cursor: pointer;
    overflow-wrap: anywhere;
    /* A tap is a key press: no double-tap zoom, no text selection or callout on a long press. */
    touch-action: manipulation;
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
  }
  .span-2 {
    flex-grow: 2;
  }
  .span-5 {
    flex-grow: 5;
  }
  /* Words on keys (Cancella, Spazio) are smaller than letters, to fit two key widths. */
  [part~='command'] {
    font-size: 1.125rem;
  }
  [part~='enter'],
  button[aria-pressed='true'] {
    color: var(--_color-on-primary);
    background: var(--_color-primary);
    border-color: var(--_color-primary);
  }
  button:active {
    color: var(--_color-on-primary);
    background: var(--_color-primary-strong);
  }
  @media (forced-colors: active) {
    [part~='keyboard'] {
      border-block-start-color: CanvasText;
    }
    button[aria-pressed='true'] {
      outline: 3px solid Highlight;
    }
  }
`;
