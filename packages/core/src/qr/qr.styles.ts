import { css } from 'lit';

export const qrStyles = css`
  :host {
    display: inline-block;
    --_qr-size: var(--sportello-qr-size, 12rem);
    --_qr-foreground: var(--sportello-qr-foreground, #000000);
    --_qr-background: var(--sportello-qr-background, #ffffff);
  }
  figure {
    margin: 0;
    display: grid;
    justify-items: center;
    gap: var(--_space-2);
  }
  svg {
    display: block;
    inline-size: var(--_qr-size);
    block-size: var(--_qr-size);
    /* A scanner needs dark modules on a light ground whatever the page's colours. */
    forced-color-adjust: none;
  }
  .ground {
    fill: var(--_qr-background);
  }
  .modules {
    fill: var(--_qr-foreground);
  }
  .placeholder {
    inline-size: var(--_qr-size);
    block-size: var(--_qr-size);
    background: var(--_qr-background);
  }
  figcaption {
    max-inline-size: var(--_qr-size);
    text-align: center;
  }
  .error {
    margin: 0;
    color: var(--_color-danger);
  }
`;
