// The CDN loader on real pages served by the gateway under a strict Content Security Policy, as a
// web editor would use it: the demo site (every page, in both languages, with Bootstrap Italia and
// the demo sign-in), a page with one element, a page that loads Sportello
// twice, the sandbox, the docs page, and the demo sign-in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { watchPage } from '../support/browser.js';
import { axeViolations } from '../support/axe.js';
import { demoSiteAndBrowser } from '../support/site.js';

const site = demoSiteAndBrowser({ extraStatic: { '/fixtures/': 'test/e2e/fixtures' } });

const PAGES = [
  '/',
  '/servizi/pagare-avviso.html',
  '/servizi/pagare-servizio.html',
  '/servizi/prenotare-appuntamento.html',
  '/servizi/gestire-appuntamento.html',
  '/servizi/certificati-anagrafici.html',
  '/servizi/verificare-certificato.html',
  '/per-chi-gestisce-il-sito.html',
  '/privacy.html',
] as const;

/** Each service page's element, and what it shows once rendered (in Italian). */
const SERVICE_ELEMENTS = {
  '/servizi/pagare-avviso.html': ['sportello-payment', 'Codice avviso'],
  '/servizi/pagare-servizio.html': ['sportello-payment-catalogue', 'Ricarica mensa scolastica'],
  '/servizi/prenotare-appuntamento.html': ['sportello-booking', 'Rinnovo carta d’identità elettronica'],
  '/servizi/gestire-appuntamento.html': ['sportello-booking-manage', 'Codice della prenotazione'],
} as const;

/** Every sportello- element on the page is defined and has rendered something in its shadow root. */
async function sportelloElementsRendered(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const elements = [...document.querySelectorAll('*')].filter((el) =>
      el.localName.startsWith('sportello-'),
    );
    return elements.every(
      (el) => customElements.get(el.localName) !== undefined && (el.shadowRoot?.childElementCount ?? 0) > 0,
    );
  });
}

/** Computed styles that do not depend on the column's width, for the host and every part inside. */
const COMPARED = [
  'color',
  'background-color',
  'font-size',
  'font-weight',
  'font-style',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'text-align',
  'text-decoration-line',
  'text-indent',
  'white-space',
  'display',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'margin-top',
  'margin-bottom',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'border-left-width',
  'border-radius',
  'box-shadow',
  'outline-style',
  'list-style-type',
  'cursor',
  'opacity',
  'visibility',
];

async function partStyles(page: Page, tag: string): Promise<Record<string, Record<string, string>>> {
  // No named functions inside: tsx's transform would wrap them with a helper the page lacks.
  return page.evaluate(
    ([tag, properties]) => {
      const styles: Record<string, Record<string, string>> = {};
      const host = document.querySelector(tag)!;
      const found: [string, Element][] = [[tag, host]];
      const roots: [string, ShadowRoot][] = [[tag, host.shadowRoot!]];
      while (roots.length > 0) {
        const [path, root] = roots.shift()!;
        root.querySelectorAll('*').forEach((element, index) => {
          const part = element.getAttribute('part');
          if (part) found.push([`${path} [part="${part}"]#${index}`, element]);
          if (element.shadowRoot) roots.push([`${path} ${element.localName}#${index}`, element.shadowRoot]);
        });
      }
      for (const [key, element] of found) {
        const computed = getComputedStyle(element);
        styles[key] = Object.fromEntries(properties.map((name) => [name, computed.getPropertyValue(name)]));
      }
      return styles;
    },
    [tag, COMPARED] as const,
  );
}

describe('demo site', () => {
  for (const lang of ['it', 'en'] as const) {
    for (const path of PAGES) {
      it(`${path} in ${lang === 'it' ? 'Italian' : 'English'}: no errors, axe clean, Bootstrap Italia applied, elements rendered`, async () => {
        const page = await site.browser.newPage();
        const problems = await watchPage(page);
        if (lang === 'en')
          await page.addInitScript(() => localStorage.setItem('comune-esempio.language', 'en'));
        const response = await page.goto(site.server.url + path);
        assert.match(response!.headers()['content-security-policy']!, /script-src 'self';/);
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        await sportelloElementsRendered(page);
        // Bootstrap Italia's stylesheet is there: its header bar has its colour and its font.
        const header = await page
          .locator('.it-header-center-wrapper')
          .evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).fontFamily]);
        assert.equal(header[0], 'rgb(0, 102, 204)');
        assert.match(header[1]!, /^"Titillium Web"/);
        assert.equal(
          await page.locator('.it-brand-title').first().textContent(),
          'Comune di Esempio',
          'the header names the municipality',
        );
        if (lang === 'en') assert.equal(await page.getByRole('link', { name: 'Skip to content' }).count(), 1);
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
        await page.close();
      });
    }
  }

  for (const [path, [tag, shown]] of Object.entries(SERVICE_ELEMENTS)) {
    it(`${path}: Bootstrap Italia changes nothing in <${tag}> but its font family`, async () => {
      const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(site.server.url + path);
      await page.locator(tag).getByText(shown).first().waitFor();
      const onSite = await partStyles(page, tag);

      const bare = `${site.server.url}/bare-${tag}.html`;
      await page.route(bare, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html lang="it"><head><title>${tag}</title>
            <link rel="stylesheet" href="/dist/sportello.css" />
            <script type="module" src="/dist/sportello.js"></script></head>
            <body><main><${tag} heading-level="3"></${tag}></main></body></html>`,
        }),
      );
      await page.goto(bare);
      await page.locator(tag).getByText(shown).first().waitFor();
      const onBarePage = await partStyles(page, tag);
      assert.ok(Object.keys(onSite).length > 1, 'parts were found');
      assert.deepEqual(onSite, onBarePage);
      await page.close();
    });
  }

  it('shows a QR code of the home page, labelled in the page’s language', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/`);
    const code = page.locator('sportello-qr svg[role="img"]');
    await code.waitFor();
    assert.equal(await code.getAttribute('aria-label'), 'Codice QR con l’indirizzo di questa pagina');
    assert.ok(Number(await code.evaluate((svg: SVGSVGElement) => svg.viewBox.baseVal.width)) >= 29);
    await page.close();
  });

  it('puts each widget’s headings below the section heading the page gives it', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/servizi/pagare-avviso.html`);
    const section = page.locator('section', { has: page.locator('#use-title') });
    assert.equal(await section.getByRole('heading', { level: 2 }).textContent(), 'Accedi al servizio');
    const own = section.locator('sportello-payment').getByRole('heading', { level: 3 });
    assert.equal((await own.textContent())?.trim(), 'Trova l’avviso da pagare');
    assert.equal(await section.locator('sportello-payment').getByRole('heading', { level: 2 }).count(), 0);
    await page.close();
  });

  it('says the search does not work on the demo site, where a visitor will hear it', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.server.url}/`);
    await page.getByRole('searchbox', { name: 'Cerca' }).fill('carta d’identità');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    assert.match(
      (await page.locator('header [role="status"]').filter({ hasText: /\S/ }).textContent()) ?? '',
      /La ricerca non è attiva nel sito di prova/,
    );
    await page.close();
  });

  it('shows an English visitor no Italian first, even when the site’s script comes late', async () => {
    const page = await site.browser.newPage();
    await page.addInitScript(() => localStorage.setItem('comune-esempio.language', 'en'));
    // A slow network for the site's script only: the page's markup (Italian) is parsed long before.
    await page.route('**/assets/site.js', async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.fulfill({ response });
    });
    await page.goto(`${site.server.url}/servizi/pagare-avviso.html`);
    await page.getByRole('heading', { level: 1, name: 'Pay a pagoPA notice' }).waitFor();
    const [firstPaint, languageApplied] = await page.evaluate(() => [
      performance.getEntriesByName('first-paint')[0]?.startTime,
      performance.getEntriesByName('site-language-applied')[0]?.startTime,
    ]);
    assert.ok(languageApplied !== undefined && firstPaint !== undefined);
    assert.ok(
      firstPaint >= languageApplied,
      `first paint ${firstPaint} ms, English at ${languageApplied} ms`,
    );
    await page.close();
  });

  it('switches to English and the dark theme without a reload, and remembers both on the next page', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('sportello-qr svg[aria-label="QR code with the address of this page"]').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Online services');

    const captionColour = () => page.locator('sportello-qr').evaluate((el) => getComputedStyle(el).color);
    assert.equal(await captionColour(), 'rgb(25, 25, 25)');
    await page.getByLabel('Theme').selectOption('dark');
    assert.equal(await captionColour(), 'rgb(242, 243, 245)');

    await page.getByRole('link', { name: 'Pay a pagoPA notice' }).click();
    await page.waitForURL(/pagare-avviso\.html$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Pay a pagoPA notice');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.sportelloTheme), 'dark');
    assert.equal(await page.getByLabel('Theme').inputValue(), 'dark');
    await page.locator('sportello-payment').getByLabel('Notice code').waitFor();
    await page.close();
  });
});

describe('signing in on the demo site', () => {
  it('prefills the booking with the signed-in citizen, and signing out takes them away', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}/servizi/prenotare-appuntamento.html`);
    await page.getByRole('link', { name: 'Accedi' }).click();
    await page.getByRole('button', { name: /Giulia Bianchi/ }).click();
    await page.waitForURL(`${site.server.url}/servizi/prenotare-appuntamento.html`);
    await page.getByText('Giulia Bianchi', { exact: true }).waitFor();
    const booking = page.locator('sportello-booking');

    const toApplicant = async () => {
      await booking.getByText('Rinnovo carta d’identità elettronica').click();
      await booking.getByRole('button', { name: 'Avanti' }).click();
      await booking
        .getByRole('button', { name: /posti? liber/ })
        .first()
        .click();
      await booking
        .getByRole('button', { name: /^\d{2}:\d{2}, \d+ posti? liber/ })
        .first()
        .click();
      await booking.getByRole('heading', { name: 'Perché prendi l’appuntamento?' }).waitFor();
      await booking.getByRole('button', { name: 'Avanti' }).click();
      await booking.getByRole('heading', { name: 'I tuoi dati' }).waitFor();
    };
    await toApplicant();
    await booking.getByText('Abbiamo inserito i dati del tuo profilo: controllali.').waitFor();
    assert.equal(await booking.getByLabel('Nome', { exact: true }).inputValue(), 'Giulia');
    assert.equal(await booking.getByLabel('Cognome').inputValue(), 'Bianchi');
    assert.match(await booking.getByLabel(/Codice fiscale/).inputValue(), /^[A-Z0-9]{16}$/);

    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByRole('link', { name: 'Accedi' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('sportello.citizenToken')), null);
    await booking.getByRole('heading', { name: 'Per quale servizio vuoi l’appuntamento?' }).waitFor();
    await toApplicant();
    assert.equal(await booking.getByLabel('Nome', { exact: true }).inputValue(), '');
    assert.equal(await booking.getByLabel('Cognome').inputValue(), '');
    assert.equal(await booking.getByLabel(/Codice fiscale/).inputValue(), '');
    assert.equal(await booking.getByText('Abbiamo inserito i dati del tuo profilo').count(), 0);
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
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
    // Each group of the reference: its heading, then a list whose terms start with the entry's name.
    const names = (group: string) =>
      qr.locator(`h4:text-is("${group}") + dl > dt > code:first-child`).allTextContents();
    assert.deepEqual(await names('Attributi'), ['value', 'error-correction', 'label']);
    assert.deepEqual(await names('Parti CSS (::part)'), ['code', 'caption', 'error']);
    assert.deepEqual(await names('Proprietà CSS personalizzate'), [
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
