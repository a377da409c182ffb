// The fleet page (/fleet/) in Chromium, on a demo gateway: in the Comune's look, axe clean under
// the CSP; it asks for the operator credential, keeps it in the tab only, refuses a wrong one in
// words, and lists the demo kiosk with what its heartbeat said, marking it stale in words after
// 15 silent minutes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { manualClock } from '@sportello/core/node';
import { DEMO_OPERATOR_TOKEN, demoKiosk } from '@sportello/demo-data';
import { launchChromium, watchPage } from '../support/browser.js';
import { axeViolations } from '../support/axe.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const clock = manualClock('2026-11-23T09:00:00+01:00');
let gateway: TestGateway;
let browser: Browser;
before(async () => {
  gateway = await startTestGateway('sqlite', { now: clock.now });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await gateway?.close();
});

describe('the fleet page', () => {
  it('asks for the credential, then lists the demo kiosk’s health, stale ones said in words', async () => {
    // One context: its tabs share the origin's storage, but each has its own sessionStorage.
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.goto(`${gateway.url}/fleet/`);
    const credential = page.getByLabel(/Credenziale operatore/);
    await credential.waitFor();
    assert.equal(await page.locator('.it-brand-title').textContent(), 'Comune di Esempio');
    assert.deepEqual(await axeViolations(page), [], 'the credential form');

    // A wrong credential: said in words, and the form stays.
    await credential.fill('not-the-credential');
    await page.getByRole('button', { name: /Mostra i chioschi/ }).click();
    await page
      .getByRole('status')
      .getByText(/Credenziale non valida/)
      .waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('sportello.operatorToken')), null);

    // The demo kiosk reports, then the operator signs in with the keyboard.
    const heartbeat = await fetch(`${gateway.url}/api/kiosks/heartbeat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sportello-Kiosk-Key': demoKiosk.key },
      body: JSON.stringify({
        version: '0.1.0',
        serviceWorker: 'waiting',
        storageUsedBytes: 12_500_000,
        lastSelfCheck: { at: '2026-11-23T08:59:00+01:00', passed: false, failed: ['sessionStorage'] },
      }),
    });
    assert.equal(heartbeat.status, 200);
    await credential.focus();
    await page.keyboard.type(DEMO_OPERATOR_TOKEN);
    await page.keyboard.press('Enter');
    const row = page.getByRole('row', { name: new RegExp(demoKiosk.name) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    assert.deepEqual(cells, [
      demoKiosk.location,
      'Collegato / Reporting',
      '0.1.0',
      'aggiornamento pronto / update waiting',
      '12,5 MB',
      'NON superato / FAILED: sessionStorage (23/11/26, 08:59)',
      '23/11/26, 09:00',
    ]);
    assert.equal(await credential.isVisible(), false, 'the form gives way to the list');
    assert.equal(
      await page.evaluate(() => sessionStorage.getItem('sportello.operatorToken')),
      DEMO_OPERATOR_TOKEN,
    );
    assert.deepEqual(await axeViolations(page), [], 'the list');

    // Sixteen minutes without a heartbeat: stale, in words.
    clock.advance(16 * 60_000);
    await page.getByRole('button', { name: /Aggiorna/ }).click();
    await row.getByText(/In ritardo: nessun segnale da oltre 15 minuti/).waitFor();
    assert.match((await row.getAttribute('class')) ?? '', /fleet-stale/);

    // Another tab has no credential: it lives in this tab only.
    const other = await context.newPage();
    await other.goto(`${gateway.url}/fleet/`);
    await other.getByLabel(/Credenziale operatore/).waitFor();
    assert.equal(await other.evaluate(() => sessionStorage.getItem('sportello.operatorToken')), null);
    await other.close();

    // Signing out forgets it.
    await page.getByRole('button', { name: /Esci/ }).click();
    await credential.waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('sportello.operatorToken')), null);
    // The one error a browser logs is the refused credential's 401, which the page said in words.
    const unexpected = problems.errors.filter((error) => !/status of 401/.test(error));
    assert.deepEqual({ ...problems, errors: unexpected }, { errors: [], warnings: [], cspViolations: [] });
    await context.close();
  });
});
