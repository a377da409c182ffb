import { css } from 'lit';

/** The booking and managing elements' own look, after core's base and form styles. */
export const bookingStyles = css`
  :host {
    display: block;
    max-inline-size: 44rem;
    --_form-gap: var(--sportello-booking-gap, var(--_space-4));
  }
  ul.times {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  ul.plain {
    margin: 0;
    padding-inline-start: var(--_space-6);
  }
  textarea {
    font: inherit;
    min-block-size: 6rem;
    padding: var(--_space-2) var(--_space-3);
    border: 2px solid var(--_color-border);
    border-radius: var(--_radius);
    inline-size: 100%;
  }
  .hold,
  .code {
    border: 2px solid var(--_color-primary);
    border-radius: var(--_radius);
    padding: var(--_space-3) var(--_space-4);
  }
  .code strong {
    font-size: 1.5rem;
    letter-spacing: 0.1em;
    font-variant-numeric: tabular-nums;
  }
  /* On the phone: which kiosk the time comes from, first and unmissable (see RFC 10027). */
  .handed-over {
    border-inline-start: 6px solid var(--_color-primary);
    padding-inline-start: var(--_space-3);
    margin-block-end: var(--_space-3);
  }
  .handed-over p {
    margin: 0;
  }
  .phone-offer {
    border-block-start: 1px solid var(--_color-border);
    margin-block-start: var(--_space-3);
    padding-block-start: var(--_space-3);
  }
  .phone sportello-qr {
    --sportello-qr-size: var(--sportello-booking-phone-qr-size, min(60vw, 16rem));
  }
  /* A group of the code never breaks: the code wraps between groups on a narrow screen. */
  .code-group {
    display: inline-block;
  }
`;
