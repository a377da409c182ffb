// A citizen's session at the built kiosk (dist/kiosk, `npm run build`) against the reference gateway:
// they hold a booking slot, type their names and fiscal code with the on-screen keyboard, and walk
// away. The warning shows and is spoken, runs out, and the session ends: nothing of theirs is left in
// the page, IndexedDB, the Cache API, sessionStorage or localStorage, Back does not bring the form
// back, the held place is free again at the gateway, and the self-check's result is recorded.
// Time is Playwright's clock (page.clock): the test jumps the 90 s of idleness instead of waiting.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, watchPage } from '../support/browser.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { freePlaces, holdFirstFreeTime, setUpKiosk } from '../support/kiosk.js';

const CITIZEN = {
  givenName: 'Mario',
  familyName: 'Rossi',
  email: 'mario.rossi@example.org',
  fiscalCode: 'RSSMRA80A01H501U',
};
const TRACES = Object.values(CITIZEN);

let gateway: TestGateway;
let browser: Browser;
before(async () => {
  assert.ok(existsSync('dist/kiosk/kiosk.js'), 'run `npm run build` first: dist/kiosk/kiosk.js is missing');
  gateway = await startTestGateway('sqlite', { siteRoot: '.' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await gateway?.close();
});

/**
 * Types `text` into the focused field with the kiosk's on-screen keyboard, key by key, using its
 * shift key for capitals (it stays on until pressed again).
 */
async function typeOnScreen(page: Page, text: string): Promise<void> {
  const keyboard = page.locator('sportello-keyboard');
  await keyboard.locator('[part~="keyboard"]').waitFor();
  const shift = keyboard.locator('button[aria-pressed]');
  for (const character of text) {
    // The email layout has no shift key (and needs none): only letters that need it press it.
    if (/\p{L}/u.test(character) && (await shift.count())) {
      const upper = character !== character.toLocaleLowerCase('it');
      if (upper !== ((await shift.getAttribute('aria-pressed')) === 'true')) await shift.click();
    }
    const exactly = new RegExp(`^\\s*${character.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    await keyboard.locator('button[part="key"]').filter({ hasText: exactly }).first().click();
  }
}

/** Focuses a field by touching it, then types on the on-screen keyboard. */
async function fillOnScreen(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  await typeOnScreen(page, text);
  assert.equal((await field.inputValue()).toUpperCase(), text.toUpperCase());
}

/** Everything the page shows or holds in its DOM: text and field values, inside shadow roots too. */
function pageContents(page: Page): Promise<string> {
  // No inner functions: tsx names them with a helper the page does not have.
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const element of root.querySelectorAll('*')) {
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
          parts.push(element.value);
        }
        if (element.shadowRoot) {
          parts.push(element.shadowRoot.textContent ?? '');
          roots.push(element.shadowRoot);
        }
      }
    }
    return parts.join('\n');
  });
}

/** What the browser keeps for the origin: IndexedDB (names and device entries), caches, storage. */
function storedContents(page: Page) {
  return page.evaluate(async () => {
    const databases = ((await indexedDB.databases()) ?? []).map((database) => database.name ?? '');
    const device = await new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open('sportello-kiosk-device');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const request = db.transaction('entries').objectStore('entries').getAll();
        request.onsuccess = () => {
          db.close();
          resolve(request.result as unknown[]);
        };
      };
    });
    const cached: { cache: string; path: string; body: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const path = new URL(request.url).pathname;
        // The kiosk's own files are code; answers are what could hold a citizen's data.
        if (!path.startsWith('/api/')) continue;
        cached.push({ cache: name, path, body: await (await cache.match(request))!.text() });
      }
    }
    return {
      databases,
      device: JSON.stringify(device),
      cached,
      sessionStorage: sessionStorage.length,
      localStorage: localStorage.length,
    };
  });
}

describe('a kiosk session that runs out', () => {
  it('releases the held slot, erases every trace of the citizen, and records the self-check', async () => {
    const context = await browser.newContext();
    await setUpKiosk(context, gateway.url);
    const page = await context.newPage();
    // What the kiosk says, recorded: headless Chromium has no voices to say it with.
    await page.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      speechSynthesis.speak = (utterance) => void spoken.push({ text: utterance.text, lang: utterance.lang });
    });
    await page.clock.install();
    const problems = await watchPage(page);
    await page.goto(`${gateway.url}/kiosk/`);
    const historyLength = await page.evaluate(() => history.length);

    // A touch, the booking tile, a time held.
    const { booking, held } = await holdFirstFreeTime(page);
    const freeWhileHeld = await freePlaces(gateway.url, held);
    await booking.getByRole('button', { name: 'Avanti' }).click();

    // The applicant's details, typed with the on-screen keyboard.
    await booking.getByRole('heading', { name: 'I tuoi dati' }).waitFor();
    await fillOnScreen(page, booking.getByLabel('Nome', { exact: true }), CITIZEN.givenName);
    await fillOnScreen(page, booking.getByLabel('Cognome', { exact: true }), CITIZEN.familyName);
    await fillOnScreen(page, booking.getByLabel('Email', { exact: true }), CITIZEN.email);
    await fillOnScreen(page, booking.getByLabel('Codice fiscale (facoltativo)'), CITIZEN.fiscalCode);
    assert.ok((await pageContents(page)).includes(CITIZEN.fiscalCode), 'the form holds what was typed');

    // The citizen walks away: after 90 s the warning shows, and is spoken.
    const spoken = () => page.evaluate(() => (window as unknown as { spoken: { text: string }[] }).spoken);
    const spokenBefore = (await spoken()).length;
    await page.clock.runFor(90_000);
    const warning = page.getByRole('dialog', { name: 'Ci sei ancora?' });
    await warning.waitFor();
    assert.match(await warning.innerText(), /Tra 30 secondi il totem chiude/);
    const said = (await spoken()).slice(spokenBefore).map((words) => words.text);
    assert.ok(
      said.some((text) => text.startsWith('Ci sei ancora? Tra 30 secondi')),
      `the warning is spoken: ${JSON.stringify(said)}`,
    );

    // Nobody answers: the countdown runs out and the session ends.
    await page.clock.runFor(30_000);
    await page.getByRole('heading', { name: 'I tuoi dati sono stati cancellati' }).waitFor();

    // Nothing of the citizen's in the page...
    const contents = await pageContents(page);
    for (const trace of TRACES) assert.ok(!contents.includes(trace), `the page still holds "${trace}"`);
    assert.equal(await page.locator('sportello-booking').count(), 0);

    // ...nor in the browser's storage.
    const stored = await storedContents(page);
    assert.deepEqual(
      stored.databases.filter((name) => !['sportello-kiosk-device', 'workbox-expiration'].includes(name)),
      [],
      'only the device’s databases are left',
    );
    for (const trace of TRACES)
      assert.ok(!stored.device.includes(trace), `the device scope holds "${trace}"`);
    for (const { cache, path, body } of stored.cached) {
      assert.equal(cache, 'sportello-kiosk-public', `${path} is in ${cache}`);
      for (const trace of TRACES) assert.ok(!body.includes(trace), `${cache} ${path} holds "${trace}"`);
    }
    assert.equal(stored.sessionStorage, 0);
    assert.equal(stored.localStorage, 0);

    // The self-check's result is in the device scope: passed, and names no data.
    const wipeLog = JSON.parse(stored.device).find(Array.isArray) as { passed: boolean; failed: string[] }[];
    assert.deepEqual(
      { passed: wipeLog[0]!.passed, failed: wipeLog[0]!.failed },
      { passed: true, failed: [] },
    );

    // The place is free again at the gateway.
    assert.equal(await freePlaces(gateway.url, held), freeWhileHeld + 1, 'the held place was given back');

    // Back does not return to the form: the session added no history entry to go back through.
    assert.equal(await page.evaluate(() => history.length), historyLength);
    await page.goBack();
    assert.ok(!page.url().endsWith('/kiosk/'), `Back left the kiosk for the page before it: ${page.url()}`);
    await page.goForward();
    await page.locator('.kiosk-start').waitFor();
    assert.equal(await page.locator('sportello-booking').count(), 0);

    assert.deepEqual(problems.cspViolations, []);
    assert.deepEqual(problems.errors, []);
    await context.close();
  });
});
