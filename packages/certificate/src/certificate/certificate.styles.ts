import { css } from 'lit';

/** The certificate element's own look, after core's base and form styles. */
export const certificateStyles = css`
  :host {
    display: block;
    max-inline-size: 44rem;
    --_form-gap: var(--sportello-certificate-gap, var(--_space-4));
  }
  /* A choice's name, and under it the line that explains it. */
  .choice-text {
    display: grid;
    gap: var(--_space-1);
  }
  textarea {
    font: inherit;
    inline-size: 100%;
    min-block-size: 5rem;
    padding: var(--_space-2) var(--_space-3);
    border: 2px solid var(--_color-border);
    border-radius: var(--_radius);
    color: var(--_color-text);
    background: var(--_color-surface);
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  summary {
    cursor: pointer;
    color: var(--_color-primary);
    font-weight: 600;
    min-block-size: var(--_target-size);
    display: flex;
    align-items: center;
  }
  details ul {
    margin: 0;
    padding-inline-start: var(--_space-6);
  }
  /* The identifier is read aloud and copied by hand: its groups never break. */
  .identifier {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.05em;
    white-space: nowrap;
  }
  a.button {
    justify-content: center;
  }
  sportello-qr {
    --sportello-qr-size: var(--sportello-certificate-qr-size, min(60vw, 16rem));
  }
  .print-frame {
    position: fixed;
    inset-inline-start: -10000px;
    inline-size: 1px;
    block-size: 1px;
    border: 0;
  }
`;
