// The kiosk's "pay with your phone" step, loaded when a citizen at a kiosk chooses it: with the
// QR element, whose encoder loads when a code is first drawn.
import { formatEuro, type LocalizeController, type Schemas, type StepFlow } from '@sportello/core';
import '@sportello/core/qr';
import { formatNoticeQr } from '@sportello/core/validators';
import { html } from 'lit';
import type { paymentMessages } from '../messages.js';

export interface PhoneStep {
  flow: StepFlow<string, string>;
  i18n: LocalizeController<(typeof paymentMessages)['it']>;
  cart: Schemas['Notice'][];
  /** The page's public address, which the "continue on your phone" code opens with the cart. */
  returnUrl: string;
  /** "I have finished". */
  done: () => void;
}

/** This page's address with the cart's notices in the fragment (never sent to a server), for a phone. */
function continueOnPhoneUrl({ cart, returnUrl }: PhoneStep): string {
  // `return-url` is the page's public address: a kiosk's own may be one a phone cannot reach.
  const url = new URL(returnUrl || location.href, location.href);
  url.searchParams.delete('payment');
  url.hash = new URLSearchParams(
    cart.flatMap((notice) => [
      ['notice', notice.noticeNumber],
      ['creditor', notice.creditorFiscalCode],
    ]),
  ).toString();
  return url.toString();
}

/**
 * Each notice's pagoPA QR code, to pay from a phone with a banking app or app IO (nobody types a
 * card number at a kiosk), and a code that opens this page on the phone with the notices filled in.
 */
export function renderPhoneStep(step: PhoneStep) {
  const { flow, i18n, cart } = step;
  const t = i18n.t.bind(i18n);
  return html`<section class="step phone">
    ${flow.heading(t('kiosk.heading'))}
    <p>${t('kiosk.intro')}</p>
    <ul class="codes">
      ${cart.map(
        (notice) =>
          html`<li>
            <sportello-qr
              value=${formatNoticeQr(notice)}
              error-correction="M"
              label=${t('kiosk.noticeQrLabel', { description: notice.description })}
              >${t('kiosk.noticeQrCaption', {
                description: notice.description,
                amount: formatEuro(notice.amountCents, i18n.language),
              })}</sportello-qr
            >
          </li>`,
      )}
    </ul>
    ${flow.subheading(t('kiosk.continueHeading'))}
    <p>${t('kiosk.continueText')}</p>
    <sportello-qr
      class="continue"
      value=${continueOnPhoneUrl(step)}
      label=${t('kiosk.continueLabel')}
    ></sportello-qr>
    <div class="actions">
      <button class="primary" type="button" @click=${step.done}>${t('kiosk.done')}</button>
    </div>
  </section>`;
}
