import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import {
  catalogueProblems,
  dateInRome,
  manualClock,
  now,
  resetSandbox,
  setClock,
  signInToSandbox,
  type Clock,
  type ManualClock,
} from '@sportello/core';
import { createSandbox } from '@sportello/sandbox';
import '@sportello/sandbox/register';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import '../booking-manage/define.js';
import type { SportelloBooking } from './booking.js';
import { bookingMessages } from './messages.js';
import {
  loseNextAnswer,
  page,
  PAGE_SANDBOX,
  sandboxApi,
  throughNetwork,
} from '../../../../test/support/sandbox-network.js';

const shadow = (element: Element) => element.shadowRoot!;
const heading = (element: Element) => shadow(element).querySelector('h2')?.textContent?.trim() ?? '';
const text = (element: Element) => shadow(element).textContent!.replace(/\s+/g, ' ');
const calendar = (element: Element) => shadow(element).querySelector('sportello-calendar')!;
const buttons = (root: ShadowRoot) => [...root.querySelectorAll<HTMLButtonElement>('button')];
const button = (element: Element, name: string | RegExp) =>
  buttons(shadow(element)).find((b) => {
    const label = (b.getAttribute('aria-label') ?? b.textContent!).replace(/\s+/g, ' ').trim();
    return typeof name === 'string' ? label === name : name.test(label);
  });

/**
 * Waits until the element has finished whatever it was doing (API calls included): frame by frame,
 * up to about four seconds, which a busy machine needs for a chain of held-back answers.
 */
async function settled(element: SportelloBooking, until: () => boolean) {
  for (let i = 0; i < 250 && !until(); i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await elementUpdated(element);
  }
  expect(until(), 'the element reached the expected state').to.equal(true);
}

/** Picks a radio choice (a service, an office) by a part of its label, as a citizen clicks it. */
function choose(element: SportelloBooking, label: string) {
  const choice = [...shadow(element).querySelectorAll('label')].find((l) => l.textContent!.includes(label))!;
  choice.querySelector('input')!.click();
}

async function press(element: SportelloBooking, name: string | RegExp) {
  await settled(element, () => Boolean(button(element, name)));
  button(element, name)!.click();
  await elementUpdated(element);
}

/** Picks a day in the calendar as a citizen would: its button, by the start of its full-date name. */
async function pickDay(element: SportelloBooking, name: RegExp) {
  (await dayButton(element, name)).click();
  await settled(element, () =>
    /^(Orari liberi|Free times)/.test(shadow(element).querySelector('h3')?.textContent?.trim() ?? ''),
  );
}

/** Presses a button as a keyboard user does: Tab to it (it has the focus), then Enter. */
async function pressKey(element: SportelloBooking, name: string | RegExp) {
  await settled(element, () => Boolean(button(element, name)));
  button(element, name)!.focus();
  await sendKeys({ press: 'Enter' });
  await elementUpdated(element);
}

/** What has the keyboard focus, as a screen reader names it: its tag and accessible text. */
function focused(element: SportelloBooking) {
  const active = shadow(element).activeElement as HTMLElement | null;
  if (document.activeElement !== element || !active) return document.activeElement?.tagName ?? '';
  const label =
    active.closest('label')?.textContent ?? active.getAttribute('aria-label') ?? active.textContent;
  return `${active.tagName} ${label!.replace(/\s+/g, ' ').trim()}`;
}

const alertText = (element: SportelloBooking) =>
  [...shadow(element).querySelectorAll('[role="alert"]')]
    .map((alert) => alert.textContent!.replace(/\s+/g, ' ').trim())
    .join(' ');

async function typeInto(element: SportelloBooking, id: string, value: string) {
  const input = shadow(element).querySelector<HTMLInputElement>(`#${id}`)!;
  input.focus();
  input.select();
  await sendKeys({ type: value });
}

let previousClock: Clock;
beforeEach(() => {
  resetSandbox();
  location.hash = '';
  // Monday 23 November 2026, 9:00 in Rome: the first bookable time is 11:10 (two hours ahead, on the 20-minute grid from 08:30).
  previousClock = setClock(manualClock('2026-11-23T09:00:00+01:00'));
});
afterEach(() => setClock(previousClock));

async function booking(attributes: Record<string, string> = {}, lang = 'it') {
  const wrapper = await fixture<HTMLDivElement>(html`<div gateway="sandbox" lang=${lang}></div>`);
  const element = document.createElement('sportello-booking');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  wrapper.append(element);
  await element.updateComplete;
  return element;
}

/**
 * Books an identity card appointment up to holding a time on Monday 23 November 2026 (the `when`
 * step, a day, a time): the element is then on the details step with the hold running.
 */
async function holdTime(time: RegExp, lang = 'it') {
  const element = await booking({ service: 'cie' }, lang);
  const whenHeading = lang === 'it' ? 'Scegli il giorno e l’ora' : 'Choose the day and time';
  await settled(element, () => heading(element) === whenHeading);
  await pickDay(element, lang === 'it' ? /^lunedì 23 novembre 2026/ : /^Monday,? 23 November 2026/);
  await press(element, time);
  const detailsHeading = lang === 'it' ? 'Perché prendi l’appuntamento?' : 'Why are you booking?';
  await settled(
    element,
    () => heading(element) === detailsHeading && shadow(element).querySelector('[part="hold"]') !== null,
  );
  return element;
}

/** The CIE times on Monday 23 November at the central registry office. */
const MONDAY_CIE = { service: 'cie', office: 'anagrafe-centrale', date: '2026-11-23' };

/**
 * Other citizens book every place of a service at an office up to the end of the booking horizon,
 * through the page's sandbox as the widget does (a hold, then the appointment): the office is full.
 */
async function bookEveryPlace(service: string, office: string) {
  const api = await sandboxApi();
  const catalogue = await api.get('/api/booking/services');
  const reason = catalogue.services.find((s) => s.id === service)!.reasons[0]!.id;
  const month = dateInRome(now()).slice(0, 7);
  // Each round fills the first day with a free place: the horizon has no more days than that.
  for (let day = 0; day <= catalogue.horizonDays; day++) {
    const { firstFreeDate } = await api.get('/api/booking/availability', {
      query: { service, office, month },
    });
    if (firstFreeDate === null) return;
    const { slots } = await api.get('/api/booking/slots', {
      query: { service, office, date: firstFreeDate },
    });
    for (const slot of slots) {
      for (let place = 0; place < slot.freePlaces; place++) {
        const hold = await api.post('/api/booking/holds', {
          body: { service, office, start: slot.start },
          idempotencyKey: crypto.randomUUID(),
        });
        await api.post('/api/booking/appointments', {
          body: {
            holdId: hold.id,
            reason,
            applicant: { givenName: 'Anna', familyName: 'Esposito', email: 'anna.esposito@example.org' },
            language: 'it',
          },
          idempotencyKey: crypto.randomUUID(),
        });
      }
    }
  }
  expect.fail(`${service} at ${office} still has free places after filling every day of the horizon`);
}

/**
 * Other citizens hold places of the CIE times on Monday 23 November: `count` places of each time
 * whose start has `time` (every time when it is left out), or all its places left when fewer.
 */
async function holdPlaces(count: number, time = '') {
  const api = await sandboxApi();
  const { slots } = await api.get('/api/booking/slots', { query: MONDAY_CIE });
  for (const slot of slots.filter((s) => s.start.includes(time))) {
    for (let place = 0; place < Math.min(count, slot.freePlaces); place++) {
      await holdAs(`198.51.100.${++otherCitizens}`, slot.start);
    }
  }
}

let otherCitizens = 0;
/**
 * Holds a CIE time on Monday through the page's sandbox as `client` (the sandbox, like the gateway
 * behind a trusted proxy, takes the client from X-Forwarded-For; without one, it is this page, the
 * widget's own client). Resolves to the answer.
 */
async function holdAs(client: string | undefined, start: string): Promise<Response> {
  await (await sandboxApi()).get('/api/health'); // the page's sandbox is loaded
  const sandbox = await page[PAGE_SANDBOX]!;
  return sandbox.fetch('/api/booking/holds', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(client ? { 'X-Forwarded-For': client } : {}) },
    body: JSON.stringify({ service: MONDAY_CIE.service, office: MONDAY_CIE.office, start }),
  });
}

/** The free places of the CIE times on Monday 23 November whose starts have `times`, as the sandbox counts them now. */
async function freePlacesOnMonday(...times: string[]) {
  const { slots } = await (await sandboxApi()).get('/api/booking/slots', { query: MONDAY_CIE });
  return times.map((time) => slots.find((slot) => slot.start.includes(time))?.freePlaces);
}

/** The calendar's button for a day, by the start of its full-date name, once it is shown. */
const shownDay = (element: SportelloBooking, name: RegExp) =>
  [...(calendar(element)?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) =>
    name.test(b.getAttribute('aria-label') ?? ''),
  );

async function dayButton(element: SportelloBooking, name: RegExp) {
  await settled(element, () => Boolean(shownDay(element, name)));
  return shownDay(element, name)!;
}

/** A fresh sandbox for the page on a clock of its own, as a gateway has, which the device's may not agree with. */
function sandboxOnItsOwnClock(clock: Clock) {
  page[PAGE_SANDBOX] = Promise.resolve(createSandbox({ now: clock.now }));
}

/** The answer to the next request to hold the time whose start has `time` (chosen, or kept longer) lost. */
const loseNextHoldAnswer = (time: string, instead?: Response) =>
  loseNextAnswer('/api/booking/holds', time, instead);

/** Chooses 11:10 on Monday 23 November, and its answer is lost: the widget says the service did not answer. */
async function timeAnswerLost() {
  const element = await booking({ service: 'cie' });
  await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
  await pickDay(element, /^lunedì 23 novembre 2026/);
  await loseNextHoldAnswer('T11:10');
  await press(element, /^11:10, 4 posti liberi/);
  await settled(element, () => alertText(element).includes('Il servizio non risponde'));
  return element;
}

/**
 * Holds 11:10 on Monday 23 November, goes back to the times and chooses 11:30 (a minute later, by
 * `clock` when given), whose answer is lost (or is `instead`): the sandbox holds 11:30 in place of
 * 11:10, the widget still shows 11:10 as held and says what went wrong.
 */
async function otherTimeAnswerLost({ instead, clock }: { instead?: Response; clock?: ManualClock } = {}) {
  const element = await holdTime(/^11:10, 4 posti liberi/);
  await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
  await press(element, 'Indietro');
  await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
  clock?.advance(60_000);
  await loseNextHoldAnswer('T11:30', instead);
  await press(element, /^11:30, 4 posti liberi/);
  await settled(element, () => alertText(element) !== '');
  return element;
}

/**
 * Holds 12:10 on Monday 23 November, and at the one-minute warning asks to keep it longer: the
 * sandbox makes the new hold, its answer is lost, and the widget says the service did not answer.
 */
async function keepLongerAnswerLost() {
  const clock = manualClock('2026-11-23T09:00:00+01:00');
  setClock(clock);
  const element = await holdTime(/^12:10, 4 posti liberi/);
  await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
  await loseNextHoldAnswer('T12:10');
  clock.advance(9 * 60_000 + 30_000);
  element.requestUpdate(); // what the element's one-second tick does
  await pressKey(element, 'Tienimi l’orario per altri 10 minuti');
  await settled(element, () => alertText(element).includes('Il servizio non risponde'));
  return element;
}

/**
 * The next answer to `path` held back until `release` is called, as a slow network holds it: the
 * answer is what the sandbox said when asked. `delivered` resolves once the widget has it.
 */
async function holdBackNextAnswer(path: string) {
  let release!: () => void;
  let deliver!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const delivered = new Promise<void>((resolve) => (deliver = resolve));
  let armed = true;
  await throughNetwork((sandboxFetch) => async (input, init) => {
    const response = await sandboxFetch(input, init);
    if (armed && new URL(String(input), location.href).pathname === path) {
      armed = false;
      await gate;
      setTimeout(deliver);
    }
    return response;
  });
  return { release, delivered };
}

/**
 * Books CIE renewal at 11:10 on Monday 23 November, on a clock stopped at 9:00 that the test moves,
 * and returns the manage link the confirmation's QR code gives (its fragment) with the clock.
 */
async function bookForManaging(): Promise<{ clock: ManualClock; link: string }> {
  const clock = manualClock('2026-11-23T09:00:00+01:00');
  setClock(clock);
  const element = await booking({ service: 'cie' });
  await bookCie(element);
  return { clock, link: new URL(shadow(element).querySelector('sportello-qr')!.getAttribute('value')!).hash };
}

/** A `<sportello-booking-manage>` on the sandbox, in `lang`. */
async function managing(lang = 'it') {
  const wrapper = await fixture<HTMLDivElement>(html`<div gateway="sandbox" lang=${lang}></div>`);
  const element = document.createElement('sportello-booking-manage');
  wrapper.append(element);
  await element.updateComplete;
  return element as unknown as SportelloBooking;
}

/** Opens the page at a manage link, as a citizen following it does: a managing element reads it. */
async function followManageLink(link: string) {
  location.hash = link;
  return managing();
}

/** Books `time` on Monday 23 November up to the applicant's details, which must be empty. */
async function expectNothingOfTheLastApplicant(element: SportelloBooking, time: RegExp) {
  await pickDay(element, /^lunedì 23 novembre 2026/);
  await press(element, time);
  await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
  await press(element, 'Avanti');
  await settled(element, () => heading(element) === 'I tuoi dati');
  for (const id of ['givenName', 'familyName', 'email']) {
    expect(shadow(element).querySelector<HTMLInputElement>(`#${id}`)!.value, id).to.equal('');
  }
}

/** From the reason for the appointment (a time held) to the review, as Mario Rossi. */
async function toReview(element: SportelloBooking) {
  await press(element, 'Avanti');
  await settled(element, () => heading(element) === 'I tuoi dati');
  await typeInto(element, 'givenName', 'Mario');
  await typeInto(element, 'familyName', 'Rossi');
  await typeInto(element, 'email', 'mario.rossi@example.org');
  await press(element, 'Avanti');
  await settled(element, () => heading(element) === 'Controlla e conferma');
}

/** Books CIE renewal at 11:10 on Monday 23 November, checking axe on each step on the way. */
async function bookCie(element: SportelloBooking, english = false) {
  await settled(
    element,
    () => heading(element) === (english ? 'Choose the day and time' : 'Scegli il giorno e l’ora'),
  );
  await expect(element).to.be.accessible();
  await pickDay(element, english ? /^Monday, 23 November 2026/ : /^lunedì 23 novembre 2026/);
  await expect(element).to.be.accessible();
  await press(element, english ? /^11:10, 4 places left/ : /^11:10, 4 posti liberi/);
  await settled(
    element,
    () => heading(element) === (english ? 'Why are you booking?' : 'Perché prendi l’appuntamento?'),
  );
  await expect(element).to.be.accessible();
  await press(element, english ? 'Next' : 'Avanti');
  await settled(element, () => heading(element) === (english ? 'Your details' : 'I tuoi dati'));
  await typeInto(element, 'givenName', 'Mario');
  await typeInto(element, 'familyName', 'Rossi');
  await typeInto(element, 'email', 'mario.rossi@example.org');
  await expect(element).to.be.accessible();
  await press(element, english ? 'Next' : 'Avanti');
  await settled(element, () => heading(element) === (english ? 'Check and confirm' : 'Controlla e conferma'));
  await expect(element).to.be.accessible();
  const confirmed = oneEvent(element, 'sportello-booking-confirmed');
  await press(element, english ? 'Confirm the appointment' : 'Conferma l’appuntamento');
  const event = await confirmed;
  await settled(
    element,
    () => heading(element) === (english ? 'Appointment confirmed' : 'Appuntamento confermato'),
  );
  await expect(element).to.be.accessible();
  return event.detail;
}

describe('<sportello-booking>', () => {
  it('is accessible on every step in Italian, from service to confirmation', async () => {
    const element = await booking();
    await settled(element, () => shadow(element).querySelectorAll('input[name="service"]').length === 5);
    expect(heading(element)).to.equal('Per quale servizio vuoi l’appuntamento?');
    await expect(element).to.be.accessible();
    // Certificates are served at two offices: the office step is asked.
    choose(element, 'Certificati anagrafici');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'In quale ufficio vuoi andare?');
    await expect(element).to.be.accessible();
    await press(element, 'Indietro');
    choose(element, 'carta d’identità');
    await press(element, 'Avanti');
    const detail = await bookCie(element);
    expect(detail).to.have.keys(['reference', 'service', 'start']);
    expect(detail.start).to.equal('2026-11-23T11:10:00+01:00');
    expect(text(element)).to.match(/CIE-[0-9A-Z]{6}/);
    expect(text(element)).to.include('Una fototessera recente');
  });

  it('is accessible on every step in English, with the service preset', async () => {
    const element = await booking({ service: 'cie' }, 'en');
    const detail = await bookCie(element, true);
    expect(detail.service).to.equal('cie');
    expect(text(element)).to.include('Add to your calendar (.ics)');
  });

  it('is accessible on the service and office steps in English', async () => {
    const element = await booking({}, 'en');
    await settled(element, () => shadow(element).querySelectorAll('input[name="service"]').length === 5);
    expect(heading(element)).to.equal('Which service do you need an appointment for?');
    expect(text(element)).to.include('Electronic identity card renewal');
    await expect(element).to.be.accessible();
    choose(element, 'Registry certificates');
    await press(element, 'Next');
    await settled(element, () => heading(element) === 'Which office do you want to go to?');
    await expect(element).to.be.accessible();
  });

  it('fills in the applicant from a signed-in citizen’s token', async () => {
    const element = await booking({ service: 'cie' });
    const token = await signInToSandbox('RSSMRA50C15L219Y');
    element.getToken = () => token;
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    await press(element, /^11:10/);
    await press(element, 'Avanti');
    await settled(
      element,
      () => shadow(element).querySelector<HTMLInputElement>('#givenName')?.value === 'Mario',
    );
    expect(shadow(element).querySelector<HTMLInputElement>('#familyName')!.value).to.equal('Rossi');
    expect(shadow(element).querySelector<HTMLInputElement>('#fiscalCode')!.value).to.equal(
      'RSSMRA50C15L219Y',
    );
    expect(text(element)).to.include('Abbiamo inserito i dati del tuo profilo');

    // Booking another: the details typed go, the profile's come back.
    await typeInto(element, 'email', 'mario.rossi@example.org');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'Controlla e conferma');
    await press(element, 'Conferma l’appuntamento');
    await settled(element, () => heading(element) === 'Appuntamento confermato');
    await press(element, 'Prenota un altro appuntamento');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    await press(element, /^11:30/);
    await press(element, 'Avanti');
    await settled(
      element,
      () => shadow(element).querySelector<HTMLInputElement>('#givenName')?.value === 'Mario',
    );
    expect(shadow(element).querySelector<HTMLInputElement>('#email')!.value).to.equal('');
  });

  it('puts the month’s heading one level below the step’s', async () => {
    const element = await booking({ service: 'cie' });
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await settled(element, () => Boolean(calendar(element).shadowRoot?.querySelector('h3')));
    expect(calendar(element).shadowRoot!.querySelector('h3')!.textContent).to.equal('novembre 2026');
  });

  it('announces each step and moves focus to its heading', async () => {
    const element = await booking({ service: 'cie' });
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    await press(element, /^11:10/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(shadow(element).activeElement?.tagName).to.equal('H2');
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.equal(
      'Passo 4 di 6: Perché prendi l’appuntamento?',
    );
  });

  it('carries on where the citizen was when the page moves it, calendar file included', async () => {
    const element = await booking({ service: 'cie' });
    await bookCie(element);
    const place = element.parentElement!;
    element.remove();
    place.append(element);
    await element.updateComplete;
    expect(heading(element)).to.equal('Appuntamento confermato');
    const link = shadow(element).querySelector<HTMLAnchorElement>('a[download]')!;
    const ics = await (await fetch(link.href)).text();
    expect(ics).to.include('DTSTART:20261123T101000Z');
  });

  it('keeps what was typed going back and forward', async () => {
    const element = await booking({ service: 'cie' });
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    await press(element, /^11:10/);
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'I tuoi dati');
    await typeInto(element, 'givenName', 'Anna');
    await press(element, 'Indietro');
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'I tuoi dati');
    expect(shadow(element).querySelector<HTMLInputElement>('#givenName')!.value).to.equal('Anna');
  });

  it('names what is wrong with the applicant’s details, in the citizen’s language', async () => {
    const element = await booking({ service: 'cie' });
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    await press(element, /^11:10/);
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'I tuoi dati');
    await typeInto(element, 'givenName', 'Mario');
    await typeInto(element, 'email', 'mario.rossi');
    await typeInto(element, 'phone', '12ab');
    await press(element, 'Avanti');
    expect(heading(element)).to.equal('I tuoi dati');
    // A sentence with its article, not a label lower-cased into a template ("Scrivi cognome.").
    expect(text(element)).to.include('Scrivi il cognome.');
    expect(text(element)).to.include('L’email non sembra giusta');
    expect(text(element)).to.include('Il telefono può contenere solo cifre');
    expect(shadow(element).activeElement?.id).to.equal('familyName');
    expect(shadow(element).querySelector('#email')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('refuses a name that is not a name, in the citizen’s language, before sending anything', async () => {
    for (const [lang, next, expected] of [
      ['it', 'Avanti', 'Niente indirizzi web o email: scrivi solo come ti chiami.'],
      ['en', 'Next', 'No web or email addresses: write only your name.'],
    ] as const) {
      const element = await holdTime(/^11:10/, lang);
      await press(element, next);
      await settled(element, () => heading(element) === (lang === 'it' ? 'I tuoi dati' : 'Your details'));
      await typeInto(element, 'givenName', 'URGENTE: paghi su https://evil.example/pagopa');
      await typeInto(element, 'familyName', 'Rossi 2');
      await typeInto(element, 'email', 'mario.rossi@example.org');
      await press(element, next);
      expect(heading(element)).to.equal(lang === 'it' ? 'I tuoi dati' : 'Your details');
      expect(text(element)).to.include(expected);
      expect(text(element)).to.include(
        lang === 'it'
          ? 'Niente numeri: scrivi solo lettere, come sul documento d’identità.'
          : 'No numbers: write letters only, as on your identity document.',
      );
      expect(shadow(element).activeElement?.id).to.equal('givenName');
      expect(shadow(element).querySelector('#familyName')!.getAttribute('aria-invalid')).to.equal('true');
      await typeInto(element, 'givenName', 'Anna Maria');
      await typeInto(element, 'familyName', 'D’Angelo');
      await press(element, next);
      await settled(
        element,
        () => heading(element) === (lang === 'it' ? 'Controlla e conferma' : 'Check and confirm'),
      );
      element.remove();
      resetSandbox();
    }
  });

  it('says in plain words when this browser already holds two times, and holds none', async () => {
    for (const [lang, time, expected] of [
      ['it', /^11:10/, 'Stai già tenendo due orari'],
      ['en', /^11:10/, 'You are already holding two times'],
    ] as const) {
      // Two times held from this page already (another tab of the same browser, say).
      expect((await holdAs(undefined, '2026-11-23T11:30:00+01:00')).status).to.equal(201);
      expect((await holdAs(undefined, '2026-11-23T11:50:00+01:00')).status).to.equal(201);
      const element = await booking({ service: 'cie' }, lang);
      await settled(element, () => calendar(element) !== null && !!shadow(element).querySelector('h2'));
      await pickDay(element, lang === 'it' ? /^lunedì 23 novembre 2026/ : /^Monday,? 23 November 2026/);
      await press(element, time);
      await settled(element, () => alertText(element).includes(expected));
      expect(shadow(element).querySelector('[part="hold"]')).to.equal(null);
      expect(await freePlacesOnMonday('11:10')).to.deep.equal([4]);
      element.remove();
      resetSandbox();
    }
  });

  it('gives the held time back at once when the citizen goes back past the times', async () => {
    const element = await booking();
    await settled(element, () => shadow(element).querySelectorAll('input[name="service"]').length === 5);
    choose(element, 'Rinnovo carta');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    await press(element, /^11:10/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(await freePlacesOnMonday('11:10')).to.deep.equal([3]);
    await press(element, 'Indietro');
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    expect(await freePlacesOnMonday('11:10'), 'still the citizen’s on the times').to.deep.equal([3]);
    await press(element, 'Indietro');
    await settled(element, () => heading(element) === 'Per quale servizio vuoi l’appuntamento?');
    expect(await freePlacesOnMonday('11:10'), 'given back').to.deep.equal([4]);
  });

  it('holds the time for ten minutes, warns at one minute, and offers the nearest times when it expires', async () => {
    const clock = manualClock('2026-11-23T09:00:00+01:00');
    setClock(clock);
    const element = await holdTime(/^11:10/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(shadow(element).querySelector('[part="hold"]')!.textContent).to.include('Tempo rimasto: 10:00');

    clock.advance(9 * 60_000 + 5_000);
    element.requestUpdate(); // what the element's one-second tick does
    await settled(element, () => text(element).includes('Manca un minuto'));
    expect(shadow(element).querySelector('[part="hold"]')!.textContent).to.include('Tempo rimasto: 0:55');

    clock.advance(60_000);
    element.requestUpdate();
    await settled(
      element,
      () => heading(element) === 'Scegli il giorno e l’ora' && text(element).includes('è finito'),
    );
    // 11:10 is now less than two hours ahead: the nearest free time is 11:30.
    await settled(element, () => Boolean(button(element, /^11:30, 4 posti liberi/)));
  });

  it('holds the time for ten minutes on a computer whose clock is an hour ahead', async () => {
    // The town's gateway (here its sandbox) says 9:00; this computer says 10:00 (a wrong time zone).
    sandboxOnItsOwnClock(manualClock('2026-11-23T09:00:00+01:00'));
    setClock(manualClock('2026-11-23T10:00:00+01:00'));

    const element = await holdTime(/^11:10, 4 posti liberi/);
    element.requestUpdate(); // what the element's one-second tick does
    await elementUpdated(element);
    expect(heading(element), 'not sent back as run out').to.equal('Perché prendi l’appuntamento?');
    expect(shadow(element).querySelector('[part="hold"]')!.textContent).to.include('Tempo rimasto: 10:00');
    expect(alertText(element)).to.equal('');
  });

  it('keeps the time ten more minutes when asked at the warning, without taking a second place', async () => {
    const clock = manualClock('2026-11-23T09:00:00+01:00');
    setClock(clock);
    const element = await holdTime(/^12:10, 4 posti liberi/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');

    clock.advance(9 * 60_000 + 30_000);
    element.requestUpdate(); // what the element's one-second tick does
    await pressKey(element, 'Tienimi l’orario per altri 10 minuti');
    await settled(element, () => !button(element, /^Tienimi/));
    const hold = shadow(element).querySelector('[part="hold"]')!.textContent!;
    expect(hold).to.include('Tempo rimasto: 10:00');
    expect(hold).to.not.include('Manca un minuto');
    expect(focused(element)).to.equal('H2 Perché prendi l’appuntamento?');
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.include(
      'l’orario resta tuo per altri 10 minuti',
    );
    await expect(element).to.be.accessible();

    // Past the first hold's ten minutes, the time is still held, by one place only.
    clock.advance(5 * 60_000);
    element.requestUpdate();
    await elementUpdated(element);
    expect(heading(element)).to.equal('Perché prendi l’appuntamento?');
    expect(await freePlacesOnMonday('T12:10')).to.deep.equal([3]);
  });

  it('books the time kept longer when the answer to "keep it longer" was lost, holding no second place', async () => {
    const element = await keepLongerAnswerLost();

    // The citizen goes on and confirms: the hold the sandbox made meanwhile is the one booked.
    await toReview(element);
    await press(element, 'Conferma l’appuntamento');
    await settled(element, () => heading(element) === 'Appuntamento confermato');
    expect(await freePlacesOnMonday('T12:10'), 'one place, booked').to.deep.equal([3]);
  });

  it('books once when the answers to "keep it longer" and to the confirmation were both lost', async () => {
    const element = await keepLongerAnswerLost();
    await toReview(element);
    await loseNextAnswer('/api/booking/appointments');
    await press(element, 'Conferma l’appuntamento');
    await settled(element, () => alertText(element).includes('Il servizio non risponde'));

    // Asked again with the key of the first try: the appointment the lost answer was about.
    await press(element, 'Conferma l’appuntamento');
    await settled(element, () => heading(element) === 'Appuntamento confermato');
    expect(await freePlacesOnMonday('T12:10'), 'one place, booked once').to.deep.equal([3]);
  });

  it('gives back the time kept longer, its answer lost, when another time is chosen', async () => {
    const element = await keepLongerAnswerLost();

    await press(element, 'Indietro');
    await press(element, /^11:50, 4 posti liberi/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(await freePlacesOnMonday('T12:10', 'T11:50'), 'no place left held for nothing').to.deep.equal([
      4, 3,
    ]);
  });

  it('holds one place when a time is chosen again after its answer was lost', async () => {
    const element = await timeAnswerLost();

    await press(element, /^11:10, 4 posti liberi/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(await freePlacesOnMonday('T11:10'), 'the hold the lost answer was about').to.deep.equal([3]);
  });

  it('gives back a time whose answer was lost when another is chosen', async () => {
    const element = await timeAnswerLost();

    await press(element, /^11:30, 4 posti liberi/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(await freePlacesOnMonday('T11:10', 'T11:30'), 'no place left held for nothing').to.deep.equal([
      4, 3,
    ]);
  });

  it('books the time shown as held when the answer to another time chosen was lost', async () => {
    const element = await otherTimeAnswerLost();
    expect(alertText(element)).to.include('Il servizio non risponde');
    expect(button(element, /^11:10, tenuto per te/), 'what the citizen sees').to.not.equal(undefined);

    await press(element, 'Continua con l’orario tenuto');
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(await freePlacesOnMonday('T11:10', 'T11:30'), '11:10 held again, 11:30 given back').to.deep.equal([
      3, 4,
    ]);
    await toReview(element);
    expect(text(element)).to.include('11:10');
    await press(element, 'Conferma l’appuntamento');
    await settled(element, () => heading(element) === 'Appuntamento confermato');
    expect(text(element)).to.include('lunedì 23 novembre 2026, 11:10');
  });

  it('takes a "gateway timeout" for no answer, not for a refusal, when the citizen goes on', async () => {
    const gatewayTimeout = new Response(
      JSON.stringify({ type: 'about:blank', title: 'Gateway Timeout', status: 504, code: 'internal-error' }),
      { status: 504, headers: { 'Content-Type': 'application/problem+json' } },
    );
    const element = await otherTimeAnswerLost({ instead: gatewayTimeout });
    expect(alertText(element)).to.include('Il servizio non risponde');

    await press(element, 'Continua con l’orario tenuto');
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(await freePlacesOnMonday('T11:10', 'T11:30'), '11:10 held again, 11:30 given back').to.deep.equal([
      3, 4,
    ]);
  });

  it('keeps the time shown longer when the answer to another time chosen was lost, holding no other', async () => {
    const clock = manualClock('2026-11-23T09:00:00+01:00');
    setClock(clock);
    const element = await otherTimeAnswerLost();

    // At the one-minute warning about 11:10, the citizen asks to keep it.
    clock.advance(9 * 60_000 + 30_000);
    element.requestUpdate();
    await pressKey(element, 'Tienimi l’orario per altri 10 minuti');
    await settled(element, () => !button(element, /^Tienimi/));
    expect(await freePlacesOnMonday('T11:10', 'T11:30'), '11:10 kept, 11:30 given back').to.deep.equal([
      3, 4,
    ]);
    expect(button(element, /^11:10, tenuto per te/)).to.not.equal(undefined);
  });

  it('goes on with a time whose answer was lost when the time shown as held runs out', async () => {
    const clock = manualClock('2026-11-23T09:00:00+01:00');
    setClock(clock);
    const element = await otherTimeAnswerLost({ clock });

    clock.advance(9 * 60_000); // 11:10's hold runs out; 11:30's, asked for a minute later, has not
    element.requestUpdate();
    await settled(element, () => Boolean(button(element, /^11:30, tenuto per te/)));
    expect(alertText(element), 'nothing ran out').to.not.include('scaduto');
    expect(await freePlacesOnMonday('T11:10', 'T11:30')).to.deep.equal([4, 3]);
  });

  it('says the time shown was taken when it cannot be kept longer after another time was held', async () => {
    const clock = manualClock('2026-11-23T09:00:00+01:00');
    setClock(clock);
    const element = await otherTimeAnswerLost();
    await holdPlaces(4, 'T11:10'); // 11:10's place, given back for 11:30, is taken by others

    clock.advance(9 * 60_000 + 30_000);
    element.requestUpdate();
    await pressKey(element, 'Tienimi l’orario per altri 10 minuti');
    await settled(element, () => alertText(element).includes('appena stato preso'));
    expect(button(element, /^11:30, tenuto per te/), 'the time held now').to.not.equal(undefined);
    expect(await freePlacesOnMonday('T11:10', 'T11:30'), '11:10 full, not listed').to.deep.equal([
      undefined,
      3,
    ]);
  });

  it('says so when the time cannot be kept longer, and keeps the hold it has', async () => {
    // 9:05 holds 11:10, the first time two hours ahead; at the warning, 9:14, it is less than two
    // hours ahead and cannot be held again.
    const clock = manualClock('2026-11-23T09:05:00+01:00');
    setClock(clock);
    const element = await holdTime(/^11:10/, 'en');
    await settled(element, () => heading(element) === 'Why are you booking?');
    clock.advance(9 * 60_000 + 30_000);
    element.requestUpdate();
    await pressKey(element, 'Keep this time for 10 more minutes');
    await settled(element, () => alertText(element).includes('We cannot keep this time any longer'));
    expect(shadow(element).querySelector('[part="hold"]')!.textContent).to.include('Time left: 0:30');
    expect(button(element, /^Keep this time/), 'no longer offered').to.equal(undefined);
    expect(focused(element)).to.equal('H2 Why are you booking?');
  });

  it('shows the held time as the citizen’s on going back, among the times left now', async () => {
    const clock = manualClock('2026-11-23T09:00:00+01:00');
    setClock(clock);
    const element = await holdTime(/^11:10, 4 posti liberi/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    // Meanwhile other citizens take the other three places of 11:10 and every place of 11:30.
    await holdPlaces(3, 'T11:10');
    await holdPlaces(4, 'T11:30');
    clock.advance(2 * 60_000);

    await pressKey(element, 'Indietro');
    expect(heading(element)).to.equal('Scegli il giorno e l’ora');
    expect(focused(element)).to.equal('H2 Scegli il giorno e l’ora');
    expect(shadow(element).querySelector('[part="hold"]')!.textContent).to.include('Teniamo per te le 11:10');
    // The list shown stays until the times as they are now replace it: 11:30 has gone.
    await settled(element, () => !button(element, /^11:30/));
    expect(button(element, '11:10, tenuto per te')).to.not.equal(undefined);
    expect(button(element, /^11:50, 4 posti liberi/), 'the other times are listed').to.not.equal(undefined);
    await expect(element).to.be.accessible();

    // Choosing it goes on with the same hold: its time left runs on, no new ten minutes.
    await pressKey(element, '11:10, tenuto per te');
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(shadow(element).querySelector('[part="hold"]')!.textContent).to.include('Tempo rimasto: 8:00');
    await pressKey(element, 'Indietro');
    await pressKey(element, 'Continua con l’orario tenuto');
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    expect(shadow(element).querySelector('[part="hold"]')!.textContent).to.include('Tempo rimasto: 8:00');
  });

  it('shows the month as it is now on going back, with the held day’s last place as the citizen’s', async () => {
    const element = await holdTime(/^11:10, 4 posti liberi/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    // Meanwhile other citizens take every other place that Monday: the citizen holds its last one.
    await holdPlaces(Infinity);

    await press(element, 'Indietro');
    const monday = /^lunedì 23 novembre 2026/;
    await settled(
      element,
      () => shownDay(element, monday)?.getAttribute('aria-label')?.endsWith('1 posto libero') === true,
    );
    const day = await dayButton(element, monday);
    expect(day.getAttribute('part')).to.not.match(/full|disabled/);

    // The month loaded again (away and back) counts the held place as theirs too.
    const root = calendar(element).shadowRoot!;
    buttons(root)
      .find((b) => b.getAttribute('aria-label') === 'Mese successivo')!
      .click();
    await settled(element, () => !shownDay(element, monday));
    buttons(root)
      .find((b) => b.getAttribute('aria-label') === 'Mese precedente')!
      .click();
    expect((await dayButton(element, monday)).getAttribute('aria-label')).to.equal(
      'lunedì 23 novembre 2026, 1 posto libero',
    );
    (await dayButton(element, monday)).click();
    await settled(element, () => Boolean(button(element, '11:10, tenuto per te')));
    expect(button(element, /^11:30/), 'every other time that day is taken').to.equal(undefined);
    await expect(element).to.be.accessible();
  });

  it('lets a time held at an office the citizen has left run out without a word', async () => {
    const clock = manualClock('2026-11-23T09:00:00+01:00');
    setClock(clock);
    const element = await booking();
    await settled(element, () => shadow(element).querySelectorAll('input[name="service"]').length === 5);
    choose(element, 'Certificati anagrafici');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'In quale ufficio vuoi andare?');
    choose(element, 'Anagrafe');
    await press(element, 'Avanti');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    await press(element, /^11:10/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    await press(element, 'Indietro');
    await press(element, 'Indietro');
    await settled(element, () => heading(element) === 'In quale ufficio vuoi andare?');
    choose(element, 'Ufficio Relazioni');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');

    // The Anagrafe time runs out while the citizen looks at the URP's days.
    clock.advance(10 * 60_000 + 1_000);
    element.requestUpdate(); // what the element's one-second tick does
    await pickDay(element, /^martedì 24 novembre 2026/);
    expect(shadow(element).querySelector('h3')!.textContent).to.include('martedì 24 novembre 2026');
    expect(alertText(element), 'no "your time is over" for a time they left').to.equal('');
    expect(shadow(element).querySelector('[part="hold"]')).to.equal(null);
  });

  it('leaves nothing of the booking just made for the next one, and counts its place as taken', async () => {
    const element = await booking({ service: 'cie' });
    const monday = /^lunedì 23 novembre 2026/;
    // Once the month's places have come: the label then ends with them.
    await settled(element, () =>
      /posti liberi$/.test(shownDay(element, monday)?.getAttribute('aria-label') ?? ''),
    );
    const label = shownDay(element, monday)!.getAttribute('aria-label')!;
    const before = Number(/(\d+) posti liberi$/.exec(label)![1]);
    await bookCie(element);

    await press(element, 'Prenota un altro appuntamento');
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await settled(
      element,
      () =>
        shownDay(element, monday)
          ?.getAttribute('aria-label')
          ?.endsWith(`${before - 1} posti liberi`) === true,
    );
    await expectNothingOfTheLastApplicant(element, /^11:10, 3 posti liberi/);
  });

  it('never lets a slow list of times replace a newer one', async () => {
    const element = await holdTime(/^11:10, 4 posti liberi/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    // Going back asks for the day's times again; that answer (11:30 still free) is slow to come.
    const slow = await holdBackNextAnswer('/api/booking/slots');
    await press(element, 'Indietro');
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await holdPlaces(4, 'T11:30'); // meanwhile others take every place of 11:30
    await press(element, /^11:30, 4 posti liberi/); // from the list shown before
    await settled(element, () => alertText(element).includes('appena stato preso'));
    await settled(element, () => !button(element, /^11:30/)); // the list as it is now

    slow.release();
    await slow.delivered;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await elementUpdated(element);
    expect(button(element, /^11:30/), 'the older list came last, and was not shown').to.equal(undefined);
  });

  it('does not take a time held for another service for one of the service chosen now', async () => {
    const element = await booking();
    await settled(element, () => shadow(element).querySelectorAll('input[name="service"]').length === 5);
    choose(element, 'carta d’identità');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    await press(element, /^11:10/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    await press(element, 'Indietro');
    await press(element, 'Indietro');
    await settled(element, () => heading(element) === 'Per quale servizio vuoi l’appuntamento?');
    choose(element, 'Cambio di residenza');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    expect(button(element, /tenuto per te/)).to.equal(undefined);
    expect(button(element, 'Continua con l’orario tenuto')).to.equal(undefined);
    expect(shadow(element).querySelector('[part="hold"]')).to.equal(null);
  });

  it('explains when a time was taken by someone else and shows the times left', async () => {
    const first = await booking({ service: 'cie' });
    await settled(first, () => heading(first) === 'Scegli il giorno e l’ora');
    await pickDay(first, /^lunedì 23 novembre 2026/);
    // Four other citizens (each from a browser of their own) hold the four places of 11:10 meanwhile.
    await holdPlaces(4, '11:10');
    await press(first, /^11:10/);
    await settled(first, () => text(first).includes('appena stato preso da qualcun altro'));
    await settled(first, () => Boolean(button(first, /^11:30, 4 posti liberi/)));
    expect(button(first, /^11:10/)).to.equal(undefined);
  });

  it('skips months with nothing free and says so', async () => {
    // 30 December, evening: 31 December is closed at the registry office, so December has nothing left.
    setClock(manualClock('2026-12-30T18:00:00+01:00'));
    const element = await booking({ service: 'cie' });
    await settled(element, () => text(element).includes('ti mostriamo gennaio 2027'));
    expect(text(element)).to.include('A dicembre 2026 non ci sono posti liberi');
    expect(
      calendar(element).getAttribute('month') ?? (calendar(element) as unknown as { month: string }).month,
    ).to.equal('2027-01');
    // The page switches to English: what was said follows, as the rest of the step does.
    element.parentElement!.lang = 'en';
    await settled(element, () => heading(element) === 'Choose the day and time');
    expect(text(element)).to.include('There are no free places in December 2026: here is January 2027');
  });

  it('says when nothing is free within the booking horizon, and how to reach the office', async () => {
    // The building office's meetings are booked up for the next 90 days by other citizens.
    await bookEveryPlace('edilizia', 'urp');

    const element = await booking({ service: 'edilizia' });
    await settled(element, () => alertText(element).includes('non ci sono posti liberi'));
    expect(heading(element)).to.equal('Scegli il giorno e l’ora');
    expect(alertText(element)).to.include(
      'Nei prossimi 90 giorni non ci sono posti liberi in questo ufficio. Puoi chiamare o scrivere all’ufficio:',
    );
    expect(alertText(element)).to.include(
      'Ufficio Relazioni con il Pubblico: +39 0123 456710 urp@comune.esempio.it',
    );
    await expect(element).to.be.accessible();

    const english = await booking({ service: 'edilizia' }, 'en');
    await settled(english, () => alertText(english).includes('no free places'));
    expect(alertText(english)).to.include(
      'There are no free places at this office in the next 90 days. You can call or write to the office:',
    );
    expect(alertText(english)).to.include('+39 0123 456710 urp@comune.esempio.it');
    await expect(english).to.be.accessible();
  });

  it('links the confirmation to the page named to manage appointments, for a phone to open', async () => {
    const element = await booking({
      service: 'cie',
      'manage-url': 'https://www.comune.example.it/appuntamenti',
    });
    await bookCie(element);
    const link = new URL(shadow(element).querySelector('sportello-qr')!.getAttribute('value')!);
    expect(link.origin + link.pathname).to.equal('https://www.comune.example.it/appuntamenti');
    expect(new URLSearchParams(link.hash.slice(1)).get('reference')).to.match(/^CIE-/);
  });

  it('manages an appointment from the link: initials only, cancel frees the time', async () => {
    const element = await booking({ service: 'cie' });
    await bookCie(element);
    const reference = /CIE-[0-9A-Z]{6}/.exec(text(element))![0];
    const qr = shadow(element).querySelector('sportello-qr')!;
    const link = new URL(qr.getAttribute('value')!);
    expect(new URLSearchParams(link.hash.slice(1)).get('reference')).to.equal(reference);
    const code = new URLSearchParams(link.hash.slice(1)).get('code')!;
    expect(text(element)).to.include(code);
    expect(link.href.split('#')[0]).to.not.include(code); // the code travels in the fragment only

    location.hash = link.hash;
    const manage = await managing();
    // Read once, the code leaves the address: the browser's history does not keep it.
    expect(location.href).to.not.include(code);
    await settled(manage, () => heading(manage) === 'Il tuo appuntamento');
    await expect(manage).to.be.accessible();
    expect(text(manage)).to.include('M. R.');
    expect(text(manage)).to.not.include('Mario');
    await press(manage, 'Annulla l’appuntamento');
    await press(manage, 'Sì, annulla l’appuntamento');
    await settled(manage, () => text(manage).includes('Appuntamento annullato'));

    // Done: nothing of it is left on the screen or in the form for the next person at the computer.
    await pressKey(manage, 'Ho finito');
    await settled(manage, () => heading(manage) === 'Gestisci un appuntamento');
    expect(focused(manage)).to.equal('H2 Gestisci un appuntamento');
    expect(text(manage)).to.not.include(reference);
    for (const id of ['reference', 'code']) {
      expect(shadow(manage).querySelector<HTMLInputElement>(`#${id}`)!.value, id).to.equal('');
    }

    const again = await booking({ service: 'cie' });
    await settled(again, () => heading(again) === 'Scegli il giorno e l’ora');
    await pickDay(again, /^lunedì 23 novembre 2026/);
    await settled(again, () => Boolean(button(again, /^11:10, 4 posti liberi/)));
  });

  it('no longer offers to cancel or move an appointment once it has started, and says why', async () => {
    const { clock, link } = await bookForManaging();

    // A minute before 11:10 the citizen asks to cancel; by the time they say yes, it has started.
    clock.set('2026-11-23T11:09:00+01:00');
    const before = await followManageLink(link);
    await press(before, 'Annulla l’appuntamento');
    clock.set('2026-11-23T11:10:00+01:00');
    await pressKey(before, 'Sì, annulla l’appuntamento');
    await settled(before, () => text(before).includes('è già iniziato o passato'));
    expect(text(before)).to.include('Confermato');
    expect(button(before, 'Sì, annulla l’appuntamento')).to.equal(undefined);
    expect(focused(before), 'the focus is not lost with the buttons').to.equal('H2 Il tuo appuntamento');
    expect(shadow(before).querySelector('[role="status"]')!.textContent).to.include(
      'è già iniziato o passato',
    );

    before.parentElement!.remove(); // one element on a page answers a manage link: now this one
    const after = await followManageLink(link);
    await settled(after, () => heading(after) === 'Il tuo appuntamento');
    expect(text(after)).to.include('è già iniziato o passato: non si può più annullare né spostare');
    expect(button(after, 'Annulla l’appuntamento')).to.equal(undefined);
    expect(button(after, 'Sposta a un altro giorno o ora')).to.equal(undefined);
    await expect(after).to.be.accessible();
    location.hash = '';
  });

  it('goes back to the appointment, saying why, when it starts while a move is being confirmed', async () => {
    const { clock, link } = await bookForManaging();
    clock.set('2026-11-23T11:05:00+01:00');
    const manage = await followManageLink(link);
    await press(manage, 'Sposta a un altro giorno o ora');
    await pickDay(manage, /^martedì 24 novembre 2026/);
    await press(manage, /^08:30/);
    await settled(manage, () => heading(manage) === 'Controlla e conferma');

    clock.set('2026-11-23T11:10:00+01:00');
    await pressKey(manage, 'Sposta l’appuntamento qui');
    await settled(manage, () => heading(manage) === 'Il tuo appuntamento');
    expect(text(manage)).to.include('è già iniziato o passato');
    expect(text(manage)).to.include('lunedì 23 novembre 2026');
    expect(button(manage, 'Sposta a un altro giorno o ora')).to.equal(undefined);
    expect(shadow(manage).querySelector('[part="hold"]')).to.equal(null);
    expect(focused(manage)).to.equal('H2 Il tuo appuntamento');
    location.hash = '';
  });

  it('is accessible when managing an appointment in English', async () => {
    const element = await booking({ service: 'cie' }, 'en');
    await bookCie(element, true);
    const reference = /CIE-[0-9A-Z]{6}/.exec(text(element))![0];
    const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text(element))![0];
    const manage = await managing('en');
    await settled(manage, () => heading(manage) === 'Manage an appointment');
    await typeInto(manage, 'reference', 'CIE-1');
    await press(manage, 'Find appointment');
    expect(text(manage)).to.include('The booking reference looks like CIE-7K3M9Q.');
    await expect(manage).to.be.accessible();
    await typeInto(manage, 'reference', reference);
    await typeInto(manage, 'code', code);
    await press(manage, 'Find appointment');
    await settled(manage, () => heading(manage) === 'Your appointment');
    await expect(manage).to.be.accessible();
    await press(manage, 'Cancel the appointment');
    await expect(manage).to.be.accessible();
    await press(manage, 'Yes, cancel the appointment');
    await settled(manage, () => text(manage).includes('Appointment cancelled.'));
    await expect(manage).to.be.accessible();
  });

  it('has every message in Italian and English, with the same placeholders', async () => {
    expect(await catalogueProblems(bookingMessages)).to.deep.equal([]);
  });

  it('offers to load the services again when they could not be loaded', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div gateway="/test-api/refusing/503/service-unavailable" lang="it">
        <sportello-booking></sportello-booking>
      </div>`,
    );
    const element = wrapper.querySelector<SportelloBooking>('sportello-booking')!;
    await settled(element, () =>
      alertText(element).includes('Il servizio non è disponibile in questo momento'),
    );
    expect(button(element, 'Avanti'), 'nothing to choose yet').to.equal(undefined);
    await expect(element).to.be.accessible();
    wrapper.setAttribute('gateway', 'sandbox'); // the gateway is back
    await pressKey(element, 'Riprova a caricare i servizi');
    await settled(element, () => shadow(element).querySelectorAll('input[name="service"]').length === 5);
    expect(alertText(element)).to.equal('');
    expect(focused(element), 'the focus is not lost with the button').to.equal(
      'H2 Per quale servizio vuoi l’appuntamento?',
    );
  });

  it('fits the review in 320 CSS px, long email address included (reflow)', async () => {
    const element = await holdTime(/^11:10/);
    await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'I tuoi dati');
    await typeInto(element, 'givenName', 'Maria Addolorata');
    await typeInto(element, 'familyName', 'Rossi Bianchi');
    await typeInto(element, 'email', 'maria.addolorata.rossibianchi@postacertificata.comune.example.it');
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'Controlla e conferma');
    element.parentElement!.style.inlineSize = '320px';
    const section = shadow(element).querySelector('section, form')!;
    expect(section.scrollWidth, 'no sideways scrolling').to.be.at.most(320);
    expect(text(element)).to.include('maria.addolorata.rossibianchi@postacertificata.comune.example.it');
  });

  it('says a service must be chosen, and puts the focus on the first one, when none is', async () => {
    const element = await booking();
    await settled(element, () => shadow(element).querySelectorAll('input[name="service"]').length === 5);
    await pressKey(element, 'Avanti');
    await settled(element, () => alertText(element) === 'Scegli un servizio.');
    expect(heading(element)).to.equal('Per quale servizio vuoi l’appuntamento?');
    expect(focused(element)).to.equal('INPUT Rinnovo carta d’identità elettronica');
    await expect(element).to.be.accessible();
    // Choosing one and going on clears the problem.
    await sendKeys({ press: 'Space' });
    await pressKey(element, 'Avanti');
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    expect(alertText(element)).to.not.include('Scegli un servizio.');
  });

  it('says an office must be chosen, and puts the focus on the first one, when none is (English)', async () => {
    const element = await booking({ service: 'certificati' }, 'en');
    await settled(element, () => heading(element) === 'Which office do you want to go to?');
    await pressKey(element, 'Next');
    await settled(element, () => alertText(element) === 'Choose an office.');
    expect(heading(element)).to.equal('Which office do you want to go to?');
    expect(focused(element)).to.match(/^INPUT Sportello Anagrafe - Sede centrale/);
    await expect(element).to.be.accessible();
  });

  it('says what is missing in the page’s new language when the page switches', async () => {
    const element = await booking();
    await settled(element, () => shadow(element).querySelectorAll('input[name="service"]').length === 5);
    await pressKey(element, 'Avanti');
    await settled(element, () => alertText(element) === 'Scegli un servizio.');
    element.parentElement!.lang = 'en';
    await settled(element, () => alertText(element) === 'Choose a service.');
  });

  it('says a service must be chosen in English too', async () => {
    const element = await booking({}, 'en');
    await settled(element, () => shadow(element).querySelectorAll('input[name="service"]').length === 5);
    await pressKey(element, 'Next');
    await settled(element, () => alertText(element) === 'Choose a service.');
    expect(focused(element)).to.equal('INPUT Electronic identity card renewal');
  });

  it('puts the focus on the first wrong code when managing, with its problem as its description', async () => {
    const manage = await managing();
    await settled(manage, () => heading(manage) === 'Gestisci un appuntamento');
    await typeInto(manage, 'reference', 'CIE-1');
    await pressKey(manage, 'Cerca appuntamento');
    const reference = shadow(manage).querySelector<HTMLInputElement>('#reference')!;
    await settled(manage, () => reference.getAttribute('aria-invalid') === 'true');
    expect(shadow(manage).activeElement?.id).to.equal('reference');
    const described = shadow(manage).querySelector(`#${reference.getAttribute('aria-describedby')}`)!;
    expect(described.textContent!.trim()).to.equal('Il codice della prenotazione ha la forma CIE-7K3M9Q.');
    await expect(manage).to.be.accessible();

    await typeInto(manage, 'reference', 'CIE-7K3M9Q');
    await pressKey(manage, 'Cerca appuntamento');
    const code = shadow(manage).querySelector<HTMLInputElement>('#code')!;
    await settled(manage, () => shadow(manage).activeElement?.id === 'code');
    expect(reference.getAttribute('aria-invalid')).to.equal('false');
    expect(code.getAttribute('aria-invalid')).to.equal('true');
    expect(
      shadow(manage)
        .querySelector(`#${code.getAttribute('aria-describedby')}`)!
        .textContent!.trim(),
    ).to.equal('Il codice per modificare o annullare ha 16 caratteri, in quattro gruppi da quattro.');
  });

  it('keeps the focus on the cancel buttons as they come and go, and on the heading once cancelled', async () => {
    const { link } = await bookForManaging();
    const manage = await followManageLink(link);
    await settled(manage, () => heading(manage) === 'Il tuo appuntamento');
    location.hash = '';

    await pressKey(manage, 'Annulla l’appuntamento');
    await settled(manage, () => Boolean(button(manage, 'Sì, annulla l’appuntamento')));
    expect(focused(manage)).to.equal('BUTTON Sì, annulla l’appuntamento');
    expect(alertText(manage)).to.include('Vuoi davvero annullare l’appuntamento?');

    await pressKey(manage, 'No, tienilo');
    await settled(manage, () => !button(manage, 'Sì, annulla l’appuntamento'));
    expect(focused(manage)).to.equal('BUTTON Annulla l’appuntamento');

    await pressKey(manage, 'Annulla l’appuntamento');
    await pressKey(manage, 'Sì, annulla l’appuntamento');
    await settled(manage, () => text(manage).includes('Appuntamento annullato'));
    expect(focused(manage)).to.equal('H2 Il tuo appuntamento');
    expect(shadow(manage).querySelector('[role="status"]')!.textContent).to.equal(
      'Appuntamento annullato. L’orario è di nuovo libero per altri.',
    );
    await expect(manage).to.be.accessible();
  });

  it('finds an appointment by reference and code typed in, and moves it', async () => {
    const element = await booking({ service: 'cie' });
    await bookCie(element);
    const reference = /CIE-[0-9A-Z]{6}/.exec(text(element))![0];
    const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text(element))![0];

    const manage = await managing();
    await settled(manage, () => heading(manage) === 'Gestisci un appuntamento');
    await expect(manage).to.be.accessible();
    await typeInto(manage, 'reference', reference);
    await typeInto(manage, 'code', '0000-0000-0000-0000');
    await press(manage, 'Cerca appuntamento');
    await settled(manage, () => text(manage).includes('Non troviamo un appuntamento con questi codici'));
    await typeInto(manage, 'code', code.toLowerCase());
    await press(manage, 'Cerca appuntamento');
    await settled(manage, () => heading(manage) === 'Il tuo appuntamento');

    await press(manage, 'Sposta a un altro giorno o ora');
    await settled(manage, () => heading(manage) === 'Scegli il giorno e l’ora');
    await pickDay(manage, /^martedì 24 novembre 2026/);
    await press(manage, /^08:30/);
    await settled(manage, () => heading(manage) === 'Controlla e conferma');
    await press(manage, 'Sposta l’appuntamento qui');
    await settled(manage, () => text(manage).includes('Appuntamento spostato'));
    expect(text(manage)).to.include('martedì 24 novembre 2026');
  });
});

describe('<sportello-booking> for the next citizen and for the host page', () => {
  let previous: Clock;
  beforeEach(() => {
    resetSandbox();
    location.hash = '';
    previous = setClock(manualClock('2026-11-23T09:00:00+01:00'));
  });
  afterEach(() => setClock(previous));

  it('reset() leaves nothing of the citizen’s: appointment, codes, details, calendar file', async () => {
    const element = await booking({ service: 'cie' });
    await bookCie(element);
    const code = shadow(element).querySelector('.code strong')!.textContent!.replace(/\s+/g, '');
    const calendarFile = shadow(element).querySelector<HTMLAnchorElement>('a[download]')!.href;
    element.reset();
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    expect(text(element)).to.not.include(code);
    expect(text(element)).to.not.include('CIE-');
    let released = false;
    await fetch(calendarFile).catch(() => (released = true));
    expect(released, 'the calendar file was let go').to.equal(true);
    await expectNothingOfTheLastApplicant(element, /^11:30, 4 posti liberi/);
  });

  it('reset() gives the held time back at once: at a kiosk, the next citizen finds it free', async () => {
    const element = await holdTime(/^11:10/);
    expect(await freePlacesOnMonday('11:10')).to.deep.equal([3]);
    element.reset();
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    expect(await freePlacesOnMonday('11:10')).to.deep.equal([4]);
    // Citizen after citizen at one kiosk, one address: each leaves nothing held for the next.
    for (const time of [/^11:30/, /^11:50/, /^12:10/]) {
      await pickDay(element, /^lunedì 23 novembre 2026/);
      await press(element, time);
      await settled(element, () => heading(element) === 'Perché prendi l’appuntamento?');
      element.reset();
      await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    }
    expect(await freePlacesOnMonday('11:10', '11:30', '11:50', '12:10')).to.deep.equal([4, 4, 4, 4]);
  });

  it('reset() abandons a time asked for whose answer is still on its way', async () => {
    const element = await booking({ service: 'cie' });
    await settled(element, () => heading(element) === 'Scegli il giorno e l’ora');
    await pickDay(element, /^lunedì 23 novembre 2026/);
    const { release, delivered } = await holdBackNextAnswer('/api/booking/holds');
    await press(element, /^11:10, 4 posti liberi/);
    element.reset();
    release();
    await delivered;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(heading(element)).to.equal('Scegli il giorno e l’ora');
    expect(shadow(element).querySelector('[part="hold"]'), 'no time held for the next citizen').to.equal(
      null,
    );
  });

  it('releaseHold() resolves once the gateway has given the held place back: a kiosk waits for it', async () => {
    const element = await holdTime(/^11:10/);
    expect(await freePlacesOnMonday('11:10')).to.deep.equal([3]);
    // The network holds the release back until told: the promise must wait for it.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    await throughNetwork((sandboxFetch) => async (input, init) => {
      if (init?.method === 'DELETE') await gate;
      return sandboxFetch(input, init);
    });
    let released = false;
    const releasing = element.releaseHold().then(() => (released = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(released, 'still waiting for the gateway').to.equal(false);
    open();
    await releasing;
    expect(await freePlacesOnMonday('11:10'), 'free again').to.deep.equal([4]);
    expect(shadow(element).querySelector('[part="hold"]'), 'no time shown as held').to.equal(null);
  });

  it('releaseHold() gives back a time asked for whose answer was lost', async () => {
    const element = await timeAnswerLost();
    expect(await freePlacesOnMonday('T11:10'), 'held at the gateway, unknown to the widget').to.deep.equal([
      3,
    ]);
    await element.releaseHold();
    expect(await freePlacesOnMonday('T11:10')).to.deep.equal([4]);
  });

  it('releaseHold() resolves at once with nothing held, and never rejects when the gateway is gone', async () => {
    const element = await holdTime(/^11:10/);
    await throughNetwork(() => async () => {
      throw new TypeError('Failed to fetch');
    });
    await element.releaseHold();
    await element.releaseHold();
  });

  it('tells the page each step by name, and says each step', async () => {
    const element = await booking({ service: 'cie' });
    const steps: string[] = [];
    const said: string[] = [];
    element.parentElement!.addEventListener('sportello-step-change', (e) => steps.push(e.detail.step));
    element.parentElement!.addEventListener('sportello-announcement', (e) => said.push(e.detail.text));
    await bookCie(element);
    expect(steps).to.deep.equal(['when', 'details', 'applicant', 'review', 'confirmation']);
    expect(said).to.include('Passo 5 di 6: I tuoi dati');
    expect(said.join(' ')).to.not.include('Mario');
  });

  it('puts its headings at the level the page gives, the month one below', async () => {
    const element = await booking({ service: 'cie', 'heading-level': '3' });
    await settled(
      element,
      () => shadow(element).querySelector('h3')?.textContent === 'Scegli il giorno e l’ora',
    );
    await settled(element, () => calendar(element).shadowRoot?.querySelector('h4') !== null);
    expect(shadow(element).querySelector('h2')).to.equal(null);
  });

  it('keeps each group of the manage code whole on a narrow phone', async () => {
    const element = await booking({ service: 'cie' });
    await bookCie(element);
    element.style.inlineSize = '320px';
    const groups = [...shadow(element).querySelectorAll<HTMLElement>('.code-group')];
    expect(groups.map((group) => group.textContent!.replace('-', '').length)).to.deep.equal([4, 4, 4, 4]);
    for (const group of groups) expect(group.getClientRects().length, group.textContent!).to.equal(1);
  });

  it('offers the manage link instead of a QR code on a phone’s own screen', async () => {
    const matchMedia = window.matchMedia;
    // A phone: a coarse pointer on a narrow screen (the test browser is a desktop one).
    window.matchMedia = (query: string) =>
      ({ matches: query.includes('pointer: coarse'), media: query }) as MediaQueryList;
    try {
      const element = await booking({ service: 'cie' });
      await bookCie(element);
      expect(shadow(element).querySelector('sportello-qr')).to.equal(null);
      const link = [...shadow(element).querySelectorAll('a')].find((a) => a.href.includes('#reference='))!;
      expect(link.textContent!.trim()).to.equal('Apri la pagina per gestire l’appuntamento');
    } finally {
      window.matchMedia = matchMedia;
    }
  });

  it('<sportello-booking-manage> reset() leaves neither the appointment nor its codes', async () => {
    const { link } = await bookForManaging();
    const manage = await followManageLink(link);
    await settled(manage, () => heading(manage) === 'Il tuo appuntamento');
    const reference = new URLSearchParams(link.slice(1)).get('reference')!;
    expect(text(manage)).to.include(reference);
    manage.reset();
    await settled(manage, () => heading(manage) === 'Gestisci un appuntamento');
    expect(text(manage)).to.not.include(reference);
    for (const id of ['reference', 'code']) {
      expect(shadow(manage).querySelector<HTMLInputElement>(`#${id}`)!.value, id).to.equal('');
    }
  });

  it('<sportello-booking manage> shows the managing element, which answers a manage link', async () => {
    const { link } = await bookForManaging();
    location.hash = link;
    const element = await booking({ manage: '' });
    await settled(element, () => !!shadow(element).querySelector('sportello-booking-manage'));
    const inner = shadow(element).querySelector('sportello-booking-manage')! as unknown as SportelloBooking;
    await settled(inner, () => heading(inner) === 'Il tuo appuntamento');
    expect(text(inner)).to.include('M. R.');
  });

  it('on a page with a booking and a managing element, only the managing one answers a manage link', async () => {
    const { link } = await bookForManaging();
    location.hash = link;
    const page = await fixture<HTMLDivElement>(
      html`<div gateway="sandbox" lang="it">
        <sportello-booking></sportello-booking>
        <sportello-booking-manage></sportello-booking-manage>
      </div>`,
    );
    const booker = page.querySelector('sportello-booking')!;
    const manager = page.querySelector('sportello-booking-manage')! as unknown as SportelloBooking;
    await settled(manager, () => heading(manager) === 'Il tuo appuntamento');
    await settled(booker, () => heading(booker) === 'Per quale servizio vuoi l’appuntamento?');
    expect(shadow(booker).querySelector('sportello-booking-manage')).to.equal(null);
  });
});

describe('<sportello-booking> continues on the phone from a kiosk', () => {
  const KIOSK_KEY = 'demo-kiosk-key';
  const KIOSK_SAID = 'Orario preso al totem «Biblioteca civica», Piazza del Municipio 1, Esempio';
  const PHONE_PAGE = 'https://comune.example.it/servizi/prenotare-appuntamento.html';
  let previous: Clock;
  const phones: HTMLElement[] = [];
  beforeEach(() => {
    resetSandbox();
    location.hash = '';
    previous = setClock(manualClock('2026-11-23T09:00:00+01:00'));
  });
  afterEach(() => {
    setClock(previous);
    for (const phone of phones.splice(0)) phone.remove();
    location.hash = '';
  });

  /** A kiosk's booking element (its key set as a property, the public page as `phone-url`) holding `time`. */
  async function kioskHolding(time: RegExp, lang = 'it') {
    const element = await holdTime(time, lang);
    element.setAttribute('phone-url', PHONE_PAGE);
    element.kioskKey = KIOSK_KEY;
    await element.updateComplete;
    return element;
  }

  /** "Continue on your phone": the step with the QR code, and the link the code opens. */
  async function handOff(kiosk: SportelloBooking, lang = 'it') {
    await press(kiosk, lang === 'it' ? 'Continua sul telefono' : 'Continue on your phone');
    await settled(
      kiosk,
      () => heading(kiosk) === (lang === 'it' ? 'Continua sul tuo telefono' : 'Continue on your phone'),
    );
    const qr = shadow(kiosk).querySelector('sportello-qr')!;
    await qr.updateComplete;
    return new URL(qr.getAttribute('value')!);
  }

  /**
   * The booking page on the citizen's phone, opened at `link` (a kiosk's code): its booking
   * element comes first in the page, so it is the one that takes the time over.
   */
  async function phoneAt(link: URL | string, lang = 'it') {
    location.hash = new URL(link).hash;
    const wrapper = document.createElement('div');
    wrapper.setAttribute('gateway', 'sandbox');
    wrapper.lang = lang;
    document.body.prepend(wrapper);
    phones.push(wrapper);
    const element = document.createElement('sportello-booking');
    wrapper.append(element);
    await element.updateComplete;
    return element;
  }

  /**
   * A kiosk (its own address, `client`) holds the CIE time at `start` on Monday and asks for a code
   * for it, through the page's sandbox as the kiosk's element would. Resolves to the hold and link.
   */
  async function kioskCode(start = '2026-11-23T11:10:00+01:00', client = '203.0.113.7') {
    const hold = (await (await holdAs(client, start)).json()) as { id: string };
    const sandbox = await page[PAGE_SANDBOX]!;
    const answer = await sandbox.fetch(`/api/booking/holds/${hold.id}/hand-offs`, {
      method: 'POST',
      headers: { 'Sportello-Kiosk-Key': KIOSK_KEY },
    });
    expect(answer.status).to.equal(201);
    const { code } = (await answer.json()) as { code: string };
    return { hold, link: `${PHONE_PAGE}#handoff=${code}&service=cie&office=anagrafe-centrale` };
  }

  it('is accessible at the kiosk’s code and on the phone that takes the time over, in Italian and English', async () => {
    for (const [lang, time, details] of [
      ['it', /^11:10, 4 posti liberi/, 'Perché prendi l’appuntamento?'],
      ['en', /^11:30, 4 places left/, 'Why are you booking?'],
    ] as const) {
      const kiosk = await kioskHolding(time, lang);
      await expect(kiosk).to.be.accessible();
      const link = await handOff(kiosk, lang);
      await expect(kiosk).to.be.accessible();
      kiosk.reset();
      const phone = await phoneAt(link, lang);
      await settled(phone, () => heading(phone) === details);
      await expect(phone).to.be.accessible();
    }
  });

  it('offers to continue on the phone only with a kiosk key, which never becomes an attribute', async () => {
    const element = await holdTime(/^11:10/);
    expect(button(element, 'Continua sul telefono'), 'no key, no offer').to.equal(undefined);
    element.kioskKey = KIOSK_KEY;
    await element.updateComplete;
    expect(button(element, 'Continua sul telefono')).to.not.equal(undefined);
    expect(element.outerHTML).to.not.include(KIOSK_KEY);
    // On each step with the time held.
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'I tuoi dati');
    expect(button(element, 'Continua sul telefono')).to.not.equal(undefined);
  });

  it('shows the code for the phone: the public page with the code in the fragment, the time and until when', async () => {
    const kiosk = await kioskHolding(/^11:10/);
    const said: string[] = [];
    kiosk.addEventListener('sportello-announcement', (e) => said.push(e.detail.text));
    const link = await handOff(kiosk);
    expect(`${link.origin}${link.pathname}`).to.equal(PHONE_PAGE);
    expect(link.search, 'nothing in the query, which servers see').to.equal('');
    const fragment = new URLSearchParams(link.hash.slice(1));
    expect(fragment.get('handoff')).to.match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect([...fragment.keys()]).to.deep.equal(['handoff', 'service', 'office']);
    expect(text(kiosk)).to.include('L’orario tenuto per te: lunedì 23 novembre 2026, 11:10–11:30.');
    expect(text(kiosk)).to.include('Il codice vale una volta sola, fino alle 09:10.');
    expect(said).to.deep.equal(['Continua sul tuo telefono']);
    expect(focused(kiosk)).to.equal('H2 Continua sul tuo telefono');
    // "Continue here at the kiosk" goes back to where the citizen was.
    await press(kiosk, 'Continua qui sul totem');
    await settled(kiosk, () => heading(kiosk) === 'Perché prendi l’appuntamento?');
  });

  it('takes the time over on the phone, under a new id, saying which kiosk it comes from, and books it', async () => {
    const kiosk = await kioskHolding(/^11:10/);
    const link = await handOff(kiosk);
    const before = { path: location.pathname, query: location.search };
    const phone = await phoneAt(link);
    const said: string[] = [];
    phone.addEventListener('sportello-announcement', (e) => said.push(e.detail.text));
    // The code leaves the address at once; its path and query stay.
    expect(location.hash).to.equal('');
    expect({ path: location.pathname, query: location.search }).to.deep.equal(before);
    await settled(phone, () => heading(phone) === 'Perché prendi l’appuntamento?');
    expect(text(phone)).to.include(KIOSK_SAID);
    expect(text(phone)).to.include('Non sei davanti a questo totem? Non continuare.');
    expect(text(phone)).to.include('Teniamo per te le 11:10 di lunedì 23 novembre 2026');
    expect(said.join(' ')).to.include(`Passo 4 di 6: Perché prendi l’appuntamento? ${KIOSK_SAID}`);
    expect(button(phone, 'Continua sul telefono'), 'no kiosk key on a phone').to.equal(undefined);
    expect(await freePlacesOnMonday('11:10'), 'one place, moved, not a second one').to.deep.equal([3]);
    // The kiosk's session ends: its hold id no longer controls the time.
    await kiosk.releaseHold();
    kiosk.reset();
    expect(await freePlacesOnMonday('11:10')).to.deep.equal([3]);
    await toReview(phone);
    expect(text(phone), 'still said on the way').to.include(KIOSK_SAID);
    const confirmed = oneEvent(phone, 'sportello-booking-confirmed');
    await press(phone, 'Conferma l’appuntamento');
    expect((await confirmed).detail.start).to.equal('2026-11-23T11:10:00+01:00');
    await settled(phone, () => heading(phone) === 'Appuntamento confermato');
    expect(await freePlacesOnMonday('11:10')).to.deep.equal([3]);
  });

  it('never gives back a time handed over: not at releaseHold(), not at reset(), not at "I have finished"', async () => {
    const kiosk = await kioskHolding(/^11:10/);
    const link = await handOff(kiosk);
    await kiosk.releaseHold();
    expect(await freePlacesOnMonday('11:10'), 'still held, for the phone').to.deep.equal([3]);
    const finished = oneEvent(kiosk, 'sportello-booking-start-over');
    await press(kiosk, 'Ho finito');
    await finished;
    await settled(kiosk, () => heading(kiosk) === 'Scegli il giorno e l’ora');
    expect(shadow(kiosk).querySelector('sportello-qr'), 'the code is gone from the kiosk').to.equal(null);
    kiosk.reset();
    expect(await freePlacesOnMonday('11:10')).to.deep.equal([3]);
    // The phone, slower than the citizen's "I have finished", still finds the time.
    const phone = await phoneAt(link);
    await settled(phone, () => heading(phone) === 'Perché prendi l’appuntamento?');
    expect(text(phone)).to.include(KIOSK_SAID);
  });

  it('says a code already used in plain words, and starts at the times of its service', async () => {
    const { link } = await kioskCode();
    const first = await phoneAt(link);
    await settled(first, () => heading(first) === 'Perché prendi l’appuntamento?');
    first.remove();
    const second = await phoneAt(link);
    await settled(second, () => heading(second) === 'Scegli il giorno e l’ora');
    expect(alertText(second)).to.include('Questo codice è già stato usato, o non è giusto.');
    expect(shadow(second).querySelector('[part="hold"]'), 'nothing held here').to.equal(null);
  });

  it('says when the time is no longer held, in English, and starts at the times to choose another', async () => {
    const { hold, link } = await kioskCode();
    // The kiosk gave it back before the phone came (a session that ended without a hand-off).
    const sandbox = await page[PAGE_SANDBOX]!;
    await sandbox.fetch(`/api/booking/holds/${hold.id}`, { method: 'DELETE' });
    const phone = await phoneAt(link, 'en');
    await settled(phone, () => heading(phone) === 'Choose the day and time');
    expect(alertText(phone)).to.include('The time chosen at the kiosk is no longer kept for you');
    await expect(phone).to.be.accessible();
  });

  it('says when this phone already holds two times, and takes the time over once one is given back', async () => {
    const { link } = await kioskCode();
    const mine = [
      await holdAs(undefined, '2026-11-23T11:30:00+01:00'),
      await holdAs(undefined, '2026-11-23T11:50:00+01:00'),
    ];
    const phone = await phoneAt(link);
    await settled(phone, () => alertText(phone).includes('Su questo telefono stai già tenendo due orari'));
    expect(heading(phone)).to.equal('Continua la prenotazione iniziata al totem');
    await expect(phone).to.be.accessible();
    const { id } = (await mine[0]!.json()) as { id: string };
    await (await page[PAGE_SANDBOX]!).fetch(`/api/booking/holds/${id}`, { method: 'DELETE' });
    await press(phone, 'Riprova');
    await settled(phone, () => heading(phone) === 'Perché prendi l’appuntamento?');
    expect(text(phone)).to.include(KIOSK_SAID);
  });

  it('claims once when the answer to the claim was lost, and goes on when asked to try again', async () => {
    const { link } = await kioskCode();
    await loseNextAnswer('/api/booking/hand-off-claims');
    const phone = await phoneAt(link);
    await settled(phone, () => alertText(phone).includes('Il servizio non risponde'));
    await press(phone, 'Riprova');
    await settled(phone, () => heading(phone) === 'Perché prendi l’appuntamento?');
    expect(text(phone)).to.include(KIOSK_SAID);
  });

  it('on a page with two booking elements, lets the first take the time over, and the other start as usual', async () => {
    const { link } = await kioskCode();
    location.hash = new URL(link).hash;
    const wrapper = document.createElement('div');
    wrapper.setAttribute('gateway', 'sandbox');
    wrapper.lang = 'it';
    wrapper.append(document.createElement('sportello-booking'), document.createElement('sportello-booking'));
    document.body.prepend(wrapper);
    phones.push(wrapper);
    const [first, second] = wrapper.querySelectorAll('sportello-booking');
    await settled(first!, () => heading(first!) === 'Perché prendi l’appuntamento?');
    await settled(second!, () => heading(second!) === 'Per quale servizio vuoi l’appuntamento?');
    expect(alertText(second!)).to.equal('');
  });
});
