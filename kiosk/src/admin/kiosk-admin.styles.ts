import { css } from 'lit';

/** The admin area's look, after core's base and form styles: always at kiosk size. */
export const kioskAdminStyles = css`
  :host {
    display: block;
    max-inline-size: 44rem;
    /* The admin area is only ever shown on a kiosk: 48 px targets whatever the page says. */
    --_target-size: max(48px, var(--sportello-target-size, 48px));
  }
  .pin-form,
  .settings,
  .health {
    display: grid;
    gap: var(--_space-4);
  }
  .pin-form input {
    font-size: 2rem;
    letter-spacing: 0.3em;
    max-inline-size: 16rem;
  }
  .keypad {
    display: grid;
    grid-template-columns: repeat(3, minmax(60px, 5.5rem));
    gap: var(--_space-3);
  }
  .keypad .key {
    min-block-size: 60px;
    min-inline-size: 60px;
    justify-content: center;
    font-size: 1.5rem;
    background: var(--_color-surface);
    color: var(--_color-text);
    border-color: var(--_color-border);
  }
  .keypad .zero {
    grid-column: 2;
  }
  /* Core's answers (formStyles), a little larger for the operator's finger at a kiosk. */
  .choice {
    font-weight: 400;
  }
  .choice input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
  }
  .key-state {
    font-weight: 600;
  }
  .saved {
    color: var(--_color-success);
    font-weight: 600;
  }
  .health {
    border-block-start: 2px solid var(--_color-border);
    padding-block-start: var(--_space-4);
  }
  .wipes-heading {
    font-weight: 600;
  }
  .wipes {
    margin: 0;
    padding-inline-start: var(--_space-6);
  }
  .wipes .failed {
    color: var(--_color-danger);
    font-weight: 600;
  }
`;
