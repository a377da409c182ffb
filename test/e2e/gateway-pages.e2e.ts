// The gateway's own pages (the demo sign-in, the demo mailbox, the simulated pagoPA checkout) on a
// gateway that serves no site (no SITE_ROOT): they still look like the municipality's site, with
// Bootstrap Italia and the Comune's fonts and coat of arms from the gateway itself, under its CSP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, watchPage } from '../support/browser.js';
import { axeViolations } from '../support/axe.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gateway: TestGateway;
let browser: Browser;
before(async () => {
  gateway = await startTestGateway('sqlite');
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await gateway?.close();
});

/** A pending payment of the demo canteen notice, so that the checkout has something to show. */
async function pendingPayment(): Promise<string> {
  const response = await fetch(`${gateway.url}/api/payments/checkouts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      notices: [{ creditorFiscalCode: '80001234568', noticeNumber: '312202600000010178' }],
      returnUrl: `${gateway.url}/`,
    }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { id: string }).id;
}

describe('the gateway’s own pages without a site', () => {
  const pages = {
    'demo sign-in': async () => ['/demo-login/', /Giulia Bianchi/] as const,
    'demo mailbox': async () => ['/demo/mailbox/', /Nessun messaggio/] as const,
    'simulated checkout': async () =>
      [`/simulated-pagopa/checkout/${await pendingPayment()}`, /Paga \(esito positivo\)/] as const,
  };
  for (const [name, visit] of Object.entries(pages)) {
    it(`${name}: the Comune’s header, Bootstrap Italia applied, axe clean, nothing blocked`, async () => {
      const [path, shown] = await visit();
      const page = await browser.newPage();
      const problems = await watchPage(page);
      await page.goto(gateway.url + path);
      await page.getByText(shown).first().waitFor();
      assert.equal(await page.locator('.it-brand-title').textContent(), 'Comune di Esempio');
      const [background, font] = await page
        .locator('.it-header-center-wrapper')
        .evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).fontFamily]);
      assert.equal(background, 'rgb(0, 102, 204)', 'Bootstrap Italia’s header colour');
      assert.match(font!, /^"Titillium Web"/);
      const coatOfArms = await page
        .locator('img.coat-of-arms')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
      assert.ok(coatOfArms, 'the coat of arms loaded');
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
      await page.close();
    });
  }

  it('serves only what the pages use: no header template, no Bootstrap Italia script', async () => {
    assert.equal((await fetch(`${gateway.url}/look/comune.css`)).status, 200);
    assert.equal((await fetch(`${gateway.url}/look/header.html`)).status, 404);
    assert.equal(
      (await fetch(`${gateway.url}/vendor/bootstrap-italia/js/bootstrap-italia.bundle.min.js`)).status,
      404,
    );
  });
});
