// The kiosk's "continue on your phone" step: the hand-off code in a QR, which opens the booking's
// public page on the phone with the time held. Loaded with the steps after the day and time.
import { formatTime, type LocalizeController, type Schemas, type StepFlow } from '@sportello/core';
import '@sportello/core/qr';
import { html } from 'lit';
import { whenText } from './format.js';
import { handOffUrl } from './hand-off.js';
import type { bookingMessages } from './messages.js';

export interface PhoneStep {
  flow: StepFlow<string>;
  i18n: LocalizeController<(typeof bookingMessages)['it']>;
  hold: Schemas['Hold'];
  handOff: Schemas['HandOff'];
  /** The booking's public page, which the code opens on the phone. */
  page: string;
  /** "Continue here at the kiosk": back to the step the citizen came from. */
  stay: () => void;
  /** "I have finished". */
  done: () => void;
}

/**
 * The code to scan, what it holds (the time, until when it works, none of the citizen's details),
 * and "I have finished", after which the kiosk forgets everything and the phone goes on.
 */
export function renderPhoneStep({ flow, i18n, hold, handOff, page, stay, done }: PhoneStep) {
  const t = i18n.t.bind(i18n);
  const language = i18n.language;
  return html`<section class="step phone">
    ${flow.heading(t('phone.heading'))}
    <p>${t('phone.scan')}</p>
    <sportello-qr
      part="phone-code"
      value=${handOffUrl(page, handOff.code, hold)}
      label=${t('phone.qrLabel')}
    ></sportello-qr>
    <p>${t('phone.held', { when: whenText(hold.start, hold.end, language) })}</p>
    <p>${t('phone.expires', { time: formatTime(handOff.expiresAt, language) })}</p>
    <p>${t('phone.private')}</p>
    <div class="actions">
      <button class="primary" type="button" @click=${done}>${t('phone.done')}</button>
      <button class="secondary" type="button" @click=${stay}>${t('phone.here')}</button>
    </div>
  </section>`;
}
