// The element docs (/docs/) and the accessibility statement (/docs/accessibilita.html), as a
// visitor on a phone-sized window reads them, in Italian and in English: every element of every
// manifest has its entry, rendered from Markdown (no raw backticks), with a live example that is
// defined and drawn; nothing scrolls sideways at 390 px; axe finds nothing; the language chosen is
// remembered under the demo site's key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { watchPage } from '../support/browser.js';
import { axeViolations } from '../support/axe.js';
import { demoSiteAndBrowser } from '../support/site.js';
// @ts-expect-error: a plain module of the docs page, without types
import { elementsOf } from '../../demo/docs/entries.js';
// @ts-expect-error: as above
import { parseMarkdown, plainText } from '../../demo/docs/markdown.js';

interface Declaration {
  tagName: string;
  summary?: string;
}

const italian = JSON.parse(readFileSync('demo/docs/docs.it.json', 'utf8'));
const site = demoSiteAndBrowser();
const PHONE = { width: 390, height: 844 };
/** The kiosk's on-screen keyboard opens for any field of the page: the docs show no live one. */
const AT_THE_KIOSK_ONLY = ['sportello-keyboard'];

async function declarations(): Promise<Declaration[]> {
  const packages: string[] = await (await fetch(`${site.server.url}/manifests/index.json`)).json();
  const all: Declaration[] = [];
  for (const name of packages) {
    all.push(...elementsOf(await (await fetch(`${site.server.url}/manifests/${name}.json`)).json()));
  }
  return all;
}

const seen = (markdown: string) => plainText(parseMarkdown(markdown)).replace(/\s+/g, ' ').trim();

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Waits for the live examples to finish their first steps (the sandbox answers, a widget grows):
 * axe measuring colours while the page below still moves reads the wrong background.
 */
async function settled(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      [...document.querySelectorAll('.live-example > *')].map(
        (element) => (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete,
      ),
    ),
  );
  await page.waitForFunction(
    () => {
      const state = window as unknown as { lastHeight?: number };
      const height = document.documentElement.scrollHeight;
      const same = state.lastHeight === height;
      state.lastHeight = height;
      return same;
    },
    undefined,
    { polling: 250 },
  );
}

/** Checks the docs page in the language it is in. */
async function checkDocs(page: Page, elements: Declaration[], language: 'it' | 'en') {
  assert.equal(await page.evaluate(() => document.documentElement.lang), language);
  await page
    .locator('section.element')
    .nth(elements.length - 1)
    .waitFor();
  assert.equal(await page.locator('section.element').count(), elements.length);
  for (const element of elements) {
    const section = page.locator(`section#${element.tagName}`);
    assert.equal(await section.locator('h2').innerText(), `<${element.tagName}>`);
    if (element.summary) {
      const expected = language === 'it' ? italian[element.tagName].summary : element.summary;
      assert.equal(await section.locator('p.lead').innerText(), seen(expected), element.tagName);
    }
    if (AT_THE_KIOSK_ONLY.includes(element.tagName)) {
      // No live example (it would open over the others): where to try it instead.
      assert.equal(await section.locator('.live-example a[href="/kiosk/"]').count(), 1);
    } else {
      // The live example: defined, and drawn in its shadow root.
      await page.waitForFunction((tag) => {
        const live = document.querySelector(`section#${tag} .live-example > ${tag}`);
        return Boolean(customElements.get(tag) && live?.shadowRoot?.childElementCount);
      }, element.tagName);
    }
    assert.match(await section.locator('pre').innerText(), new RegExp(`<${element.tagName}[ >]`));
    assert.match(await section.locator('pre').innerText(), /sportello\.js"><\/script>/);
  }
  await settled(page);
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /`/, 'a raw backtick on the page');
  assert.equal(await sidewaysScroll(page), 0, 'the page scrolls sideways');
  assert.deepEqual(await axeViolations(page), [], language);
}

describe('the element docs', () => {
  it('show every element in Italian, then in English, remembered, at 390 px, axe clean', async () => {
    const elements = await declarations();
    assert.ok(elements.length >= 6, 'the manifests are there (npm run build)');
    const page = await site.browser.newPage({ viewport: PHONE });
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}/docs/`);
    await checkDocs(page, elements, 'it');
    assert.match(await page.locator('h1').innerText(), /Documentazione dei componenti/);

    await page.getByRole('button', { name: 'English' }).click();
    await checkDocs(page, elements, 'en');
    assert.equal(await page.evaluate(() => localStorage.getItem('comune-esempio.language')), 'en');

    // Remembered across pages: the statement opens in English, and the docs again after a reload.
    await page.reload();
    await checkDocs(page, elements, 'en');
    await page.getByRole('button', { name: 'Italiano' }).click();
    assert.equal(await page.evaluate(() => localStorage.getItem('comune-esempio.language')), null);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.cspViolations, []);
    await page.close();
  });

  it('keep a live example as it was when the language changes', async () => {
    const page = await site.browser.newPage({ viewport: PHONE });
    await page.goto(`${site.server.url}/docs/#sportello-calendar`);
    const calendar = page.locator('section#sportello-calendar sportello-calendar');
    await calendar.evaluate((element) => element.setAttribute('value', '2031-05-12'));
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await calendar.evaluate((element) => (element as HTMLInputElement).value), '2031-05-12');
    await page.close();
  });
});

describe('the accessibility statement', () => {
  it('reads in Italian and English, at 390 px, axe clean', async () => {
    const page = await site.browser.newPage({ viewport: PHONE });
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}/docs/accessibilita.html`);
    assert.match(await page.locator('h1').innerText(), /Dichiarazione di accessibilità/);
    assert.equal(await sidewaysScroll(page), 0);
    assert.deepEqual(await axeViolations(page), [], 'it');
    await page.getByRole('button', { name: 'English' }).click();
    assert.match(await page.locator('h1').innerText(), /Accessibility statement/);
    assert.doesNotMatch(
      await page.locator('main').innerText(),
      /\bdell[’']|\bè\b/,
      'Italian left in English',
    );
    assert.deepEqual(await axeViolations(page), [], 'en');
    // Remembered: the docs open in English.
    await page.goto(`${site.server.url}/docs/`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.cspViolations, []);
    await page.close();
  });
});
