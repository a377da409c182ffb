import { css } from 'lit';

export const paymentStyles = css`
  :host {
    display: block;
    max-inline-size: 40rem;
    --_form-gap: var(--sportello-payment-gap, var(--_space-4));
  }
  ul.notices {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-3);
  }
  ul.notices > li,
  .receipt {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: var(--_space-4);
    background: var(--_color-surface-raised);
    display: grid;
    gap: var(--_space-2);
  }
  .total {
    font-size: 1.25rem;
    font-weight: 700;
  }
  video {
    inline-size: 100%;
    max-inline-size: 28rem;
    aspect-ratio: 4 / 3;
    background: #000000;
    border-radius: var(--_radius);
  }
  ul.codes {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-6);
  }
  /* Large enough for a phone held at arm's length from a kiosk screen. */
  .phone sportello-qr {
    --sportello-qr-size: var(--sportello-payment-qr-size, min(80vw, 18rem));
  }
  .phone sportello-qr.continue {
    --sportello-qr-size: var(--sportello-payment-continue-qr-size, min(60vw, 12rem));
  }
`;
