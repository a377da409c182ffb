import { css, unsafeCSS } from 'lit';
import { fieldCss } from './token-values.js';

/**
 * The look every Sportello form step shares: headings, fields with label, hint and message,
 * 44 px (kiosk: 48 px) buttons, primary and secondary actions, questions with their answers
 * (fieldset, legend, `.choice` labels), definition lists, a hidden live region. Elements add their own styles after these; `--_form-gap` spaces a step's parts.
 */
export const formStyles = [
  unsafeCSS(fieldCss),
  css`
    .step {
      display: grid;
      gap: var(--_form-gap, var(--_space-4));
    }
    /* Styled by class, not by tag: the page sets the level (heading-level), not the look. */
    .step-heading {
      margin: 0;
      font-size: 1.5rem;
      line-height: 1.25;
    }
    .step-heading:focus,
    .sub-heading:focus {
      outline: none;
    }
    .step-heading:focus-visible,
    .sub-heading:focus-visible {
      outline: 3px solid var(--_color-focus);
    }
    p {
      margin: 0;
    }
    .field {
      display: grid;
      gap: var(--_space-1);
    }
    /* Hints are as large as the text around them: they are read by people who find small type hard. */
    .hint {
      color: var(--_color-text-muted);
    }
    input {
      font-size: 1.125rem;
      letter-spacing: 0.05em;
      inline-size: 100%;
    }
    .error,
    .problem {
      color: var(--_color-danger);
      font-weight: 600;
    }
    .warning {
      color: var(--_color-warning);
      font-weight: 600;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-3);
    }
    /* A question with its answers: a fieldset of labelled radios or checkboxes, each a large target. */
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_space-2);
    }
    legend {
      font-weight: 600;
      padding: 0;
      margin-block-end: var(--_space-2);
    }
    .choice {
      display: flex;
      align-items: center;
      gap: var(--_space-3);
      min-block-size: var(--_target-size);
      padding: var(--_space-2) var(--_space-3);
      border: 2px solid var(--_color-border);
      border-radius: var(--_radius);
    }
    .choice input {
      inline-size: 1.25rem;
      block-size: 1.25rem;
      min-block-size: 0;
      margin: 0;
      flex: none;
    }
    button,
    a.button {
      font: inherit;
      font-weight: 600;
      min-block-size: var(--_target-size);
      min-inline-size: var(--_target-size);
      padding-inline: var(--_space-4);
      border-radius: var(--_radius);
      border: 2px solid var(--_color-primary);
      cursor: pointer;
      display: inline-flex;
      align-items: center;
      text-decoration: none;
    }
    .primary {
      background: var(--_color-primary);
      color: var(--_color-on-primary);
    }
    .secondary {
      background: var(--_color-surface);
      color: var(--_color-primary);
    }
    button[aria-disabled='true'] {
      opacity: 0.6;
      cursor: progress;
    }
    /* Two columns that fit 320 CSS px (WCAG 1.4.10 reflow): the terms take at most 40%, and a long
       value without spaces (an email, a PEC address) breaks rather than widening the page. */
    dl {
      margin: 0;
      display: grid;
      grid-template-columns: fit-content(40%) minmax(0, 1fr);
      gap: var(--_space-1) var(--_space-4);
    }
    dt {
      color: var(--_color-text-muted);
      overflow-wrap: break-word;
    }
    dd {
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .sub-heading {
      margin: 0;
      font-size: 1.25rem;
    }
    @media (forced-colors: active) {
      .primary {
        border-color: ButtonText;
      }
    }
  `,
];
