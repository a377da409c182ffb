// Paying a pagoPA notice on the demo site, as a citizen would: the widget, the reference gateway
// over real HTTP, the simulated pagoPA checkout page, and back to the receipt.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { watchPage } from '../support/browser.js';
import { demoSiteAndBrowser } from '../support/site.js';

const site = demoSiteAndBrowser();

/**
 * From the simulated checkout, the browser's Back button before choosing anything: the widget shows
 * the payment still open, with what it is for, and its link goes back to checkout.
 */
async function backFromCheckoutAndOnAgain(page: Page, widget: Locator, description: string) {
  await page.goBack();
  await widget.getByRole('heading', { name: 'Pagamento in corso' }).waitFor();
  await widget.getByText(description).waitFor();
  await widget.getByRole('link', { name: 'Continua il pagamento su pagoPA' }).click();
  await page.waitForURL(/\/simulated-pagopa\/checkout\//);
}

describe('paying a notice on the demo site', () => {
  it('finds the notice, pays through checkout, returns to the receipt; the notice cannot be paid again', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.addInitScript(() => {
      document.addEventListener('sportello-payment-completed', (event) => {
        sessionStorage.setItem('completed', JSON.stringify((event as CustomEvent).detail));
      });
    });
    await page.goto(`${site.server.url}/servizi/pagare-avviso.html`);
    const payment = page.locator('sportello-payment');
    await payment.getByLabel('Codice avviso').fill('3122 0260 0000 0101 78');
    await payment.getByLabel('Codice fiscale ente creditore').fill('80001234568');
    await payment.getByRole('button', { name: 'Cerca avviso' }).click();
    await payment.getByText('Mensa scolastica - ottobre 2026').waitFor();
    assert.match(await payment.locator('[part="summary"]').innerText(), /45,60\s€/);

    await payment.getByRole('button', { name: 'Paga con pagoPA' }).click();
    await page.waitForURL(/\/simulated-pagopa\/checkout\//);
    await page.getByText('Mensa scolastica - ottobre 2026').waitFor();
    await page.getByRole('button', { name: /^Paga \(esito positivo\)/ }).click();

    await page.waitForURL(/\.html\?payment=/);
    await payment.getByRole('heading', { name: 'Pagamento riuscito' }).waitFor();
    const receipt = await payment.locator('[part="receipt"]').innerText();
    assert.match(receipt, /SPT-\d{8}-\w{8}/);
    assert.match(receipt, /45,60\s€/);
    const pdfHref = await payment
      .getByRole('link', { name: 'Scarica la ricevuta (PDF)' })
      .getAttribute('href');
    const pdf = await fetch(new URL(pdfHref!, site.server.url));
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const completed = JSON.parse((await page.evaluate(() => sessionStorage.getItem('completed')))!);
    assert.deepEqual(Object.keys(completed).sort(), ['amountCents', 'paymentId', 'status']);
    assert.deepEqual([completed.status, completed.amountCents], ['paid', 4560]);

    // The catalogue's page shows its list: a payment made elsewhere is not its own.
    const returnPage = page.url();
    await page.goto(`${site.server.url}/servizi/pagare-servizio.html`);
    const catalogue = page.locator('sportello-payment-catalogue');
    await catalogue.getByRole('button', { name: 'Ricarica mensa scolastica' }).waitFor();
    assert.equal(
      await catalogue.getByText('Pagamento riuscito').count(),
      0,
      'only the widget that paid shows it',
    );

    // Opening the return page again shows the same receipt again.
    await page.goto(returnPage);
    await payment.getByRole('heading', { name: 'Pagamento riuscito' }).waitFor();
    assert.equal(await payment.locator('[part="receipt"]').innerText(), receipt);

    await payment.getByRole('button', { name: 'Paga un altro avviso' }).click();
    await payment.getByLabel('Codice avviso').fill('312202600000010178');
    await payment.getByLabel('Codice fiscale ente creditore').fill('80001234568');
    await payment.getByRole('button', { name: 'Cerca avviso' }).click();
    await payment
      .getByRole('alert')
      .getByText(/già pagato/)
      .waitFor();
    // The browser logs the gateway's 409 ("already paid") as a failed resource: that one is expected.
    const unexpected = problems.errors.filter((error) => !/status of 409/.test(error));
    assert.deepEqual({ ...problems, errors: unexpected }, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });

  it('coming back from checkout without paying shows the payment still open, and goes back to it', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/servizi/pagare-avviso.html`);
    const payment = page.locator('sportello-payment');
    await payment.getByLabel('Codice avviso').fill('312202600000010279');
    await payment.getByLabel('Codice fiscale ente creditore').fill('80001234568');
    await payment.getByRole('button', { name: 'Cerca avviso' }).click();
    await payment.getByRole('button', { name: 'Paga con pagoPA' }).click();
    await page.waitForURL(/\/simulated-pagopa\/checkout\//);

    await backFromCheckoutAndOnAgain(page, payment, 'TARI 2026 - seconda rata');
    await page.getByRole('button', { name: /^Paga \(esito positivo\)/ }).click();
    await page.waitForURL(/\.html\?payment=/);
    await payment.getByRole('heading', { name: 'Pagamento riuscito' }).waitFor();

    // Its outcome shown, the payment is no longer one to come back to.
    await payment.getByRole('button', { name: 'Paga un altro avviso' }).click();
    await page.goto(`${site.server.url}/servizi/pagare-avviso.html`);
    await payment.getByRole('heading', { name: 'Trova l’avviso da pagare' }).waitFor();
    await page.close();
  });

  it('coming back from checkout started in the catalogue shows that payment, not the list again', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/servizi/pagare-servizio.html`);
    const catalogue = page.locator('sportello-payment-catalogue');
    await catalogue.getByRole('button', { name: 'Imposta di bollo per un certificato' }).click();
    await catalogue.getByRole('button', { name: 'Prepara l’avviso' }).click();
    await catalogue.getByRole('button', { name: 'Paga con pagoPA' }).click();
    await page.waitForURL(/\/simulated-pagopa\/checkout\//);

    await backFromCheckoutAndOnAgain(page, catalogue, 'Imposta di bollo per un certificato');
    await page.getByRole('button', { name: /^Annulla/ }).click();
    await page.waitForURL(/\.html\?payment=/);
    await catalogue.getByRole('heading', { name: 'Pagamento annullato' }).waitFor();
    await page.close();
  });

  it('shows each seeded state’s own message against the real gateway', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/servizi/pagare-avviso.html`);
    const payment = page.locator('sportello-payment');
    const cases: [string, RegExp][] = [
      ['312202600000010380', /già pagato/],
      ['312202600000010481', /scaduto/],
      ['312202600000010582', /in corso.*30 minuti/],
      ['312202600000010683', /annullato/],
      ['312202600000010784', /non ha risposto in tempo/],
    ];
    for (const [notice, message] of cases) {
      await payment.getByLabel('Codice avviso').fill(notice);
      await payment.getByLabel('Codice fiscale ente creditore').fill('80001234568');
      await payment.getByRole('button', { name: 'Cerca avviso' }).click();
      await payment.getByRole('alert').getByText(message).waitFor();
    }
    await page.close();
  });
});
