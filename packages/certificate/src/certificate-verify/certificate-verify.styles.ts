import { css } from 'lit';

export const certificateVerifyStyles = css`
  :host {
    display: block;
    max-inline-size: 40rem;
    --_form-gap: var(--sportello-certificate-verify-gap, var(--_space-4));
  }
  /* The answer stands out by a coloured edge and its words, never by colour alone. */
  .answer {
    display: grid;
    gap: var(--_space-2);
    padding: var(--_space-4);
    border: 1px solid var(--_color-border);
    border-inline-start-width: 6px;
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
  }
  .answer.good {
    border-inline-start-color: var(--_color-success);
  }
  .answer.bad {
    border-inline-start-color: var(--_color-danger);
  }
  video {
    inline-size: 100%;
    max-inline-size: 28rem;
    aspect-ratio: 4 / 3;
    background: #000000;
    border-radius: var(--_radius);
  }
`;
