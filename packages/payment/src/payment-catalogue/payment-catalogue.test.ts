import { elementUpdated, expect, fixture, html } from '@open-wc/testing';
import { resetSandbox } from '@sportello/core';
import '@sportello/sandbox/register';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import { throughNetwork } from '../../../../test/support/sandbox-network.js';
import type { SportelloPaymentCatalogue } from './payment-catalogue.js';

const shadow = (element: Element) => element.shadowRoot!;
const text = (element: Element) => shadow(element).textContent!.replace(/\s+/g, ' ');
const button = (element: Element, name: string) =>
  [...shadow(element).querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;

async function settled(element: Element & { updateComplete: Promise<unknown> }, until: () => boolean) {
  for (let i = 0; i < 100 && !until(); i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await element.updateComplete;
  }
  expect(until(), 'the element reached the expected state').to.equal(true);
}

async function catalogue(language = 'it', kiosk = false) {
  const wrapper = await fixture(
    html`<div gateway="sandbox" lang=${language}>
      <sportello-payment-catalogue ?kiosk=${kiosk}></sportello-payment-catalogue>
    </div>`,
  );
  const element = wrapper.querySelector<SportelloPaymentCatalogue>('sportello-payment-catalogue')!;
  await settled(element, () => shadow(element).querySelectorAll('[part="item"]').length === 3);
  return element;
}

describe('<sportello-payment-catalogue>', () => {
  beforeEach(() => resetSandbox());

  it('is accessible and lists the services with their amounts', async () => {
    const element = await catalogue();
    await expect(element).to.be.accessible();
    expect(text(element))
      .to.contain('Ricarica mensa scolastica')
      .and.match(/Importo da 5,00\s€ a 200,00\s€/);
    expect(text(element)).to.match(/Imposta di bollo per un certificato Importo: 16,00\s€/);
  });

  it('checks amount and fields by their kind before creating the notice, then pays it', async () => {
    const element = await catalogue();
    button(element, 'Ricarica mensa scolastica').click();
    await elementUpdated(element);
    expect(shadow(element).activeElement?.tagName).to.equal('H2', 'focus moves to the chosen service');
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.equal(
      'Ricarica mensa scolastica',
      'screen readers hear where they are',
    );
    button(element, 'Prepara l’avviso').click();
    await elementUpdated(element);
    expect(shadow(element).querySelector('#field-amountCents-problem')!.textContent).to.equal(
      'Questo campo è obbligatorio.',
    );
    expect(shadow(element).activeElement?.id).to.equal('field-amountCents');

    await sendKeys({ type: '500' });
    shadow(element).querySelector<HTMLInputElement>('#field-pupilFiscalCode')!.focus();
    await sendKeys({ type: 'VRDSFO16D49H501X' });
    await sendKeys({ press: 'Enter' });
    await elementUpdated(element);
    expect(shadow(element).querySelector('#field-amountCents-problem')!.textContent).to.match(
      /tra 5,00\s€ e 200,00\s€/,
    );
    expect(shadow(element).querySelector('#field-pupilFiscalCode-problem')!.textContent).to.contain(
      'ultima lettera',
    );

    const amount = shadow(element).querySelector<HTMLInputElement>('#field-amountCents')!;
    amount.select();
    amount.focus();
    await sendKeys({ type: '25,50' });
    const code = shadow(element).querySelector<HTMLInputElement>('#field-pupilFiscalCode')!;
    code.select();
    code.focus();
    await sendKeys({ type: 'vrdsfo16d49h501h' });
    await sendKeys({ press: 'Enter' });

    await settled(element, () => !!shadow(element).querySelector('sportello-payment'));
    const payment = shadow(element).querySelector('sportello-payment')!;
    await settled(payment, () => payment.shadowRoot!.textContent!.includes('Ricarica mensa scolastica'));
    expect(payment.shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.match(/25,50\s€/);
  });

  it('goes straight on for a fixed amount, in English too', async () => {
    const element = await catalogue('en');
    button(element, 'Stamp duty for a certificate').click();
    await elementUpdated(element);
    expect(shadow(element).querySelector('input')).to.equal(null);
    expect(text(element)).to.match(/Amount: €16\.00/);
    button(element, 'Prepare the notice').click();
    await settled(element, () => !!shadow(element).querySelector('sportello-payment'));
    const payment = shadow(element).querySelector('sportello-payment')!;
    await settled(payment, () =>
      payment.shadowRoot!.textContent!.includes('Imposta di bollo per un certificato'),
    );
  });

  it('stays on the list when the citizen goes back to it while the notice is being prepared', async () => {
    const element = await catalogue();
    button(element, 'Imposta di bollo per un certificato').click();
    await elementUpdated(element);
    button(element, 'Prepara l’avviso').click();
    button(element, 'Scegli un altro servizio').click(); // before the gateway has answered
    await settled(element, () => !!button(element, 'Ricarica mensa scolastica'));
    for (let frame = 0; frame < 10; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(shadow(element).querySelector('sportello-payment')).to.equal(null);
    expect(shadow(element).querySelector('h2')!.textContent).to.equal('Paga un servizio del Comune');
  });

  it('does not pay a notice made from input the citizen corrected while it was being prepared', async () => {
    const element = await catalogue();
    // The gateway's answers wait until the test lets them go, one by one.
    const held: (() => void)[] = [];
    await throughNetwork((sandboxFetch) => async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (String(input).endsWith('/notices')) await new Promise<void>((resolve) => held.push(resolve));
      return response;
    });
    button(element, 'Ricarica mensa scolastica').click();
    await elementUpdated(element);
    const field = (name: string) => shadow(element).querySelector<HTMLInputElement>(`#field-${name}`)!;
    const preparing = () => button(element, 'Preparazione dell’avviso…') !== undefined;
    field('amountCents').focus();
    await sendKeys({ type: '25' });
    field('pupilFiscalCode').focus();
    await sendKeys({ type: 'VRDSFO16D49H501H' });
    button(element, 'Prepara l’avviso').click();
    await settled(element, preparing);
    // The wrong child: corrected before the gateway has answered.
    field('pupilFiscalCode').select();
    await sendKeys({ type: 'RSSMRA85T10A562S' });
    await settled(element, () => held.length === 1);
    held[0]!();
    await settled(element, () => !preparing());
    // Shown and said (an alert), not only said: a sighted citizen sees why nothing happened.
    const alert = shadow(element).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Hai cambiato i dati mentre preparavamo l’avviso');
    expect(shadow(element).querySelector('sportello-payment'), 'not paid for the old input').to.equal(null);
    expect(field('pupilFiscalCode').value).to.equal('RSSMRA85T10A562S');

    // A key typed and taken back meanwhile changes nothing: the notice is paid.
    button(element, 'Prepara l’avviso').click();
    await settled(element, preparing);
    await sendKeys({ type: 'X' });
    await sendKeys({ press: 'Backspace' });
    await settled(element, () => held.length === 2);
    held[1]!();
    await settled(element, () => !!shadow(element).querySelector('sportello-payment'));
  });

  it('a proxy’s “bad gateway” while the notice was made: trying again asks for that notice again', async () => {
    const element = await catalogue();
    const keys: string[] = [];
    let answered = 0;
    await throughNetwork((sandboxFetch) => async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (!String(input).endsWith('/notices')) return response;
      keys.push(new Headers(init?.headers).get('Idempotency-Key')!);
      // The first answer, lost: the notice was made, the citizen hears a proxy's 502.
      return answered++ === 0 ? new Response('Bad Gateway', { status: 502 }) : response;
    });
    button(element, 'Imposta di bollo per un certificato').click();
    await elementUpdated(element);
    button(element, 'Prepara l’avviso').click();
    await settled(element, () => !!shadow(element).querySelector('[role="alert"]'));
    button(element, 'Prepara l’avviso').click();
    await settled(element, () => !!shadow(element).querySelector('sportello-payment'));
    expect(keys).to.have.length(2);
    expect(keys[1], 'the same attempt, not a second notice').to.equal(keys[0]);
  });

  it('after a “bad gateway”, a key typed and taken back is still the same attempt', async () => {
    const element = await catalogue();
    const keys: string[] = [];
    await throughNetwork((sandboxFetch) => async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (!String(input).endsWith('/notices')) return response;
      keys.push(new Headers(init?.headers).get('Idempotency-Key')!);
      return keys.length === 1 ? new Response('Bad Gateway', { status: 502 }) : response;
    });
    button(element, 'Ricarica mensa scolastica').click();
    await elementUpdated(element);
    const field = (name: string) => shadow(element).querySelector<HTMLInputElement>(`#field-${name}`)!;
    field('amountCents').focus();
    await sendKeys({ type: '25' });
    field('pupilFiscalCode').focus();
    await sendKeys({ type: 'VRDSFO16D49H501H' });
    button(element, 'Prepara l’avviso').click();
    await settled(element, () => !!shadow(element).querySelector('[role="alert"]'));
    await sendKeys({ type: 'X' });
    await sendKeys({ press: 'Backspace' });
    button(element, 'Prepara l’avviso').click();
    await settled(element, () => !!shadow(element).querySelector('sportello-payment'));
    expect(keys).to.have.length(2);
    expect(keys[1], 'the same request: the same attempt, not a second notice').to.equal(keys[0]);
  });

  it('at a kiosk, has the notice paid from a phone, and starts again from the list when done', async () => {
    const element = await catalogue('it', true);
    button(element, 'Imposta di bollo per un certificato').click();
    await elementUpdated(element);
    button(element, 'Prepara l’avviso').click();
    await settled(element, () => !!shadow(element).querySelector('sportello-payment'));
    const payment = shadow(element).querySelector('sportello-payment')!;
    await settled(payment, () => !!button(payment, 'Paga con il telefono'));
    expect(button(payment, 'Paga con pagoPA'), 'no checkout at a kiosk').to.equal(undefined);
    expect(button(payment, 'Paga con il telefono').getBoundingClientRect().height).to.be.at.least(48);

    button(payment, 'Paga con il telefono').click();
    await settled(payment, () => !!button(payment, 'Ho finito'));
    button(payment, 'Ho finito').click();
    await settled(element, () => shadow(element).querySelectorAll('[part="item"]').length === 3);
    expect(shadow(element).querySelector('h2')!.textContent).to.equal('Paga un servizio del Comune');
    expect(shadow(element).activeElement?.tagName).to.equal('H2', 'the next citizen starts at the list');
  });

  it('opens the notice a kiosk handed over, to pay it on the phone', async () => {
    history.replaceState(null, '', '#notice=312202600000010279&creditor=80001234568');
    try {
      const element = await fixture(
        html`<div gateway="sandbox" lang="it">
          <sportello-payment-catalogue kiosk></sportello-payment-catalogue>
        </div>`,
      ).then((wrapper) => wrapper.querySelector<SportelloPaymentCatalogue>('sportello-payment-catalogue')!);
      const payment = shadow(element).querySelector('sportello-payment')!;
      await settled(payment, () => payment.shadowRoot!.textContent!.includes('TARI 2026 - seconda rata'));
      expect(button(payment, 'Paga con pagoPA')).to.exist;

      // Paid, the next payment starts from the list, which the catalogue had not loaded yet.
      button(payment, 'Paga con pagoPA').click();
      await settled(payment, () => !!button(payment, 'Paga'));
      button(payment, 'Paga').click();
      await settled(payment, () => !!button(payment, 'Paga un altro avviso'));
      button(payment, 'Paga un altro avviso').click();
      await settled(element, () => shadow(element).querySelectorAll('[part="item"]').length === 3);
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('offers to load the list again when it could not be loaded', async () => {
    const wrapper = await fixture(
      html`<div gateway="/test-api/refusing/503/service-unavailable">
        <sportello-payment-catalogue></sportello-payment-catalogue>
      </div>`,
    );
    const element = wrapper.querySelector<SportelloPaymentCatalogue>('sportello-payment-catalogue')!;
    await settled(element, () => !!shadow(element).querySelector('[role="alert"]'));
    wrapper.setAttribute('gateway', 'sandbox'); // the gateway is back
    button(element, 'Riprova a caricare i servizi').click();
    await settled(element, () => shadow(element).querySelectorAll('[part="item"]').length === 3);
    expect(shadow(element).querySelector('[role="alert"]')).to.equal(null);
    expect(shadow(element).activeElement?.tagName).to.equal('H2', 'the focus is not lost with the button');
  });
});

describe('<sportello-payment-catalogue> for the next citizen', () => {
  beforeEach(() => resetSandbox());

  it('reset() goes back to the list with nothing typed or made left, the payment inside included', async () => {
    const element = await catalogue();
    button(element, 'Imposta di bollo per un certificato').click();
    await settled(element, () => !!button(element, 'Prepara l’avviso'));
    const firstField = shadow(element).querySelector<HTMLInputElement>('input');
    if (firstField) {
      firstField.focus();
      await sendKeys({ type: 'RSSMRA80A01H501U' });
    }
    button(element, 'Prepara l’avviso').click();
    await settled(element, () => !!shadow(element).querySelector('sportello-payment'));
    const payment = shadow(element).querySelector('sportello-payment')!;
    await settled(payment, () => payment.shadowRoot!.textContent!.includes('Cosa stai per pagare'));
    element.reset();
    await settled(element, () => shadow(element).querySelectorAll('[part="item"]').length === 3);
    expect(shadow(element).querySelector('sportello-payment')).to.equal(null);
    button(element, 'Imposta di bollo per un certificato').click();
    await settled(element, () => !!button(element, 'Prepara l’avviso'));
    for (const input of shadow(element).querySelectorAll('input')) expect(input.value, input.id).to.equal('');
  });
});
