import { expect, fixture, html } from '@open-wc/testing';
import { manualClock, resetSandbox, setClock, type Clock } from '@sportello/core';
import '@sportello/booking/booking';
import '@sportello/booking/booking-manage';
import '@sportello/booking/calendar';
import '@sportello/payment/payment';
import '@sportello/payment/payment-catalogue';
import '@sportello/sandbox/register';
import { setViewport } from '@web/test-runner-commands';
import { buttonIn } from '../../../../test/support/standalone-page.js';
import './define.js';
import type { SportelloKeyboard } from './keyboard.js';
import { isTextField, type TextField } from './layouts.js';
import { partsToShow } from './reveal.js';

// The keyboard never covers the field being typed in, nor its error: for every text field of every
// element, at a kiosk's screen upright and turned. Each field is put in the worst place first (its
// bottom at the bottom of the screen, where the keyboard will be) and focused without the browser
// scrolling to it; then an error is made to appear under it (Enter submits what was typed) and the
// field with the focus, with its error, must still be above the keyboard.

const VIEWPORTS = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
];

/**
 * What to type in each field (by its element and id) for Enter to show an error, or null for a
 * field Enter cannot submit (a textarea takes a new line). A field missing here fails the test:
 * a new field needs its case.
 */
const WRONG_INPUT: Record<string, string | null> = {
  'sportello-payment#notice': '',
  'sportello-payment#creditor': '1',
  'sportello-payment-catalogue#field-amountCents': '1',
  'sportello-payment-catalogue#field-pupilFiscalCode': '1',
  'sportello-payment-catalogue#field-violationNumber': '',
  'sportello-payment-catalogue#field-plate': '1',
  'sportello-booking-manage#reference': '',
  'sportello-booking-manage#code': '1',
  'sportello-calendar#typed': '1',
  'sportello-booking#notes': null,
  'sportello-booking#givenName': '',
  'sportello-booking#familyName': '1',
  'sportello-booking#email': '1',
  'sportello-booking#phone': '1',
  'sportello-booking#fiscalCode': '1',
};

const shadow = (element: Element) => element.shadowRoot!;

/** Every text field in `root` and the shadow roots inside it, as the keyboard would serve them. */
function textFieldsIn(root: ParentNode): TextField[] {
  const fields: TextField[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (isTextField(element)) fields.push(element);
    if (element.shadowRoot) fields.push(...textFieldsIn(element.shadowRoot));
  }
  return fields;
}

/** The field by its element's tag and its id, as WRONG_INPUT names it. */
const fieldName = (field: TextField) => `${(field.getRootNode() as ShadowRoot).host.localName}#${field.id}`;

/** The element with the focus, inside shadow roots. */
function focused(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

/** Waits, frame by frame (at most about five seconds), until `condition` holds. */
async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise(requestAnimationFrame);
  expect(condition(), what).to.equal(true);
}

/**
 * Until the layout of the next frame is done: resize observers report after a frame's layout, so
 * two frames' callbacks later, what the keyboard does on a change of size has been done.
 */
async function afterLayout() {
  await new Promise(requestAnimationFrame);
  await new Promise(requestAnimationFrame);
}

/** Says where the field, its label, hint and error are against the open keyboard and the screen. */
function expectAboveKeyboard(keyboard: SportelloKeyboard, field: TextField, when: string) {
  expect(keyboard.open, `${when}: the keyboard is open`).to.equal(true);
  const keyboardTop = keyboard.getBoundingClientRect().top;
  expect(keyboardTop, `${when}: the keyboard is on screen`).to.be.below(innerHeight);
  const { needed, labels } = partsToShow(field);
  for (const part of [...needed, ...labels]) {
    const { top, bottom, height } = part.getBoundingClientRect();
    if (height === 0) continue; // an empty message takes no room
    const name = `${when}: ${part.localName}#${part.id || part.textContent!.trim().slice(0, 30)}`;
    expect(bottom, `${name} ends above the keyboard`).to.be.at.most(keyboardTop);
    expect(top, `${name} is inside the screen`).to.be.at.least(0);
  }
}

/** The key named `name` (its text, or its label for punctuation), pressed as a click on it. */
async function press(keyboard: SportelloKeyboard, name: string) {
  const key = [...shadow(keyboard).querySelectorAll('button')].find((button) =>
    (button.getAttribute('aria-label') ?? button.textContent!.trim()).endsWith(name),
  );
  expect(key, `a key ${name}`).to.exist;
  key!.click();
  await keyboard.updateComplete;
}

/**
 * Puts `field` at the very bottom of the screen, focuses it without the browser scrolling to it,
 * and checks that the keyboard moved it above itself; then types `WRONG_INPUT` for it and presses
 * Enter, and checks the field with the focus and its error once the error shows.
 */
async function checkField(keyboard: SportelloKeyboard, field: TextField, viewport: string) {
  const name = fieldName(field);
  expect(WRONG_INPUT, `how to make ${name} wrong`).to.have.property(name);
  // Focused afresh: the error of the field before may have put the focus here already.
  (focused() as HTMLElement | null)?.blur();
  await keyboard.updateComplete;
  scrollBy(0, field.getBoundingClientRect().bottom - innerHeight);
  expect(Math.round(field.getBoundingClientRect().bottom), `${name} starts at the bottom`).to.equal(
    innerHeight,
  );
  field.focus({ preventScroll: true });
  await keyboard.updateComplete;
  expectAboveKeyboard(keyboard, field, `${viewport} ${name}`);

  const wrong = WRONG_INPUT[name];
  if (wrong === null || wrong === undefined) return;
  field.select?.();
  if (field.value) await press(keyboard, 'Cancella');
  for (const character of wrong) await press(keyboard, character);
  await press(keyboard, 'Invio');
  await until(() => {
    const now = focused();
    return isTextField(now) && now.getAttribute('aria-invalid') === 'true';
  }, `${viewport} ${name}: an error shows, on the field with the focus`);
  await afterLayout();
  const now = focused() as TextField;
  expectAboveKeyboard(keyboard, now, `${viewport} ${name}, then the error of ${fieldName(now)}`);
}

/** Checks every text field `root` shows now; returns how many. */
async function checkFieldsIn(keyboard: SportelloKeyboard, root: ParentNode, viewport: string) {
  const fields = textFieldsIn(root);
  for (const field of fields) await checkField(keyboard, field, viewport);
  return fields.map(fieldName);
}

/** `element` on the sandbox, below a screen's height of page, so every field can be scrolled to the bottom. */
async function onPage<T extends HTMLElement>(element: T): Promise<T> {
  const page = await fixture<HTMLDivElement>(
    html`<div>
      <div class="above"></div>
      <div gateway="sandbox" lang="it"></div>
    </div>`,
  );
  page.querySelector<HTMLElement>('.above')!.style.blockSize = '100vh';
  page.lastElementChild!.append(element);
  await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return element;
}

const heading = (element: Element) => shadow(element).querySelector('h2')?.textContent?.trim() ?? '';

async function pressIn(root: ParentNode, name: RegExp) {
  await until(() => buttonIn(root, name) !== undefined, `a button ${name}`);
  buttonIn(root, name)!.click();
}

let keyboard: SportelloKeyboard;
let previousClock: Clock;
beforeEach(async () => {
  resetSandbox();
  // Monday 23 November 2026, 9:00 in Rome: the booking's first free time is 11:10.
  previousClock = setClock(manualClock('2026-11-23T09:00:00+01:00'));
  keyboard = document.createElement('sportello-keyboard');
  document.body.append(keyboard);
  await keyboard.updateComplete;
});
afterEach(async () => {
  keyboard.remove();
  setClock(previousClock);
  scrollTo(0, 0);
  await setViewport({ width: 800, height: 600 });
});

for (const { width, height } of VIEWPORTS) {
  const viewport = `${width}x${height}`;

  describe(`the keyboard never covers a field, at ${viewport}`, () => {
    beforeEach(() => setViewport({ width, height }));

    it('<sportello-payment>: notice code and creditor code', async () => {
      const payment = await onPage(document.createElement('sportello-payment'));
      const checked = await checkFieldsIn(keyboard, shadow(payment), viewport);
      expect(checked).to.deep.equal(['sportello-payment#notice', 'sportello-payment#creditor']);
    });

    it('<sportello-payment-catalogue>: the fields of every service', async () => {
      const catalogue = await onPage(document.createElement('sportello-payment-catalogue'));
      await until(() => shadow(catalogue).querySelectorAll('[part="item"]').length === 3, 'the services');
      const services = [...shadow(catalogue).querySelectorAll('[part="item"]')].map((item) =>
        item.textContent!.trim(),
      );
      const checked: string[] = [];
      for (const service of services) {
        await pressIn(shadow(catalogue), new RegExp(`^${service}$`));
        await until(() => heading(catalogue) === service, service);
        checked.push(...(await checkFieldsIn(keyboard, shadow(catalogue), viewport)));
        await pressIn(shadow(catalogue), /^Scegli un altro servizio$/);
        await until(() => shadow(catalogue).querySelectorAll('[part="item"]').length === 3, 'the services');
      }
      expect(checked).to.include.members([
        'sportello-payment-catalogue#field-amountCents',
        'sportello-payment-catalogue#field-pupilFiscalCode',
        'sportello-payment-catalogue#field-violationNumber',
        'sportello-payment-catalogue#field-plate',
      ]);
    });

    it('<sportello-booking>: the date typed, the notes, and the applicant’s details', async function () {
      this.timeout(30000);
      const booking = document.createElement('sportello-booking');
      booking.setAttribute('service', 'cie');
      await onPage(booking);
      const root = shadow(booking);
      await until(() => heading(booking) === 'Scegli il giorno e l’ora', 'the day and time step');
      await until(
        () => !!root.querySelector('sportello-calendar')?.shadowRoot?.querySelector('#typed'),
        'the calendar',
      );
      const checked = await checkFieldsIn(keyboard, root, viewport);
      await pressIn(root, /^lunedì 23 novembre 2026/);
      await pressIn(root, /^11:10/);
      await until(() => heading(booking) === 'Perché prendi l’appuntamento?', 'the details step');
      checked.push(...(await checkFieldsIn(keyboard, root, viewport)));
      root.querySelector<HTMLInputElement>('input[type="radio"]')!.click();
      await pressIn(root, /^Avanti$/);
      await until(() => heading(booking) === 'I tuoi dati', 'the applicant step');
      checked.push(...(await checkFieldsIn(keyboard, root, viewport)));
      expect(checked).to.deep.equal([
        'sportello-calendar#typed',
        'sportello-booking#notes',
        'sportello-booking#givenName',
        'sportello-booking#familyName',
        'sportello-booking#email',
        'sportello-booking#phone',
        'sportello-booking#fiscalCode',
      ]);
    });

    it('<sportello-booking-manage>: the reference and the code', async () => {
      const manage = await onPage(document.createElement('sportello-booking-manage'));
      await until(() => !!shadow(manage).querySelector('#code'), 'the form');
      const checked = await checkFieldsIn(keyboard, shadow(manage), viewport);
      expect(checked).to.deep.equal(['sportello-booking-manage#reference', 'sportello-booking-manage#code']);
    });

    it('<sportello-calendar>: the date typed', async () => {
      const calendar = document.createElement('sportello-calendar');
      calendar.setAttribute('today', '2026-11-23');
      await onPage(calendar);
      await until(() => !!calendar.shadowRoot?.querySelector('#typed'), 'the calendar');
      const checked = await checkFieldsIn(keyboard, shadow(calendar), viewport);
      expect(checked).to.deep.equal(['sportello-calendar#typed']);
    });
  });
}
