import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetSandbox } from '@sportello/core';
import '@sportello/sandbox/register';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import '../payment-catalogue/define.js';
import { loseNextAnswer, sandboxApi } from '../../../../test/support/sandbox-network.js';
import type { SportelloPayment } from './payment.js';

const EC = '80001234568';
const shadow = (element: Element) => element.shadowRoot!;
const input = (element: Element, id: string) => shadow(element).querySelector<HTMLInputElement>(`#${id}`)!;
const heading = (element: Element) => shadow(element).querySelector('h2')!.textContent!.trim();
const text = (element: Element) => shadow(element).textContent!.replace(/\s+/g, ' ');
const button = (element: Element, name: string | RegExp) =>
  [...shadow(element).querySelectorAll('button')].find((b) =>
    typeof name === 'string' ? b.textContent!.trim() === name : name.test(b.textContent!),
  )!;

/** Records the address of every request the page makes, until `restore` is called. */
function recordRequests() {
  const calls: string[] = [];
  const original = window.fetch;
  window.fetch = (input, init) => {
    calls.push(String(input));
    return original(input, init);
  };
  return { calls, restore: () => (window.fetch = original) };
}

/** Waits until the element has finished whatever it was doing (API calls included). */
async function settled(element: SportelloPayment, until: () => boolean) {
  for (let i = 0; i < 100 && !until(); i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await elementUpdated(element);
  }
  expect(until(), 'the element reached the expected state').to.equal(true);
}

async function typeInto(element: Element, id: string, value: string) {
  input(element, id).focus();
  await sendKeys({ type: value });
}

async function findNotice(element: SportelloPayment, notice: string, creditor = EC) {
  await typeInto(element, 'notice', notice);
  await typeInto(element, 'creditor', creditor);
  await sendKeys({ press: 'Enter' });
}

/** From the summary, finds one more notice into the cart. */
async function addNotice(element: SportelloPayment, notice: string) {
  button(element, 'Aggiungi un altro avviso').click();
  await elementUpdated(element);
  await findNotice(element, notice);
}

/** What the element says went wrong, once it says it. */
async function alertText(element: SportelloPayment): Promise<string> {
  await settled(element, () => !!shadow(element).querySelector('[role="alert"]'));
  return shadow(element).querySelector('[role="alert"]')!.textContent!;
}

/** Finds one notice and goes on to the sandbox's practice checkout, where the outcome is chosen. */
async function openPracticeCheckout(element: SportelloPayment, notice: string) {
  await findNotice(element, notice);
  await settled(element, () => heading(element) === 'Cosa stai per pagare');
  button(element, 'Paga con pagoPA').click();
  await settled(element, () => heading(element) === 'Pagamento di prova');
}

/**
 * Runs `body` with the page at an address `change` makes (back from checkout, the address names the
 * payment; a kiosk's "continue on your phone" link carries notices in its fragment), and puts the
 * address back afterwards. `body` gets the address as it was.
 */
async function atAddress(change: (url: URL) => void, body: (before: string) => Promise<void>) {
  const before = location.href;
  const url = new URL(before);
  change(url);
  history.replaceState(null, '', url);
  try {
    await body(before);
  } finally {
    history.replaceState(null, '', before);
  }
}

/** The address a payment names, as checkout sends the citizen back to. */
const naming = (paymentId: string) => (url: URL) => url.searchParams.set('payment', paymentId);

/** The address of a kiosk's "continue on your phone" code for these notices (of the demo creditor). */
const handingOver =
  (...notices: string[]) =>
  (url: URL) => {
    url.hash = notices.map((notice) => `notice=${notice}&creditor=${EC}`).join('&');
  };

/** Pays one notice in the practice checkout and waits for the receipt: the payment's id. */
async function practicePaid(element: SportelloPayment, notice: string): Promise<string> {
  await openPracticeCheckout(element, notice);
  const completed = oneEvent(element, 'sportello-payment-completed');
  button(element, 'Paga').click();
  const { detail } = await completed;
  await settled(element, () => heading(element) === 'Pagamento riuscito');
  return detail.paymentId;
}

async function sandboxPayment(attributes = html``) {
  return fixture<SportelloPayment>(
    html`<div gateway="sandbox" lang="it">
      <sportello-payment>${attributes}</sportello-payment>
    </div>`,
  ).then((wrapper) => wrapper.querySelector('sportello-payment')!);
}

describe('<sportello-payment>', () => {
  beforeEach(() => {
    resetSandbox();
    sessionStorage.clear();
  });

  it('is accessible, with the fields and button named in Italian', async () => {
    const element = await sandboxPayment();
    await expect(element).to.be.accessible();
    expect(shadow(element).querySelector('label[for="notice"]')!.textContent).to.equal('Codice avviso');
    expect(shadow(element).querySelector('label[for="creditor"]')!.textContent).to.equal(
      'Codice fiscale ente creditore',
    );
    expect(input(element, 'notice').inputMode).to.equal('numeric');
    expect(button(element, 'Cerca avviso')).to.exist;
  });

  it('names them in English on an English page', async () => {
    const wrapper = await fixture(
      html`<div gateway="sandbox" lang="en"><sportello-payment></sportello-payment></div>`,
    );
    const element = wrapper.querySelector('sportello-payment')!;
    await element.updateComplete; // the English words load before the first render
    expect(shadow(element).querySelector('label[for="notice"]')!.textContent).to.equal('Notice code');
    expect(shadow(element).querySelector('label[for="creditor"]')!.textContent).to.equal(
      'Creditor fiscal code',
    );
    expect(button(element, 'Find notice')).to.exist;
  });

  it('finds a notice typed as printed and shows what is owed to whom, by keyboard alone', async () => {
    const element = await sandboxPayment();
    await findNotice(element, '3122 0260 0000 0101 78');
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    expect(text(element)).to.contain('Mensa scolastica - ottobre 2026').and.contain('Comune di Esempio');
    expect(text(element)).to.match(/45,60\s€/);
    expect(text(element)).to.contain('3122 0260 0000 0101 78');
    expect(shadow(element).activeElement?.tagName).to.equal('H2', 'focus moves to the new step');
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.equal(
      'Passo: Cosa stai per pagare',
    );
    expect(button(element, 'Paga con pagoPA')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('rejects malformed input with a specific message, before any request', async () => {
    const { calls, restore } = recordRequests();
    try {
      const element = await fixture<SportelloPayment>(
        html`<sportello-payment gateway="/no-gateway"></sportello-payment>`,
      );
      await typeInto(element, 'notice', '3122a');
      await elementUpdated(element);
      expect(shadow(element).querySelector('#notice-problem')!.textContent).to.contain('solo numeri');
      expect(input(element, 'notice').getAttribute('aria-invalid')).to.equal('true');
      expect(input(element, 'notice').getAttribute('aria-describedby')).to.equal(
        'notice-hint notice-problem',
      );

      input(element, 'notice').value = '';
      await typeInto(element, 'notice', '4122 0260 0000 0101 78');
      await typeInto(element, 'creditor', '8000123456');
      await sendKeys({ press: 'Enter' });
      await elementUpdated(element);
      expect(shadow(element).querySelector('#notice-problem')!.textContent).to.contain(
        'inizia con 0, 1, 2 o 3',
      );
      expect(shadow(element).querySelector('#creditor-problem')!.textContent).to.contain('ne hai scritte 10');
      expect(shadow(element).activeElement?.id).to.equal('notice', 'focus goes to the first field to fix');
      expect(calls).to.deep.equal([]);
    } finally {
      restore();
    }
  });

  it('lets the citizen go past a check-digit warning after seeing it', async () => {
    const element = await sandboxPayment();
    await findNotice(element, '302012387654312384');
    await elementUpdated(element);
    expect(shadow(element).querySelector('#notice-problem')!.className).to.equal('warning');
    expect(text(element)).to.contain('premi di nuovo «Cerca avviso»');
    // Enter was pressed in the creditor's field: the warned field takes the focus, and a screen
    // reader reads its warning with it.
    await settled(element, () => shadow(element).activeElement?.id === 'notice');
    expect(input(element, 'notice').getAttribute('aria-describedby')).to.contain('notice-problem');
    await sendKeys({ press: 'Enter' });
    await settled(element, () => text(element).includes('Non troviamo questo avviso'));
  });

  it('explains each pagoPA outcome in its own words and keeps what was typed', async () => {
    const cases: [string, string][] = [
      ['312202600000010380', 'già pagato'],
      ['312202600000010481', 'è scaduto'],
      ['312202600000010582', 'Riprova tra 30 minuti'],
      ['312202600000010683', 'ha annullato questo avviso'],
      ['312202600000010784', 'non ha risposto in tempo'],
      ['312202600000999925', 'Non troviamo questo avviso'],
    ];
    for (const [notice, message] of cases) {
      const element = await sandboxPayment();
      await findNotice(element, notice);
      expect(await alertText(element)).to.contain(message);
      expect(input(element, 'notice').value).to.equal(notice);
    }
  });

  it('goes straight to the summary with the notice and creditor in attributes', async () => {
    const wrapper = await fixture(
      html`<div gateway="sandbox">
        <sportello-payment notice="312202600000010279" creditor=${EC}></sportello-payment>
      </div>`,
    );
    const element = wrapper.querySelector('sportello-payment')!;
    await settled(element, () => text(element).includes('TARI 2026 - seconda rata'));
    expect(text(element)).to.match(/123,00\s€/);
  });

  it('pays up to five notices together in the practice checkout, once, and shows the receipt', async () => {
    const element = await sandboxPayment();
    await findNotice(element, '312202600000010178');
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    await addNotice(element, '312202600000010279');
    await settled(element, () => text(element).includes('TARI 2026'));
    expect(text(element)).to.match(/Totale da pagare: 168,60\s€/);

    const completed = oneEvent(element, 'sportello-payment-completed');
    const pay = button(element, 'Paga con pagoPA');
    pay.click();
    await elementUpdated(element);
    expect(pay.getAttribute('aria-disabled'), 'the button shows it is already paying').to.equal('true');
    pay.click(); // an impatient second press must not start a second payment
    await settled(element, () => heading(element) === 'Pagamento di prova');
    button(element, 'Paga').click();
    const event = await completed;
    const { paymentId, ...outcome } = event.detail;
    expect(paymentId).to.match(/^[0-9a-f-]{36}$/);
    expect(outcome).to.deep.equal({ status: 'paid', amountCents: 16860 });
    expect(event.bubbles && event.composed).to.equal(true);
    await settled(element, () => heading(element) === 'Pagamento riuscito');
    const receipt = shadow(element).querySelector('[part="receipt"]')!;
    expect(receipt.textContent).to.match(/SPT-\d{8}-/);
    expect(receipt.textContent!.replace(/\s+/g, ' ')).to.match(/Importo pagato 168,60\s€/);
    expect(receipt.textContent, 'nothing left to pay').to.not.contain('da pagare');
    expect(receipt.querySelector('a')!.getAttribute('download')).to.match(/^ricevuta-SPT-\d{8}-.*\.pdf$/);
    await expect(element).to.be.accessible();

    // Coming back to the same payment shows the same receipt.
    const reloaded = await fixture<SportelloPayment>(
      html`<div gateway="sandbox"><sportello-payment payment=${paymentId}></sportello-payment></div>`,
    ).then((wrapper) => wrapper.querySelector('sportello-payment')!);
    let reportedAgain = false;
    reloaded.addEventListener('sportello-payment-completed', () => (reportedAgain = true));
    await settled(reloaded, () => heading(reloaded) === 'Pagamento riuscito');
    expect(reportedAgain, 'the outcome is reported once, not at every reload').to.equal(false);
    expect(shadow(reloaded).querySelector('[part="receipt"]')!.textContent).to.contain(
      receipt.querySelector('dd')!.textContent!,
    );

    // And the notice cannot be paid twice.
    const second = await sandboxPayment();
    await findNotice(second, '312202600000010178');
    await settled(second, () => text(second).includes('già pagato'));
  });

  it('reports each practice payment and numbers its receipt apart, also after the page is reloaded', async () => {
    const receiptNumber = (element: SportelloPayment) =>
      shadow(element).querySelector('[part="receipt"] dd')!.textContent!.trim();
    const first = await sandboxPayment();
    await practicePaid(first, '312202600000010178');
    const second = await sandboxPayment();
    await practicePaid(second, '312202600000010279');
    expect(receiptNumber(second)).to.not.equal(receiptNumber(first));

    // A reload, or the next page of a tutorial in the same tab, starts a new sandbox; the tab keeps
    // which payments it reported. The next practice payment is reported all the same.
    resetSandbox();
    const afterReload = await sandboxPayment();
    await practicePaid(afterReload, '312202600000010178'); // waits for its completed event
    expect([receiptNumber(first), receiptNumber(second)]).to.not.include(receiptNumber(afterReload));
  });

  it('says it is checking the payment on the way back from pagoPA, not the empty search form', async () => {
    // A gateway that answers late: what the citizen sees while it is asked how the payment went.
    const element = await fixture<SportelloPayment>(
      html`<sportello-payment gateway="/test-api/slow" payment="returning-payment-1"></sportello-payment>`,
    );
    expect(heading(element)).to.equal('Controlliamo il pagamento');
    expect(shadow(element).querySelector('input, form'), 'no form to fill in meanwhile').to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('makes the practice receipt’s PDF only when asked for, and saves it under its number', async function () {
    this.timeout(60_000); // the PDF writer and its fonts, compiled from source on first use
    const element = await sandboxPayment();
    await openPracticeCheckout(element, '312202600000010279');
    const requests = recordRequests();
    const saved: Blob[] = [];
    let madeOne!: () => void;
    const made = new Promise<void>((resolve) => (madeOne = resolve));
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      saved.push(blob as Blob);
      madeOne();
      return createObjectURL(blob);
    };
    try {
      button(element, 'Paga').click();
      await settled(element, () => heading(element) === 'Pagamento riuscito');
      // A CMS moving the widget to another place in the page: the link still works.
      const elsewhere = await fixture<HTMLDivElement>(html`<div gateway="sandbox" lang="it"></div>`);
      elsewhere.append(element);
      await element.updateComplete;
      expect(saved, 'no PDF made before the citizen asks for it').to.deep.equal([]);
      shadow(element).querySelector<HTMLAnchorElement>('[part="receipt"] a')!.click();
      await made;
      expect(saved).to.have.length(1);
      expect(saved[0]!.type).to.equal('application/pdf');
      expect(new TextDecoder().decode(await saved[0]!.arrayBuffer()).startsWith('%PDF-')).to.equal(true);
      expect(requests.calls, 'the sandbox answers in the page').to.deep.equal([]);
    } finally {
      URL.createObjectURL = createObjectURL;
      requests.restore();
    }
  });

  it('starting over after a receipt takes the payment out of the page’s address', async () => {
    const element = await sandboxPayment();
    const paid = await practicePaid(element, '312202600000010279');
    // As after coming back from pagoPA checkout: the address names the payment.
    await atAddress(naming(paid), async (before) => {
      button(element, 'Paga un altro avviso').click();
      await settled(element, () => heading(element) === 'Trova l’avviso da pagare');
      expect(new URL(location.href).searchParams.has('payment'), 'a reload starts afresh').to.equal(false);
      expect(location.href).to.equal(before, 'nothing else in the address changes');
    });
  });

  it('trying again after a failed payment takes it out of the page’s address', async () => {
    const element = await sandboxPayment();
    await openPracticeCheckout(element, '312202600000010279');
    const completed = oneEvent(element, 'sportello-payment-completed');
    button(element, 'Simula un errore').click();
    const { paymentId } = (await completed).detail;
    await settled(element, () => heading(element) === 'Il pagamento non è riuscito');
    // As after coming back from pagoPA checkout: the address names the failed payment. Leaving
    // checkout for the new attempt by the Back button reloads the page, which must not show the old.
    await atAddress(naming(paymentId), async (before) => {
      button(element, 'Riprova a pagare').click();
      await settled(element, () => heading(element) === 'Cosa stai per pagare');
      expect(location.href).to.equal(before);
    });
  });

  it('says a payment the gateway does not know cannot be found, and a reload starts afresh', async () => {
    // A link cut short, say.
    await atAddress(naming('0b7c5a52-6d1e-4c43-9a8e-2f0d3c1e5b77'), async (before) => {
      const element = await sandboxPayment();
      expect(await alertText(element)).to.contain('Non troviamo questo pagamento');
      expect(heading(element)).to.equal('Trova l’avviso da pagare');
      expect(location.href).to.equal(before);
      await expect(element).to.be.accessible();
    });
  });

  it('a proxy’s “bad gateway” while the checkout was made: trying again opens that checkout', async () => {
    const element = await sandboxPayment();
    await findNotice(element, '312202600000010279');
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    // The sandbox makes the checkout (and holds the notice for it); a proxy answers 502 meanwhile.
    await loseNextAnswer('/api/payments/checkouts', '', new Response('Bad Gateway', { status: 502 }));
    button(element, 'Paga con pagoPA').click();
    expect(await alertText(element)).to.contain('Il servizio non risponde');
    button(element, 'Paga con pagoPA').click();
    await settled(element, () => heading(element) === 'Pagamento di prova');
  });

  it('checking a pending payment again says it is still pending, and a failed check keeps it shown', async () => {
    // A payment started, not finished, as checkout leaves it while the citizen is still there.
    const sandbox = await sandboxApi();
    const pending = await sandbox.post('/api/payments/checkouts', {
      body: {
        notices: [{ creditorFiscalCode: EC, noticeNumber: '312202600000010178' }],
        returnUrl: location.href,
      },
      idempotencyKey: crypto.randomUUID(),
    });
    const element = await fixture<SportelloPayment>(
      html`<div gateway="sandbox"><sportello-payment payment=${pending.id}></sportello-payment></div>`,
    ).then((wrapper) => wrapper.querySelector('sportello-payment')!);
    await settled(element, () => heading(element) === 'Pagamento in corso');
    const status = shadow(element).querySelector('[role="status"]')!;
    button(element, 'Controlla di nuovo').click();
    await settled(element, () => status.textContent!.startsWith('pagoPA non ha ancora confermato'));

    // The next check finds the creditor's systems down: the payment stays, with what went wrong.
    element.setAttribute('gateway', '/test-api/refusing/503/creditor-unreachable');
    button(element, 'Controlla di nuovo').click();
    expect(await alertText(element)).to.contain('Il sistema dell’ente non risponde');
    expect(heading(element)).to.equal('Pagamento in corso');
    expect(button(element, 'Controlla di nuovo')).to.exist;

    // Meanwhile the citizen pays: the next check shows the receipt, whose heading takes the focus
    // from the button that went, and is said.
    await sandbox.post('/api/payments/{paymentId}/simulated-outcome', {
      params: { paymentId: pending.id },
      body: { outcome: 'paid' },
    });
    element.removeAttribute('gateway');
    button(element, 'Controlla di nuovo').focus();
    button(element, 'Controlla di nuovo').click();
    await settled(element, () => heading(element) === 'Pagamento riuscito');
    await settled(element, () => status.textContent === 'Passo: Pagamento riuscito');
    expect(shadow(element).activeElement?.tagName).to.equal('H2');
  });

  it('back from pagoPA, offers to check again when the gateway cannot say how it went', async () => {
    const paid = await practicePaid(await sandboxPayment(), '312202600000010178');
    const element = await fixture<SportelloPayment>(
      html`<div gateway="sandbox">
        <sportello-payment
          gateway="/test-api/refusing/503/service-unavailable"
          payment=${paid}
        ></sportello-payment>
      </div>`,
    ).then((wrapper) => wrapper.querySelector('sportello-payment')!);
    expect(await alertText(element)).to.contain('Se hai pagato, non pagare di nuovo');
    expect(heading(element)).to.equal('Controlliamo il pagamento');
    expect(shadow(element).querySelector('input, form'), 'not sent to pay again').to.equal(null);
    await expect(element).to.be.accessible();

    // Still down: the same again, and the focus, on the button pressed, is not lost with it.
    button(element, 'Controlla di nuovo').focus();
    button(element, 'Controlla di nuovo').click();
    await settled(element, () => shadow(element).activeElement?.tagName === 'H2');
    expect(await alertText(element)).to.contain('Se hai pagato, non pagare di nuovo');

    element.removeAttribute('gateway');
    button(element, 'Controlla di nuovo').click();
    await settled(element, () => heading(element) === 'Pagamento riuscito');
  });

  it('keeps the focus in the summary when a notice is taken out of it', async () => {
    const element = await sandboxPayment();
    await findNotice(element, '312202600000010178');
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    await addNotice(element, '312202600000010279');
    await settled(element, () => text(element).includes('TARI 2026'));
    const remove = shadow(element).querySelector<HTMLButtonElement>('ul.notices button')!;
    remove.focus();
    remove.click();
    await settled(element, () => !text(element).includes('Mensa scolastica'));
    expect(shadow(element).activeElement?.tagName).to.equal('H2', 'not lost to the page');
    expect(heading(element)).to.equal('Cosa stai per pagare');
  });

  it('says which codes the camera can read in this browser', async () => {
    const element = await sandboxPayment();
    button(element, 'Inquadra l’avviso con la fotocamera').click();
    await elementUpdated(element);
    expect(heading(element)).to.equal('Inquadra il codice dell’avviso');
    // Only the browser's own BarcodeDetector reads the square barcode of postal notices.
    expect(text(element)).to.contain(
      'BarcodeDetector' in window
        ? 'con il codice QR (o il codice a barre quadrato) al centro'
        : 'Questo browser non legge il codice a barre quadrato degli avvisi postali',
    );
  });

  it('after a cancelled practice payment, offers to try again with the same notices', async () => {
    const element = await sandboxPayment();
    await openPracticeCheckout(element, '312202600000010279');
    button(element, 'Annulla').click();
    await settled(element, () => heading(element) === 'Pagamento annullato');
    button(element, 'Riprova a pagare').click();
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    expect(text(element)).to.contain('TARI 2026 - seconda rata');
  });

  it('at a kiosk, shows the notice’s pagoPA QR and a code to continue on the phone, without checkout', async () => {
    const wrapper = await fixture(
      html`<div gateway="sandbox" data-sportello-kiosk>
        <sportello-payment return-url="https://www.comune.example.it/pagamenti"></sportello-payment>
      </div>`,
    );
    const element = wrapper.querySelector('sportello-payment')!;
    await findNotice(element, '312202600000010279');
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    await addNotice(element, '312202600000010178');
    await settled(element, () => text(element).includes('Mensa scolastica'));
    button(element, 'Paga con il telefono').click();
    await settled(element, () => heading(element) === 'Paga con il tuo telefono');
    const [noticeQr, , continueQr] = [...shadow(element).querySelectorAll('sportello-qr')];
    expect(noticeQr!.getAttribute('value')).to.equal('PAGOPA|002|312202600000010279|80001234568|12300');
    expect(noticeQr!.getAttribute('error-correction')).to.equal('M');
    expect(noticeQr!.getAttribute('label')).to.contain('TARI 2026 - seconda rata');
    const link = new URL(continueQr!.getAttribute('value')!);
    expect(link.origin + link.pathname, 'the page’s public address').to.equal(
      'https://www.comune.example.it/pagamenti',
    );
    expect(link.hash, 'every notice goes to the phone').to.equal(
      '#notice=312202600000010279&creditor=80001234568&notice=312202600000010178&creditor=80001234568',
    );
    expect(link.search).to.not.contain('312202600000010279', 'the notice travels in the fragment only');
    await noticeQr!.updateComplete;
    await continueQr!.updateComplete;
    await expect(element).to.be.accessible();
  });

  it('at a kiosk, "I have finished" leaves nothing of the citizen’s for the next one', async () => {
    const wrapper = await fixture(
      html`<div gateway="sandbox" data-sportello-kiosk><sportello-payment></sportello-payment></div>`,
    );
    const element = wrapper.querySelector('sportello-payment')!;
    await findNotice(element, '312202600000010279');
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    // A second notice typed, refused (already paid): the codes stay in the form to be checked.
    await addNotice(element, '312202600000010380');
    expect(await alertText(element)).to.contain('già pagato');
    button(element, 'Cosa stai per pagare').click();
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    button(element, 'Paga con il telefono').click();
    await settled(element, () => heading(element) === 'Paga con il tuo telefono');
    const startedOver = oneEvent(wrapper, 'sportello-payment-start-over'); // the kiosk ends the session on it
    button(element, 'Ho finito').click();
    expect((await startedOver).detail).to.deep.equal({});
    await settled(element, () => heading(element) === 'Trova l’avviso da pagare');
    expect(input(element, 'notice').value).to.equal('');
    expect(input(element, 'creditor').value).to.equal('');
    expect(text(element)).to.not.contain('0103').and.not.contain('TARI');
    expect(shadow(element).querySelector('[role="alert"], .warning, .error')).to.equal(null);
  });

  it('does not send preset codes that are not well formed, and shows what is wrong', async () => {
    const { calls, restore } = recordRequests();
    try {
      // A link from an email, cut short by one digit.
      const element = await fixture<SportelloPayment>(
        html`<sportello-payment
          gateway="/no-gateway"
          notice="31220260000001017"
          creditor=${EC}
        ></sportello-payment>`,
      );
      await elementUpdated(element);
      expect(shadow(element).querySelector('#notice-problem')!.textContent).to.contain('ne hai scritte 17');
      expect(input(element, 'notice').value).to.equal('31220260000001017');
      expect(calls).to.deep.equal([]);
    } finally {
      restore();
    }
  });

  it('looks a preset notice up once when the page moves the widget before it first shows', async () => {
    const wrapper = await fixture(html`<div gateway="sandbox"><section></section></div>`);
    const element = document.createElement('sportello-payment') as SportelloPayment;
    element.setAttribute('notice', '312202600000010279');
    element.setAttribute('creditor', EC);
    wrapper.append(element);
    wrapper.querySelector('section')!.append(element); // as a CMS or a framework may, in the same task
    await settled(element, () => text(element).includes('TARI 2026 - seconda rata'));
    expect(text(element)).to.match(/Totale da pagare: 123,00\s€/);
    expect(shadow(element).querySelectorAll('.notices > li')).to.have.length(1);
  });

  it('pays on a page served over plain http, where the browser has no crypto.randomUUID', async () => {
    const randomUUID = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID')!;
    delete (Crypto.prototype as { randomUUID?: unknown }).randomUUID; // as in an insecure context
    try {
      const element = await sandboxPayment();
      await openPracticeCheckout(element, '312202600000010279'); // not stuck on "preparing"
      button(element, 'Paga').click();
      await settled(element, () => heading(element) === 'Pagamento riuscito');
    } finally {
      Object.defineProperty(Crypto.prototype, 'randomUUID', randomUUID);
    }
  });

  it('follows a notice or a payment the page names after the widget has shown', async () => {
    const element = await sandboxPayment();
    expect(heading(element)).to.equal('Trova l’avviso da pagare');
    // A script of the page, or a framework, fills the attributes in afterwards.
    element.setAttribute('notice', '312202600000010279');
    element.setAttribute('creditor', EC);
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    expect(text(element)).to.contain('TARI 2026 - seconda rata');

    const paid = await practicePaid(await sandboxPayment(), '312202600000010178');
    element.setAttribute('payment', paid); // the page's own routing, back from pagoPA
    await settled(element, () => heading(element) === 'Pagamento riuscito');
  });

  it('says what is wrong when Enter is pressed in the field to fix, where moving the focus says nothing', async () => {
    const element = await sandboxPayment();
    await typeInto(element, 'creditor', EC);
    await typeInto(element, 'notice', '3122 0260 0000 0101 7');
    await sendKeys({ press: 'Enter' });
    await elementUpdated(element);
    expect(shadow(element).activeElement?.id).to.equal('notice');
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.equal(
      'Il codice avviso ha 18 cifre: ne hai scritte 17.',
    );
  });

  it('pays and shows the receipt when the browser refuses to store anything', async () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    try {
      const element = await sandboxPayment();
      await openPracticeCheckout(element, '312202600000010178');
      const completed = oneEvent(element, 'sportello-payment-completed');
      button(element, 'Paga').click();
      expect((await completed).detail.status).to.equal('paid');
      await settled(element, () => heading(element) === 'Pagamento riuscito');
      expect(shadow(element).querySelector('[role="alert"]')).to.equal(null);
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });

  it('opens with the notices from a "continue on your phone" link, to pay on the phone', async () => {
    await atAddress(handingOver('312202600000010279', '312202600000010178'), async () => {
      // The phone loads the kiosk page's address, markup and all.
      const element = await fixture<HTMLDivElement>(
        html`<div gateway="sandbox" lang="it" data-sportello-kiosk>
          <sportello-payment kiosk></sportello-payment>
        </div>`,
      ).then((wrapper) => wrapper.querySelector('sportello-payment')!);
      await settled(element, () => text(element).includes('Mensa scolastica'));
      expect(text(element)).to.contain('TARI 2026 - seconda rata');
      expect(text(element)).to.match(/Totale da pagare: 168,60\s€/);
      expect(button(element, 'Paga con pagoPA'), 'checkout, on the phone').to.exist;
      expect(button(element, 'Paga con il telefono')).to.equal(undefined);
    });
  });

  it('opens with the other notices of a "continue on your phone" link when one was paid meanwhile', async () => {
    // Two were paid at the kiosk with the banking app before the citizen went on here: one is
    // paid, pagoPA is still taking the other.
    const link = handingOver(
      '312202600000010380',
      '312202600000010582',
      '312202600000010279',
      '312202600000010178',
    );
    await atAddress(link, async () => {
      const element = await sandboxPayment();
      await settled(element, () => text(element).includes('Mensa scolastica'));
      expect(heading(element)).to.equal('Cosa stai per pagare');
      expect(text(element)).to.match(/Totale da pagare: 168,60\s€/);
      expect(await alertText(element)).to.equal(
        'Avviso 3122 0260 0000 0103 80: Questo avviso risulta già pagato: non devi pagarlo di nuovo. ' +
          'Avviso 3122 0260 0000 0105 82: C’è già un pagamento in corso per questo avviso. Riprova tra 30 minuti.',
      );
    });
  });

  it('stops at a notice of a "continue on your phone" link whose lookup got no answer, to try again', async () => {
    await atAddress(handingOver('312202600000010279', '312202600000010178'), async () => {
      await loseNextAnswer('/api/payments/notice-lookups'); // a weak signal on the phone
      const element = await sandboxPayment();
      expect(await alertText(element)).to.contain('Il servizio non risponde');
      expect(heading(element)).to.equal('Trova l’avviso da pagare');
      expect(input(element, 'notice').value, 'left in the form to look up again').to.equal(
        '312202600000010279',
      );
      button(element, 'Cerca avviso').click();
      await settled(element, () => text(element).includes('TARI 2026 - seconda rata'));
    });
  });

  it('stopping at a lookup with no answer, still says what went wrong with the notices before it', async () => {
    await atAddress(handingOver('312202600000010380', '312202600000010279'), async () => {
      await loseNextAnswer('/api/payments/notice-lookups', '312202600000010279');
      const element = await sandboxPayment();
      await settled(element, () => text(element).includes('Il servizio non risponde'));
      const alert = await alertText(element);
      expect(alert, 'the paid one, named').to.contain('3122 0260 0000 0103 80');
      expect(alert).to.contain('già pagato');
      expect(input(element, 'notice').value).to.equal('312202600000010279');
    });
  });

  it('says what went wrong in the page’s new language when the page switches', async () => {
    const element = await sandboxPayment();
    await findNotice(element, '312202600000010380');
    await settled(element, () => text(element).includes('già pagato'));
    element.parentElement!.setAttribute('lang', 'en');
    await settled(element, () => heading(element) === 'Find the notice to pay');
    expect(await alertText(element)).to.equal(
      'This notice has already been paid: you do not need to pay it again.',
    );
  });

  it('says when pagoPA or the creditor’s systems are down, as a back end following the contract reports it', async () => {
    const cases: [status: number, code: string, message: string][] = [
      [502, 'payment-unavailable', 'pagoPA non può ricevere pagamenti in questo momento'],
      [503, 'creditor-unreachable', 'Il sistema dell’ente non risponde'],
    ];
    for (const [status, code, message] of cases) {
      const element = await fixture<SportelloPayment>(
        html`<sportello-payment
          gateway="${location.origin}/test-api/refusing/${status}/${code}"
        ></sportello-payment>`,
      );
      await findNotice(element, '312202600000010178');
      expect(await alertText(element)).to.contain(message);
      expect(input(element, 'notice').value).to.equal('312202600000010178');
    }
  });

  it('asks to pay fewer notices at once when the back end’s way to pagoPA takes fewer', async () => {
    const element = await sandboxPayment();
    await findNotice(element, '312202600000010178');
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    // A back end on pagoPA's checkout link, one notice per payment, refuses the cart of two.
    await addNotice(element, '312202600000010279');
    await settled(element, () => text(element).includes('TARI 2026 - seconda rata'));
    element.setAttribute(
      'gateway',
      `${location.origin}/test-api/refusing/400/validation-failed/notices:count`,
    );
    button(element, 'Paga con pagoPA').click();
    expect(await alertText(element)).to.contain('Qui non puoi pagare tutti questi avvisi insieme');
    expect(heading(element)).to.equal('Cosa stai per pagare');
  });

  it('says so when the device is offline, keeping what was typed', async () => {
    // The browser's own offline state, as it reports it with the network cable out.
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const element = await fixture<SportelloPayment>(
        html`<sportello-payment gateway="http://127.0.0.1:9"></sportello-payment>`,
      );
      await findNotice(element, '312202600000010178');
      expect(await alertText(element)).to.contain('Non sei collegato a internet');
      expect(input(element, 'notice').value).to.equal('312202600000010178');
      expect(input(element, 'creditor').value).to.equal(EC);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine; // back to the prototype's getter
    }
  });

  it('says when the gateway cannot be reached, keeping what was typed', async () => {
    const element = await fixture<SportelloPayment>(
      html`<sportello-payment gateway="http://127.0.0.1:9"></sportello-payment>`,
    );
    await findNotice(element, '312202600000010178');
    // The words every element uses for it, booking included.
    expect(await alertText(element)).to.contain('Il servizio non risponde');
    expect(input(element, 'notice').value).to.equal('312202600000010178');
  });
});

describe('<sportello-payment> for the next citizen and for the host page', () => {
  beforeEach(() => {
    resetSandbox();
    sessionStorage.clear();
  });

  it('reset() leaves nothing of the citizen’s, and abandons the lookup still on its way', async () => {
    const element = await sandboxPayment();
    const paid = await practicePaid(element, '312202600000010279');
    await atAddress(naming(paid), async (before) => {
      element.reset();
      await settled(element, () => heading(element) === 'Trova l’avviso da pagare');
      expect(text(element)).to.not.include('TARI');
      expect(shadow(element).querySelector('a[download]'), 'no receipt to download').to.equal(null);
      expect(input(element, 'notice').value).to.equal('');
      expect(location.href, 'a reload does not bring the receipt back').to.equal(before);
    });
    // A lookup on its way when the kiosk ends the session never fills the next citizen's screen.
    await typeInto(element, 'notice', '312202600000010178');
    await typeInto(element, 'creditor', EC);
    await sendKeys({ press: 'Enter' });
    element.reset();
    for (let i = 0; i < 10; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(heading(element)).to.equal('Trova l’avviso da pagare');
    expect(text(element)).to.not.include('Mensa');
    expect(input(element, 'notice').value).to.equal('');
  });

  it('tells the page each step it shows and each announcement, with no personal data', async () => {
    const element = await sandboxPayment();
    const steps: string[] = [];
    const said: string[] = [];
    element.parentElement!.addEventListener('sportello-step-change', (e) => steps.push(e.detail.step));
    element.parentElement!.addEventListener('sportello-announcement', (e) => said.push(e.detail.text));
    await practicePaid(element, '312202600000010279');
    expect(steps).to.deep.equal(['summary', 'checkout', 'outcome']);
    expect(said).to.include('Passo: Cosa stai per pagare');
    expect(said.join(' ')).to.not.match(/3122|80001234568/);
  });

  it('puts its headings at the level the page gives, and still focuses them', async () => {
    const wrapper = await fixture(
      html`<div gateway="sandbox" lang="it"><sportello-payment heading-level="3"></sportello-payment></div>`,
    );
    const element = wrapper.querySelector('sportello-payment')!;
    await element.updateComplete;
    expect(shadow(element).querySelector('h3')!.textContent!.trim()).to.equal('Trova l’avviso da pagare');
    expect(shadow(element).querySelector('h2')).to.equal(null);
    await findNotice(element, '312202600000010279');
    await settled(
      element,
      () => shadow(element).querySelector('h3')?.textContent?.trim() === 'Cosa stai per pagare',
    );
    expect(shadow(element).activeElement?.tagName).to.equal('H3');
  });

  it('shows a payment this tab did not start once, in the first payment element of the page', async () => {
    const element = await sandboxPayment();
    const paid = await practicePaid(element, '312202600000010279');
    sessionStorage.clear(); // as in another tab, which did not start the payment
    element.parentElement!.remove();
    await atAddress(naming(paid), async () => {
      const page = await fixture(
        html`<div gateway="sandbox" lang="it">
          <sportello-payment></sportello-payment>
          <sportello-payment-catalogue></sportello-payment-catalogue>
        </div>`,
      );
      const first = page.querySelector('sportello-payment')!;
      const catalogue = page.querySelector('sportello-payment-catalogue')!;
      await settled(first, () => heading(first) === 'Pagamento riuscito');
      await catalogue.updateComplete;
      expect(shadow(catalogue).querySelector('sportello-payment'), 'the catalogue shows its list').to.equal(
        null,
      );
      await settled(
        catalogue as unknown as SportelloPayment,
        () => heading(catalogue) === 'Paga un servizio del Comune',
      );
    });
  });

  it('comes back from checkout in the language the citizen left in', async () => {
    const element = await sandboxPayment();
    const paid = await practicePaid(element, '312202600000010279');
    // What pay() notes before sending an English-speaking citizen to pagoPA checkout.
    const { rememberCheckout } = await import('./return.js');
    rememberCheckout(element, paid, 'en');
    element.parentElement!.remove();
    await atAddress(naming(paid), async () => {
      // The page checkout returns to opens in Italian; the widget is where the first one was.
      const wrapper = await fixture(
        html`<div gateway="sandbox" lang="it"><sportello-payment></sportello-payment></div>`,
      );
      const returned = wrapper.querySelector('sportello-payment')!;
      await settled(returned, () => heading(returned) === 'Payment successful');
      expect(returned.getAttribute('lang'), 'read as English by screen readers').to.equal('en');
      wrapper.setAttribute('lang', 'en');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      wrapper.setAttribute('lang', 'it'); // the citizen then chooses Italian on the page
      await settled(returned, () => heading(returned) === 'Pagamento riuscito');
    });
  });
});

describe('<sportello-payment> scanning', () => {
  beforeEach(() => resetSandbox());

  /** A notice's QR code drawn on a canvas, as a camera would see the paper notice. */
  async function noticePhoto(payload: string): Promise<HTMLCanvasElement> {
    const { default: QRCode } = await import('qrcode/lib/core/qrcode.js');
    const { size, data } = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
    const scale = 8;
    const border = 4 * scale;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size * scale + 2 * border;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#000';
    for (let row = 0; row < size; row++) {
      for (let column = 0; column < size; column++) {
        if (data[row * size + column])
          context.fillRect(border + column * scale, border + row * scale, scale, scale);
      }
    }
    return canvas;
  }

  it('fills the form from a notice’s QR code and finds the notice', async () => {
    const element = await sandboxPayment();
    const found = await element.scanFrame(
      await noticePhoto('PAGOPA|002|312202600000010279|80001234568|12300'),
    );
    expect(found).to.equal(true);
    await settled(element, () => heading(element) === 'Cosa stai per pagare');
    expect(text(element)).to.contain('TARI 2026 - seconda rata');
  });

  it('says so when the code is not a pagoPA notice', async () => {
    const element = await sandboxPayment();
    expect(await element.scanFrame(await noticePhoto('https://example.org'))).to.equal(false);
    expect(await alertText(element)).to.contain('non è quello di un avviso pagoPA');
  });

  it('turns the camera off when its preview cannot start (the step left while the camera opened)', async () => {
    const getUserMedia = navigator.mediaDevices.getUserMedia;
    const play = HTMLMediaElement.prototype.play;
    let stream: MediaStream | undefined;
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
      return (stream = canvas.captureStream());
    };
    // What Chromium answers when the video leaves the page before playing.
    HTMLMediaElement.prototype.play = () =>
      Promise.reject(new DOMException('The play() request was interrupted', 'AbortError'));
    try {
      const element = await sandboxPayment();
      button(element, 'Inquadra l’avviso con la fotocamera').click();
      await settled(element, () => stream !== undefined && stream.getTracks()[0]!.readyState === 'ended');
      expect(stream!.getTracks()[0]!.readyState, 'the camera is off').to.equal('ended');
    } finally {
      navigator.mediaDevices.getUserMedia = getUserMedia;
      HTMLMediaElement.prototype.play = play;
    }
  });

  it('turns the camera off when the widget moves on without it: here the page names a notice', async () => {
    const getUserMedia = navigator.mediaDevices.getUserMedia;
    let stream: MediaStream | undefined;
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
      return (stream = canvas.captureStream());
    };
    try {
      const element = await sandboxPayment();
      button(element, 'Inquadra l’avviso con la fotocamera').click();
      await settled(element, () => stream?.getTracks()[0]!.readyState === 'live');
      element.setAttribute('notice', '312202600000010279');
      element.setAttribute('creditor', EC);
      await settled(element, () => heading(element) === 'Cosa stai per pagare');
      expect(stream!.getTracks()[0]!.readyState, 'the camera is off').to.equal('ended');
    } finally {
      navigator.mediaDevices.getUserMedia = getUserMedia;
    }
  });

  it('leaves no camera on when it is cancelled and opened again while the browser is still asking', async () => {
    // The browser's permission question stays open until the test answers it, once per request.
    const answers: ((stream: MediaStream) => void)[] = [];
    const streams: MediaStream[] = [];
    const getUserMedia = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => new Promise((resolve) => answers.push(resolve));
    const answer = async (request: number) => {
      const canvas = document.createElement('canvas');
      canvas.getContext('2d')!.fillRect(0, 0, 10, 10); // a frame for the video to play
      const stream = canvas.captureStream();
      streams.push(stream);
      answers[request]!(stream);
      for (let i = 0; i < 5; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    };
    try {
      const element = await sandboxPayment();
      button(element, 'Inquadra l’avviso con la fotocamera').click();
      await settled(element, () => answers.length === 1);
      button(element, 'Annulla, scrivo i codici a mano').click();
      await elementUpdated(element);
      button(element, 'Inquadra l’avviso con la fotocamera').click();
      await settled(element, () => answers.length === 2);
      await answer(0); // the first question, answered late
      await answer(1);
      expect(streams[0]!.getTracks()[0]!.readyState, 'the cancelled request’s camera').to.equal('ended');
      expect(streams[1]!.getTracks()[0]!.readyState, 'the camera in use').to.equal('live');
      element.remove();
      expect(streams[1]!.getTracks()[0]!.readyState, 'once the widget is gone').to.equal('ended');
    } finally {
      navigator.mediaDevices.getUserMedia = getUserMedia;
    }
  });
});
