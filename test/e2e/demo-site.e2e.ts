// The CDN loader on real pages served by the gateway under a strict Content Security Policy, as a
// web editor would use it: the demo site, a page with one element, a page that loads Sportello
// twice, the sandbox, the docs page, and the demo sign-in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { watchPage } from '../support/browser.js';
import { demoSiteAndBrowser } from '../support/site.js';

const site = demoSiteAndBrowser({ extraStatic: { '/fixtures/': 'test/e2e/fixtures' } });

describe('demo site', () => {
  it('shows a QR code of the page under a strict CSP, with no errors or violations', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    const response = await page.goto(`${site.server.url}/`);
    assert.match(response!.headers()['content-security-policy']!, /script-src 'self';/);
    const code = page.locator('sportello-qr svg[role="img"]');
    await code.waitFor();
    assert.equal(await code.getAttribute('aria-label'), 'Codice QR con l’indirizzo di questa pagina');
    assert.ok(Number(await code.evaluate((svg: SVGSVGElement) => svg.viewBox.baseVal.width)) >= 29);
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });

  it('puts each widget’s headings below the section heading the page gives it', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/`);
    const section = page.locator('section', { has: page.locator('#pay-title') });
    assert.equal(await section.getByRole('heading', { level: 2 }).textContent(), 'Paga un avviso pagoPA');
    const own = section.locator('sportello-payment').getByRole('heading', { level: 3 });
    assert.equal((await own.textContent())?.trim(), 'Trova l’avviso da pagare');
    assert.equal(await section.locator('sportello-payment').getByRole('heading', { level: 2 }).count(), 0);
    await page.close();
  });

  it('switches the widgets to English and to the dark theme without a reload', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('sportello-qr svg[aria-label="QR code with the address of this page"]').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

    const captionColour = () => page.locator('sportello-qr').evaluate((el) => getComputedStyle(el).color);
    assert.equal(await captionColour(), 'rgb(25, 25, 25)');
    await page.getByLabel('Contrast').selectOption('dark');
    assert.equal(await captionColour(), 'rgb(242, 243, 245)');
    await page.close();
  });
});

describe('a page with one element', () => {
  it('downloads that element’s module and not the others', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}/fixtures/qr-only.html`);
    await page.locator('sportello-qr svg[aria-label="Codice QR del sito del Comune"]').waitFor();
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    );
    assert.ok(scripts.includes('/dist/elements/qr.js'));
    assert.deepEqual(
      scripts.filter((path) => /\/dist\/elements\/(payment|booking|calendar)/.test(path)),
      [],
      'no other element came',
    );
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });
});

describe('two copies of Sportello on one page', () => {
  it('throw nothing, warn about nothing (same version) and the elements work', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}/fixtures/twice.html`);
    await page.locator('sportello-qr svg[aria-label="Codice QR del sito del Comune"]').waitFor();
    const scripts = await page.evaluate(
      () =>
        performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/dist/sportello.js'))
          .length,
    );
    assert.equal(scripts, 2, 'both copies were loaded and run');
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });
});

describe('docs page', () => {
  it('lists every element with its attributes, parts and CSS properties from the manifests', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}/docs/`);
    const qr = page.locator('section#sportello-qr');
    await qr.waitFor();
    assert.equal(await qr.getByRole('heading', { level: 2 }).textContent(), '<sportello-qr>');
    const attributes = await qr
      .locator('table:has(caption:text-is("Attributes")) tbody th')
      .allTextContents();
    assert.deepEqual(attributes, ['value', 'error-correction', 'label']);
    const parts = await qr.locator('table:has(caption:text-is("CSS parts")) tbody th').allTextContents();
    assert.deepEqual(parts, ['code', 'caption', 'error']);
    const properties = await qr
      .locator('table:has(caption:text-is("CSS custom properties")) tbody th')
      .allTextContents();
    assert.deepEqual(properties, [
      '--sportello-qr-size',
      '--sportello-qr-foreground',
      '--sportello-qr-background',
    ]);
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });
});

describe('the sandbox from the CDN', () => {
  it('answers gateway="sandbox" in the page under a strict CSP (no eval in its validators)', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}/fixtures/sandbox.html`);
    await page.locator('#result', { hasText: 'sandbox: Comune di Esempio' }).waitFor();
    const chunks = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    );
    assert.ok(
      chunks.some((path) => /^\/dist\/chunks\/sandbox-/.test(path)),
      'the sandbox came as its own lazy chunk',
    );
    assert.ok(!chunks.some((path) => path.startsWith('/api/')), 'nothing went to the network API');
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });
});

describe('a widget on the sandbox, defined by the loader', () => {
  it('shows the sandbox’s services, with nothing sent to the network API', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}/fixtures/sandbox-widget.html`);
    await page.getByRole('radio', { name: /Carta d.identità/i }).waitFor();
    const paths = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    );
    assert.ok(!paths.some((path) => path.startsWith('/api/')), 'nothing went to the network API');
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });
});

describe('demo sign-in', () => {
  it('signs a test citizen in and brings them back with a token the API accepts', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}/demo-login/?return=/docs/`);
    await page.getByRole('button', { name: /Giulia Bianchi/ }).click();
    await page.waitForURL(`${site.server.url}/docs/`);
    const status = await page.evaluate(async () => {
      const token = sessionStorage.getItem('sportello.citizenToken');
      const response = await fetch('/api/me', { headers: { Authorization: `Bearer ${token}` } });
      return [response.status, (await response.json()).givenName];
    });
    assert.deepEqual(status, [200, 'Giulia']);
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });

  it('never sends the citizen to another site after signing in', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/demo-login/?return=//evil.example/steal`);
    await page.getByRole('button', { name: /Mario Rossi/ }).click();
    await page.waitForURL(`${site.server.url}/`);
    await page.close();
  });
});
