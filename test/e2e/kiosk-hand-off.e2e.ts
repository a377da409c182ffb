// "Continue on your phone" with a held booking time, both ends against the reference gateway: the
// built kiosk (dist/kiosk, `npm run build`), set up with the demo kiosk's key, holds a time and shows
// a QR code; a second browser context (the citizen's phone, storage of its own) opens the code's
// address on the demo site's booking page, sees which kiosk the time comes from, and books it. The
// kiosk's session end in between frees nothing, and the place is counted once throughout.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations } from '../support/axe.js';
import { launchChromium, watchPage } from '../support/browser.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { freePlaces, holdFirstFreeTime, setUpKiosk } from '../support/kiosk.js';

const KIOSK_SAID = 'Orario preso al totem «Biblioteca civica», Piazza del Municipio 1, Esempio';

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

describe('continuing a booking on the phone from a kiosk', () => {
  it('hands the held time over by QR; the phone shows the kiosk and books it; the kiosk frees nothing', async () => {
    // The kiosk.
    const kioskContext = await browser.newContext();
    await setUpKiosk(kioskContext, gateway.url, { kioskKey: 'demo-kiosk-key' });
    const kiosk = await kioskContext.newPage();
    const kioskProblems = await watchPage(kiosk);
    await kiosk.goto(`${gateway.url}/kiosk/`);
    assert.ok(!(await kiosk.content()).includes('demo-kiosk-key'), 'the key is not in the markup');
    const { booking, held } = await holdFirstFreeTime(kiosk);
    const freeWhileHeld = await freePlaces(gateway.url, held);

    // "Continue on your phone": the gateway's code, in a QR code of the site's booking page.
    const handOffRequest = kiosk.waitForRequest((request) =>
      new URL(request.url()).pathname.endsWith('/hand-offs'),
    );
    await booking.getByRole('button', { name: 'Continua sul telefono' }).click();
    const sent = await handOffRequest;
    assert.equal(sent.headers()['sportello-kiosk-key'], 'demo-kiosk-key');
    assert.equal(sent.headers()['content-type'], undefined, 'no body, no Content-Type');
    await booking.getByRole('heading', { name: 'Continua sul tuo telefono' }).waitFor();
    const qr = booking.locator('sportello-qr');
    await qr.locator('[part="code"]').waitFor();
    const link = new URL((await qr.getAttribute('value'))!);
    assert.equal(`${link.origin}${link.pathname}`, `${gateway.url}/servizi/prenotare-appuntamento.html`);
    assert.equal(link.search, '');
    assert.match(new URLSearchParams(link.hash.slice(1)).get('handoff')!, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    assert.deepEqual(await axeViolations(kiosk), [], 'the kiosk’s code for the phone');

    // The phone: a browser of its own opens the code's address.
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const phone = await phoneContext.newPage();
    const phoneProblems = await watchPage(phone);
    await phone.goto(link.href);
    const phoneBooking = phone.locator('sportello-booking');
    await phoneBooking.getByRole('heading', { name: 'Perché prendi l’appuntamento?' }).waitFor();
    assert.equal(new URL(phone.url()).hash, '', 'the code has left the phone’s address');
    // Which kiosk, first thing in the step, as the gateway named it (the link carries no name).
    const handedOver = phoneBooking.locator('[part="handed-over"]');
    await handedOver.getByText(KIOSK_SAID, { exact: true }).waitFor();
    await handedOver.getByText('Non sei davanti a questo totem? Non continuare.').waitFor();
    assert.deepEqual(await axeViolations(phone), [], 'the phone, the time taken over');
    assert.equal(await freePlaces(gateway.url, held), freeWhileHeld, 'one place, moved to the phone');

    // The citizen leaves the kiosk: "I have finished" ends the session, and frees nothing.
    await booking.getByRole('button', { name: 'Ho finito' }).click();
    await kiosk.getByRole('heading', { name: 'I tuoi dati sono stati cancellati' }).waitFor();
    assert.equal(await kiosk.locator('sportello-booking').count(), 0);
    assert.equal(
      await freePlaces(gateway.url, held),
      freeWhileHeld,
      'the kiosk’s session end gave nothing back',
    );

    // On the phone, in English now: details, review, confirmation.
    await phone.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    await handedOver
      .getByText('Time held at the kiosk “Biblioteca civica”, Piazza del Municipio 1, Esempio')
      .waitFor();
    await handedOver.getByText('Not standing at this kiosk? Do not go on.').waitFor();
    assert.deepEqual(await axeViolations(phone), [], 'the phone, in English');
    await phoneBooking.getByRole('button', { name: 'Next' }).click();
    await phoneBooking.getByRole('heading', { name: 'Your details' }).waitFor();
    await phoneBooking.getByLabel('First name', { exact: true }).fill('Giulia');
    await phoneBooking.getByLabel('Last name', { exact: true }).fill('Bianchi');
    await phoneBooking.getByLabel('Email', { exact: true }).fill('giulia.bianchi@example.org');
    await phoneBooking.getByRole('button', { name: 'Next' }).click();
    await phoneBooking.getByRole('heading', { name: 'Check and confirm' }).waitFor();
    await phoneBooking.getByRole('button', { name: 'Confirm the appointment' }).click();
    await phoneBooking.getByRole('heading', { name: 'Appointment confirmed' }).waitFor();
    await phoneBooking.getByText(/^CIE-[0-9A-Z]{6}$/).waitFor();
    assert.equal(
      await freePlaces(gateway.url, held),
      freeWhileHeld,
      'the appointment stands, in the place held',
    );

    // The code was single-use: opened again, it is refused in plain words.
    const again = await phoneContext.newPage();
    await again.goto(link.href);
    await again
      .locator('sportello-booking')
      .getByText('Questo codice è già stato usato, o non è giusto.')
      .waitFor();
    assert.equal(await freePlaces(gateway.url, held), freeWhileHeld);

    for (const problems of [kioskProblems, phoneProblems]) {
      assert.deepEqual(problems.cspViolations, []);
      assert.deepEqual(problems.errors, []);
    }
    await phoneContext.close();
    await kioskContext.close();
  });
});
