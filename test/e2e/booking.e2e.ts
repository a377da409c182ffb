// Booking a counter appointment on the demo site with the keyboard only, as a citizen who does not
// use a mouse would: the widget, the reference gateway over real HTTP, the .ics file, and
// cancelling with the manage code, after which the time is free again. Then a computer whose clock
// is an hour off: the widget times the hold by the gateway's clock, read off its answers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { watchPage } from '../support/browser.js';
import { demoSiteAndBrowser } from '../support/site.js';

const site = demoSiteAndBrowser();

interface Focused {
  tag: string;
  name: string;
}

/** The element that has focus, looking inside shadow roots, and its accessible name (roughly). */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const element = active as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> };
    const name =
      element.getAttribute('aria-label') ?? element.labels?.[0]?.textContent ?? element.textContent ?? '';
    return { tag: element.tagName.toLowerCase(), name: name.replace(/\s+/g, ' ').trim() };
  });
}

/** Presses Tab until the focused control's name matches; fails after `limit` presses. */
async function tabTo(page: Page, name: string | RegExp, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const current = await focused(page);
    if (typeof name === 'string' ? current.name === name : name.test(current.name)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${name}`);
}

async function freePlaces(date: string, start: string): Promise<number> {
  const url = new URL('/api/booking/slots', site.server.url);
  url.search = new URLSearchParams({ service: 'cie', office: 'anagrafe-centrale', date }).toString();
  const answer = (await (await fetch(url)).json()) as { slots: { start: string; freePlaces: number }[] };
  return answer.slots.find((slot) => slot.start === start)?.freePlaces ?? 0;
}

describe('booking an appointment on the demo site, keyboard only', () => {
  it('books the first free CIE slot, gets a reference and an .ics in Rome time, cancels it with the code', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.addInitScript(() => {
      document.addEventListener('sportello-booking-confirmed', (event) => {
        sessionStorage.setItem('confirmed', JSON.stringify((event as CustomEvent).detail));
      });
    });
    await page.goto(`${site.server.url}/servizi/prenotare-appuntamento.html`);
    const booking = page.locator('sportello-booking');
    await booking.getByText('Rinnovo carta d’identità elettronica').waitFor();

    // Service: the first choice is CIE renewal. One office serves it, so the office step is skipped.
    await tabTo(page, 'Rinnovo carta d’identità elettronica');
    await page.keyboard.press('Space');
    await tabTo(page, 'Avanti');
    await page.keyboard.press('Enter');
    await booking.getByRole('heading', { name: 'Scegli il giorno e l’ora' }).waitFor();

    // Day: into the grid, then along the days to the first one with free places.
    await tabTo(page, /^(lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica) /);
    for (let i = 0; i < 62 && !/posti? liber/.test((await focused(page)).name); i++) {
      await page.keyboard.press('ArrowRight');
    }
    assert.match((await focused(page)).name, /posti? liber/);
    await page.keyboard.press('Enter');

    // Time: the first free one. Choosing it holds it.
    await booking.getByRole('heading', { name: /^Orari liberi di / }).waitFor();
    await page.keyboard.press('Tab');
    const time = await focused(page);
    assert.match(time.name, /^\d{2}:\d{2}, \d+ posti? liber/);
    await page.keyboard.press('Enter');
    await booking.getByRole('heading', { name: 'Perché prendi l’appuntamento?' }).waitFor();
    assert.match(await booking.locator('[part="hold"]').innerText(), /Tempo rimasto: (10:00|9:\d\d)/);

    // Details: the usual reason is already chosen.
    await tabTo(page, 'Avanti');
    await page.keyboard.press('Enter');

    // Applicant.
    await booking.getByRole('heading', { name: 'I tuoi dati' }).waitFor();
    await tabTo(page, 'Nome');
    await page.keyboard.type('Mario');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Rossi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('mario.rossi@example.org');
    await tabTo(page, 'Avanti');
    await page.keyboard.press('Enter');

    // Review and confirm.
    await booking.getByRole('heading', { name: 'Controlla e conferma' }).waitFor();
    await tabTo(page, 'Conferma l’appuntamento');
    await page.keyboard.press('Enter');
    await booking.getByRole('heading', { name: 'Appuntamento confermato' }).waitFor();

    const confirmation = await booking.locator('[part="confirmation"]').innerText();
    const reference = /CIE-[0-9A-Z]{6}/.exec(confirmation)?.[0];
    const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(confirmation)?.[0];
    assert.ok(reference && code, 'the confirmation shows the reference and the manage code');
    const confirmed = JSON.parse((await page.evaluate(() => sessionStorage.getItem('confirmed')))!);
    assert.deepEqual(Object.keys(confirmed).sort(), ['reference', 'service', 'start']);
    assert.equal(confirmed.reference, reference);

    // The .ics, downloaded with the keyboard: its DTSTART is the instant shown, in Rome.
    await tabTo(page, 'Aggiungi al calendario (.ics)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), `appuntamento-${reference}.ics`);
    const ics = readFileSync((await download.path())!, 'utf8');
    const dtstart = /DTSTART:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(ics);
    assert.ok(dtstart, ics);
    const [, year, month, day, hour, minute] = dtstart.map(Number) as number[];
    const startMs = Date.UTC(year!, month! - 1, day!, hour!, minute!);
    assert.equal(startMs, Date.parse(confirmed.start));
    const romeTime = new Date(startMs).toLocaleTimeString('it-IT', {
      timeZone: 'Europe/Rome',
      hour: '2-digit',
      minute: '2-digit',
    });
    assert.ok(confirmation.includes(romeTime), `the confirmation shows ${romeTime} (Rome time)`);
    assert.ok(time.name.startsWith(romeTime), 'the time chosen is the time booked');
    const date = new Date(startMs).toLocaleDateString('en-CA', { timeZone: 'Europe/Rome' });
    const before = await freePlaces(date, confirmed.start);

    // Cancel with the code, on the page for managing appointments, keyboard only.
    await page.goto(`${site.server.url}/servizi/gestire-appuntamento.html`);
    const manage = page.locator('sportello-booking-manage');
    await manage.getByLabel('Codice della prenotazione').waitFor();
    await tabTo(page, 'Codice della prenotazione');
    await page.keyboard.type(reference);
    await page.keyboard.press('Tab');
    await page.keyboard.type(code.toLowerCase()); // codes are read back in any case
    await page.keyboard.press('Enter');
    await manage.getByRole('heading', { name: 'Il tuo appuntamento' }).waitFor();
    const shown = await manage.locator('section').innerText();
    assert.match(shown, /M\. R\./);
    assert.doesNotMatch(shown, /Mario|Rossi|example\.org/);
    await tabTo(page, 'Annulla l’appuntamento');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Sì, annulla l’appuntamento');
    await page.keyboard.press('Enter');
    await manage
      .getByRole('status')
      .getByText('Appuntamento annullato. L’orario è di nuovo libero per altri.')
      .waitFor();

    assert.equal(await freePlaces(date, confirmed.start), before + 1, 'the slot is free again');
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.cspViolations, []);
    await page.close();
  });
});

describe('booking on a computer whose clock is wrong', () => {
  it('holds the time for ten minutes when the computer’s clock is an hour ahead of the gateway', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    // A library computer set to the wrong time zone: an hour ahead of the town's gateway.
    await page.clock.setSystemTime(Date.now() + 60 * 60_000);
    await page.goto(`${site.server.url}/servizi/prenotare-appuntamento.html`);
    const booking = page.locator('sportello-booking');
    await booking.getByText('Rinnovo carta d’identità elettronica').click();
    await booking.getByRole('button', { name: 'Avanti' }).click();
    await booking.getByRole('heading', { name: 'Scegli il giorno e l’ora' }).waitFor();
    await booking
      .getByRole('button', { name: /posti? liber/ })
      .first()
      .click();
    await booking.getByRole('heading', { name: /^Orari liberi di / }).waitFor();
    await booking
      .getByRole('button', { name: /^\d{2}:\d{2}, \d+ posti? liber/ })
      .first()
      .click();

    await booking.getByRole('heading', { name: 'Perché prendi l’appuntamento?' }).waitFor();
    assert.match(await booking.locator('[part="hold"]').innerText(), /Tempo rimasto: (10:00|9:\d\d)/);
    assert.equal(await booking.getByRole('alert').count(), 0, 'nothing said to have run out');
    assert.deepEqual(problems.errors, []);
    await page.close();
  });
});
