import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetSandbox } from '@sportello/core';
import '@sportello/payment/payment';
import '@sportello/payment/payment-catalogue';
import '@sportello/sandbox/register';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import './define.js';
import type { SportelloKeyboard } from './keyboard.js';

const shadow = (element: Element) => element.shadowRoot!;

/** A key's accessible name: its label, or its text without the symbol beside the word. */
function keyName(key: HTMLButtonElement): string {
  if (key.hasAttribute('aria-label')) return key.getAttribute('aria-label')!;
  const copy = key.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((icon) => icon.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}

const keys = (keyboard: SportelloKeyboard) => [...shadow(keyboard).querySelectorAll('button')];
const keyNames = (keyboard: SportelloKeyboard) => keys(keyboard).map(keyName);
const key = (keyboard: SportelloKeyboard, name: string) => {
  const found = keys(keyboard).find((button) => keyName(button) === name);
  expect(found, `a key named ${name}`).to.exist;
  return found!;
};

/** Presses a key as a finger or a mouse does: a real pointer click at its middle. */
async function press(keyboard: SportelloKeyboard, name: string) {
  const { left, top, width, height } = key(keyboard, name).getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(left + width / 2), Math.round(top + height / 2)] });
  await keyboard.updateComplete;
}

/** Types `text` one key at a time, pressing Shift around capitals. */
async function typeWith(keyboard: SportelloKeyboard, text: string) {
  for (const character of text) {
    const capital = character !== character.toLowerCase();
    if (capital) await press(keyboard, 'Maiuscole');
    await press(keyboard, character === ' ' ? 'Spazio' : character);
    if (capital) await press(keyboard, 'Maiuscole');
  }
}

/** Waits, frame by frame (at most about four seconds), until `condition` holds. */
async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 250 && !condition(); i++) await new Promise(requestAnimationFrame);
  expect(condition(), what).to.equal(true);
}

/** The keyboard at the end of the body, as the kiosk shell puts it. */
async function keyboardInPage(): Promise<SportelloKeyboard> {
  const keyboard = document.createElement('sportello-keyboard');
  document.body.append(keyboard);
  await keyboard.updateComplete;
  return keyboard;
}

/** Focuses `field` and waits for the keyboard to open on it. */
async function focusOn(keyboard: SportelloKeyboard, field: HTMLElement) {
  field.focus();
  await keyboard.updateComplete;
}

let keyboard: SportelloKeyboard;
beforeEach(async () => {
  resetSandbox();
  // A kiosk's screen, upright (1920 wide in the tests that turn it): rows of 60 px keys fit.
  await setViewport({ width: 1080, height: 1920 });
  keyboard = await keyboardInPage();
});
afterEach(async () => {
  keyboard.remove();
  document.documentElement.style.fontSize = '';
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('data-sportello-theme');
  await resetMouse();
  await setViewport({ width: 800, height: 600 });
});

describe('<sportello-keyboard>', () => {
  it('is accessible in Italian and English, at 100% and 150% text, in every layout and theme', async () => {
    const page = await fixture(
      html`<form>
        <label>Codice avviso <input inputmode="numeric" /></label>
        <label>Nome <input /></label>
        <label>Email <input type="email" /></label>
      </form>`,
    );
    const fields = [...page.querySelectorAll('input')];
    const named = [
      ['it', 'Tastiera sullo schermo', ['Cancella', 'Invio', 'Nascondi la tastiera', 'Spazio', 'Lettere']],
      ['en', 'On-screen keyboard', ['Delete', 'Enter', 'Hide the keyboard', 'Space', 'Letters']],
    ] as const;
    for (const [language, region, words] of named) {
      document.documentElement.lang = language;
      // The keyboard hears of the page's new language in a mutation observer's microtask: after it,
      // its update (waiting for the English words) is the one updateComplete waits for.
      await Promise.resolve();
      for (const size of ['100%', '150%']) {
        document.documentElement.style.fontSize = size;
        for (const theme of ['', 'high-contrast']) {
          if (theme) document.documentElement.setAttribute('data-sportello-theme', theme);
          else document.documentElement.removeAttribute('data-sportello-theme');
          for (const field of fields) {
            await focusOn(keyboard, field);
            await until(() => keyboard.open, 'the keyboard opened');
            await expect(keyboard).to.be.accessible();
            expect(shadow(keyboard).querySelector('[part="keyboard"]')!.getAttribute('aria-label')).to.equal(
              region,
            );
            for (const button of keys(keyboard)) {
              const { width, height } = button.getBoundingClientRect();
              expect(width, `${keyName(button)} at ${size}`).to.be.at.least(60);
              expect(height, `${keyName(button)} at ${size}`).to.be.at.least(60);
            }
          }
          await focusOn(keyboard, fields[0]!);
          for (const word of words) key(keyboard, word);
        }
      }
    }
  });

  it('chooses the layout from the field’s inputmode and type', async () => {
    const page = await fixture(
      html`<div>
        <label>a <input id="numeric" inputmode="numeric" /></label>
        <label>b <input id="decimal" inputmode="decimal" /></label>
        <label>c <input id="tel" type="tel" /></label>
        <label>d <input id="number" type="number" /></label>
        <label>e <input id="email" type="email" /></label>
        <label>f <input id="email-mode" inputmode="email" /></label>
        <label>g <input id="text" /></label>
        <label>h <textarea id="notes"></textarea></label>
        <label>i <input id="search" type="search" /></label>
      </div>`,
    );
    const layoutOf = async (id: string) => {
      await focusOn(keyboard, page.querySelector<HTMLElement>(`#${id}`)!);
      return shadow(keyboard).querySelector('[part="keyboard"]')!.className;
    };
    for (const id of ['numeric', 'decimal', 'tel', 'number'])
      expect(await layoutOf(id), id).to.equal('numeric');
    for (const id of ['email', 'email-mode']) expect(await layoutOf(id), id).to.equal('email');
    for (const id of ['text', 'notes', 'search']) expect(await layoutOf(id), id).to.equal('alphanumeric');

    await layoutOf('text');
    const letters = keyNames(keyboard);
    expect(letters).to.include.members(['à', 'è', 'é', 'ì', 'ò', 'ù', 'Maiuscole', 'Spazio', 'Apostrofo']);
    expect(letters, 'digits for fiscal codes').to.include.members([...'1234567890']);
    // The rows of letters of an Italian keyboard, in order.
    const rows = [...shadow(keyboard).querySelectorAll('[part="row"]')].map((row) =>
      [...row.querySelectorAll('button')].map(keyName).join(''),
    );
    expect(rows[1]).to.equal('qwertyuiopèé');
    expect(rows[2]).to.equal('asdfghjklòàù');
    expect(rows[3]).to.contain('zxcvbnm');

    await layoutOf('email');
    expect(keyNames(keyboard)).to.include.members(['Chiocciola', '.it', '.com', 'Punto']);
    await layoutOf('tel');
    expect(keyNames(keyboard)).to.include('Più').and.not.include('q');
    await layoutOf('decimal');
    expect(keyNames(keyboard)).to.include('Virgola');
  });

  it('opens only for text fields, and stays closed while disabled', async () => {
    const page = await fixture(
      html`<form>
        <label>a <input id="check" type="checkbox" /></label>
        <label>b <input id="radio" type="radio" /></label>
        <label
          >c
          <select id="select">
            <option>x</option>
          </select></label
        >
        <button id="button" type="button">d</button>
        <label>e <input id="date" type="date" /></label>
        <label>f <input id="readonly" readonly /></label>
        <label>g <input id="text" inputmode="numeric" /></label>
      </form>`,
    );
    for (const id of ['check', 'radio', 'select', 'button', 'date', 'readonly']) {
      await focusOn(keyboard, page.querySelector<HTMLElement>(`#${id}`)!);
      expect(keyboard.open, id).to.equal(false);
    }
    const text = page.querySelector<HTMLInputElement>('#text')!;
    keyboard.disabled = true;
    await focusOn(keyboard, text);
    expect(keyboard.open, 'disabled: a physical keyboard is attached').to.equal(false);
    expect(text.getAttribute('inputmode'), 'the field keeps its own inputmode').to.equal('numeric');
    keyboard.disabled = false;
    await keyboard.updateComplete;
    expect(keyboard.open, 'enabled again: it serves the field with the focus').to.equal(true);
    expect(text.getAttribute('inputmode')).to.equal('none');
  });

  it('types a notice code into <sportello-payment> with real clicks, keeping the focus in the field', async () => {
    await setViewport({ width: 1080, height: 1920 });
    const wrapper = await fixture(
      html`<div gateway="sandbox" lang="it"><sportello-payment></sportello-payment></div>`,
    );
    const payment = wrapper.querySelector('sportello-payment')!;
    await payment.updateComplete;
    const notice = shadow(payment).querySelector<HTMLInputElement>('#notice')!;
    const creditor = shadow(payment).querySelector<HTMLInputElement>('#creditor')!;
    const changes: { open: boolean; height: number }[] = [];
    keyboard.addEventListener('sportello-keyboard-change', (event) => changes.push(event.detail));

    await focusOn(keyboard, notice);
    expect(notice.getAttribute('inputmode'), 'the system keyboard stays hidden').to.equal('none');
    expect(shadow(keyboard).querySelector('[part="keyboard"]')!.className).to.equal('numeric');
    await typeWith(keyboard, '3122026000000102799');
    await press(keyboard, 'Cancella');
    expect(notice.value).to.equal('312202600000010279');
    expect(shadow(payment).activeElement, 'the focus stayed in the field').to.equal(notice);
    expect(notice.getAttribute('inputmode'), 'still none after the element re-rendered').to.equal('none');

    // To the next field of the same element: the document hears nothing of this move.
    await focusOn(keyboard, creditor);
    expect(notice.getAttribute('inputmode'), 'the first field has its own back').to.equal('numeric');
    expect(creditor.getAttribute('inputmode')).to.equal('none');
    await typeWith(keyboard, '80001234568');
    expect(shadow(payment).activeElement).to.equal(creditor);
    await press(keyboard, 'Invio');
    await until(
      () => shadow(payment).querySelector('h2')?.textContent?.trim() === 'Cosa stai per pagare',
      'the element took the codes typed and found the notice',
    );
    await until(() => !keyboard.open, 'the keyboard closed as the fields left');
    expect(changes[0]!.open).to.equal(true);
    expect(changes[0]!.height).to.be.above(0);
    expect(changes.at(-1)).to.deep.equal({ open: false, height: 0 });
    expect(document.documentElement.style.getPropertyValue('--sportello-keyboard-height')).to.equal('');
  });

  it('lets a button just above it be pressed: the page does not move under the finger as it closes', async () => {
    const page = await fixture(
      html`<div>
        <div class="above"></div>
        <div gateway="sandbox" lang="it"><sportello-payment></sportello-payment></div>
      </div>`,
    );
    page.querySelector<HTMLElement>('.above')!.style.blockSize = '100vh';
    const payment = page.querySelector('sportello-payment')!;
    await payment.updateComplete;
    const creditor = shadow(payment).querySelector<HTMLInputElement>('#creditor')!;
    await focusOn(keyboard, shadow(payment).querySelector<HTMLInputElement>('#notice')!);
    await typeWith(keyboard, '312202600000010279');
    // The last field at the bottom of the screen: the keyboard pads the page to lift it.
    scrollBy(0, creditor.getBoundingClientRect().bottom - innerHeight);
    creditor.focus({ preventScroll: true });
    await keyboard.updateComplete;
    await typeWith(keyboard, '80001234568');
    expect(getComputedStyle(document.documentElement).paddingBlockEnd).to.not.equal('0px');
    // The search button just above the keyboard, where the citizen's finger goes next.
    const search = [...shadow(payment).querySelectorAll('button')].find(
      (b) => b.textContent!.trim() === 'Cerca avviso',
    )!;
    scrollBy(0, search.getBoundingClientRect().bottom - keyboard.getBoundingClientRect().top + 8);
    const { left, top, width, height } = search.getBoundingClientRect();
    expect(top + height).to.be.below(keyboard.getBoundingClientRect().top);
    await sendMouse({
      type: 'click',
      position: [Math.round(left + width / 2), Math.round(top + height / 2)],
    });
    await until(
      () => shadow(payment).querySelector('h2')?.textContent?.trim() === 'Cosa stai per pagare',
      'the button was pressed',
    );
    await until(
      () => getComputedStyle(document.documentElement).paddingBlockEnd === '0px',
      'then the page got back the room it gave the keyboard',
    );
    expect(document.documentElement.style.getPropertyValue('--sportello-keyboard-height')).to.equal('');
  });

  it('keeps inputmode none through the element’s re-renders, and gives its own back on leaving', async () => {
    const wrapper = await fixture(
      html`<div gateway="sandbox" lang="it">
        <sportello-payment-catalogue></sportello-payment-catalogue>
      </div>`,
    );
    const catalogue = wrapper.querySelector('sportello-payment-catalogue')!;
    await until(() => shadow(catalogue).querySelectorAll('[part="item"]').length === 3, 'the services');
    [...shadow(catalogue).querySelectorAll('button')].find((b) => b.textContent!.includes('mensa'))!.click();
    await elementUpdated(catalogue);
    const amount = shadow(catalogue).querySelector<HTMLInputElement>('#field-amountCents')!;
    await focusOn(keyboard, amount);
    expect(amount.getAttribute('inputmode')).to.equal('none');
    await press(keyboard, '1');
    await press(keyboard, 'Virgola');
    await press(keyboard, '5');
    await elementUpdated(catalogue);
    expect(amount.value).to.equal('1,5');
    expect(amount.getAttribute('inputmode'), 'Lit left the attribute as it was').to.equal('none');
    amount.blur();
    await keyboard.updateComplete;
    expect(keyboard.open).to.equal(false);
    expect(amount.getAttribute('inputmode')).to.equal('decimal');
  });

  it('types accented letters and capitals, honours maxlength, and deletes', async () => {
    await setViewport({ width: 1920, height: 1080 });
    const page = await fixture(
      html`<div>
        <label>Cognome <input id="name" /></label>
        <label>CAP <input id="short" maxlength="5" inputmode="numeric" /></label>
      </div>`,
    );
    const name = page.querySelector<HTMLInputElement>('#name')!;
    const typed: (string | null)[] = [];
    name.addEventListener('input', (event) => typed.push((event as InputEvent).data));
    await focusOn(keyboard, name);
    await typeWith(keyboard, 'Niccolò Dell');
    await press(keyboard, 'Apostrofo');
    await typeWith(keyboard, 'Acqua àèéìù');
    expect(name.value).to.equal("Niccolò Dell'Acqua àèéìù");
    expect(typed.slice(0, 7)).to.deep.equal(['N', 'i', 'c', 'c', 'o', 'l', 'ò']);
    // Typing goes to the caret: back into the middle of the word.
    name.setSelectionRange(1, 1);
    await press(keyboard, 'Cancella');
    await typeWith(keyboard, 'I');
    expect(name.value.slice(0, 7)).to.equal('Iiccolò');
    expect(document.activeElement).to.equal(name);

    const short = page.querySelector<HTMLInputElement>('#short')!;
    await focusOn(keyboard, short);
    await typeWith(keyboard, '0018600');
    expect(short.value, 'no more than maxlength').to.equal('00186');
  });

  it('enters a new line in a textarea, and hides until the field is touched again', async () => {
    const page = await fixture(
      html`<div>
        <label>Note <textarea id="notes"></textarea></label>
      </div>`,
    );
    const notes = page.querySelector<HTMLTextAreaElement>('#notes')!;
    await focusOn(keyboard, notes);
    await typeWith(keyboard, 'a');
    await press(keyboard, 'Invio');
    await typeWith(keyboard, 'b');
    expect(notes.value).to.equal('a\nb');
    const closing = oneEvent(keyboard, 'sportello-keyboard-change');
    await press(keyboard, 'Nascondi la tastiera');
    expect((await closing).detail).to.deep.equal({ open: false, height: 0 });
    expect(document.activeElement, 'the field keeps the focus').to.equal(notes);
    expect(notes.getAttribute('inputmode'), 'and no system keyboard comes up instead').to.equal('none');
    const { left, top } = notes.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(left + 5), Math.round(top + 5)] });
    await keyboard.updateComplete;
    expect(keyboard.open, 'touching the field brings it back').to.equal(true);
  });

  it('switches between digits and letters', async () => {
    const page = await fixture(html`<label>Data <input inputmode="numeric" /></label>`);
    await focusOn(keyboard, page.querySelector('input')!);
    await press(keyboard, 'Lettere');
    expect(shadow(keyboard).querySelector('[part="keyboard"]')!.className).to.equal('alphanumeric');
    await press(keyboard, 'Numeri');
    expect(shadow(keyboard).querySelector('[part="keyboard"]')!.className).to.equal('numeric');
  });
});
