import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { catalogueProblems, manualClock, setClock } from '@sportello/core';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import { calendarMessages } from './calendar-messages.js';
import type { DayAvailability, SportelloCalendar } from './calendar.js';
import './define.js';

// 23 November 2026 is a Monday; 11 March 2027 a Thursday.
const TODAY = '2026-11-23';

const shadow = (element: Element) => element.shadowRoot!;
const day = (element: Element, date: string) =>
  shadow(element).querySelector<HTMLButtonElement>(`button[value="${date}"]`)!;
const focused = (element: Element) => (shadow(element).activeElement as HTMLButtonElement | null)?.value;
const tabbable = (element: Element) =>
  [...shadow(element).querySelectorAll<HTMLButtonElement>('[tabindex="0"]')].map((button) => button.value);
const heading = (element: Element) => shadow(element).querySelector('h2')!.textContent!.trim();
const status = (element: Element) => shadow(element).querySelector('[role="status"]')!.textContent!.trim();
const alert = (element: Element) => shadow(element).querySelector('[role="alert"]')!.textContent!.trim();
const input = (element: Element) => shadow(element).querySelector('input')!;
const parts = (element: Element, date: string) => [...day(element, date).part].sort();

async function calendar(template: TemplateResult, lang = 'it'): Promise<SportelloCalendar> {
  const wrapper = await fixture(html`<div lang=${lang}>${template}</div>`);
  return wrapper.querySelector('sportello-calendar')!;
}

async function press(element: SportelloCalendar, key: string) {
  await sendKeys({ press: key });
  await element.updateComplete;
}

async function typeDate(element: SportelloCalendar, text: string) {
  input(element).value = '';
  input(element).focus();
  if (text) await sendKeys({ type: text });
  await press(element, 'Enter');
}

const march2027: Record<string, DayAvailability> = {
  '2027-03-10': { state: 'available' },
  '2027-03-11': { state: 'available', freePlaces: 3 },
  '2027-03-12': { state: 'few', freePlaces: 1 },
  '2027-03-15': { state: 'few' },
  '2027-03-16': { state: 'full', freePlaces: 0 },
  '2027-03-17': { state: 'closed' },
};

/** March 2027 shown with its availability, as the booking widget shows a month, in `lang`. */
const marchWithAvailability = (lang = 'it') =>
  calendar(
    html`<sportello-calendar today=${TODAY} month="2027-03" .availability=${march2027}></sportello-calendar>`,
    lang,
  );

describe('<sportello-calendar>', () => {
  it('is accessible, with availability, in Italian', async () => {
    const element = await marchWithAvailability();
    await expect(element).to.be.accessible();
    expect(heading(element)).to.equal('marzo 2027');
    const grid = shadow(element).querySelector('table')!;
    expect(grid.getAttribute('role')).to.equal('grid');
    expect(grid.getAttribute('aria-label')).to.equal('Scegli il giorno');
    const headers = [...grid.querySelectorAll('th')];
    expect(headers.map((th) => th.getAttribute('scope'))).to.deep.equal(Array(7).fill('col'));
    expect(headers.map((th) => th.abbr)).to.deep.equal([
      'lunedì',
      'martedì',
      'mercoledì',
      'giovedì',
      'venerdì',
      'sabato',
      'domenica',
    ]);
    expect(headers.map((th) => th.textContent!.trim())).to.deep.equal([
      'lun',
      'mar',
      'mer',
      'gio',
      'ven',
      'sab',
      'dom',
    ]);
    expect(shadow(element).querySelector('[part="previous"]')!.getAttribute('aria-label')).to.equal(
      'Mese precedente',
    );
    expect(shadow(element).querySelector('[part="next"]')!.getAttribute('aria-label')).to.equal(
      'Mese successivo',
    );
    expect(shadow(element).querySelector('label[for="typed"]')!.textContent).to.equal(
      'Oppure scrivi la data (gg/mm/aaaa)',
    );
    expect(shadow(element).querySelector('[part="go"]')!.textContent).to.equal('Vai');
  });

  it('is accessible, with availability, in English, with English labels', async () => {
    const element = await marchWithAvailability('en');
    await expect(element).to.be.accessible();
    expect(heading(element)).to.equal('March 2027');
    expect(shadow(element).querySelector('table')!.getAttribute('aria-label')).to.equal('Choose a day');
    expect([...shadow(element).querySelectorAll('th')].map((th) => th.abbr)[0]).to.equal('Monday');
    expect(shadow(element).querySelector('th')!.textContent!.trim()).to.equal('Mon');
    expect(shadow(element).querySelector('[part="previous"]')!.getAttribute('aria-label')).to.equal(
      'Previous month',
    );
    expect(shadow(element).querySelector('[part="next"]')!.getAttribute('aria-label')).to.equal('Next month');
    expect(shadow(element).querySelector('label[for="typed"]')!.textContent).to.equal(
      'Or type the date (dd/mm/yyyy)',
    );
    expect(shadow(element).querySelector('[part="go"]')!.textContent).to.equal('Go');
  });

  it('has every message in both languages', async () => {
    expect(await catalogueProblems(calendarMessages)).to.deep.equal([]);
  });

  it('names each day by its full date and how many places are left', async () => {
    const it = await marchWithAvailability();
    const name = (element: Element, date: string) => day(element, date).getAttribute('aria-label');
    expect(name(it, '2027-03-10')).to.equal('mercoledì 10 marzo 2027');
    expect(name(it, '2027-03-11')).to.equal('giovedì 11 marzo 2027, 3 posti liberi');
    expect(name(it, '2027-03-12')).to.equal('venerdì 12 marzo 2027, 1 posto libero');
    expect(name(it, '2027-03-15')).to.equal('lunedì 15 marzo 2027, pochi posti liberi');
    expect(name(it, '2027-03-16')).to.equal('martedì 16 marzo 2027, completo');
    expect(name(it, '2027-03-17')).to.equal('mercoledì 17 marzo 2027, chiuso');
    expect(name(it, '2027-03-18'), 'a day missing from availability').to.equal(
      'giovedì 18 marzo 2027, chiuso',
    );
    expect(day(it, '2027-03-11').textContent!.trim(), 'the visible text is the day number').to.equal('11');

    const en = await marchWithAvailability('en');
    expect(name(en, '2027-03-11')).to.match(/^Thursday,? 11 March 2027, 3 places left$/);
    expect(name(en, '2027-03-12')).to.match(/^Friday,? 12 March 2027, 1 place left$/);
    expect(name(en, '2027-03-16')).to.match(/^Tuesday,? 16 March 2027, fully booked$/);
    expect(name(en, '2027-03-17')).to.match(/^Wednesday,? 17 March 2027, closed$/);
  });

  it('shows each day state as a part, and full and closed days as disabled but focusable', async () => {
    const element = await calendar(
      html`<sportello-calendar
        today="2027-03-16"
        value="2027-03-11"
        .availability=${march2027}
      ></sportello-calendar>`,
    );
    expect(parts(element, '2027-03-10')).to.deep.equal(['available', 'day']);
    expect(parts(element, '2027-03-11')).to.deep.equal(['available', 'day', 'selected']);
    expect(parts(element, '2027-03-12')).to.deep.equal(['day', 'few']);
    expect(parts(element, '2027-03-16')).to.deep.equal(['day', 'disabled', 'full', 'today']);
    expect(parts(element, '2027-03-17')).to.deep.equal(['closed', 'day', 'disabled']);
    expect(parts(element, '2027-03-18')).to.deep.equal(['closed', 'day', 'disabled']);
    for (const date of ['2027-03-16', '2027-03-17', '2027-03-18']) {
      expect(day(element, date).getAttribute('aria-disabled')).to.equal('true');
      expect(day(element, date).disabled, 'still reachable with the arrow keys').to.equal(false);
    }
    expect(day(element, '2027-03-11').getAttribute('aria-pressed')).to.equal('true');
    expect(day(element, '2027-03-10').getAttribute('aria-pressed')).to.equal('false');
    expect(day(element, '2027-03-16').getAttribute('aria-current')).to.equal('date');
    expect(shadow(element).querySelectorAll('[aria-current]')).to.have.length(1);

    // March 2027 starts on a Monday and ends on a Wednesday: 4 days of April fill the last week.
    const outside = [...shadow(element).querySelectorAll('[part~="outside"]')];
    expect(outside.map((cell) => cell.textContent)).to.deep.equal(['1', '2', '3', '4']);
    expect(outside.every((cell) => cell.tagName === 'SPAN' && cell.part.contains('day'))).to.equal(true);
    expect(outside.every((cell) => cell.getAttribute('aria-hidden') === 'true')).to.equal(true);

    day(element, '2027-03-16').click();
    day(element, '2027-03-18').click();
    await element.updateComplete;
    expect(element.value, 'full and closed days cannot be chosen').to.equal('2027-03-11');
  });

  it('starts weeks on Monday and lays out months across daylight-saving changes', async () => {
    const element = await calendar(
      html`<sportello-calendar today=${TODAY} month="2026-10"></sportello-calendar>`,
    );
    const rows = [...shadow(element).querySelectorAll('tbody tr')];
    // 1 October 2026 is a Thursday: Monday 28 to Wednesday 30 September come first.
    expect([...rows[0]!.querySelectorAll('td')].map((cell) => cell.textContent!.trim())).to.deep.equal([
      '28',
      '29',
      '30',
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(shadow(element).querySelectorAll('button[value^="2026-10-"]')).to.have.length(31);
    // Summer time ends on Sunday 25 October 2026: still one day, in the Sunday column.
    expect(day(element, '2026-10-25').closest('td')!.cellIndex).to.equal(6);
    expect(day(element, '2026-10-26').closest('td')!.cellIndex).to.equal(0);

    element.month = '2027-03';
    await element.updateComplete;
    expect(shadow(element).querySelectorAll('button[value^="2027-03-"]')).to.have.length(31);
    expect(day(element, '2027-03-28').closest('td')!.cellIndex).to.equal(6);
    expect(day(element, '2027-03-28').getAttribute('aria-label')).to.equal('domenica 28 marzo 2027');
  });

  it('has one tab stop in the grid: the chosen day, else today', async () => {
    const element = await calendar(html`<sportello-calendar today=${TODAY}></sportello-calendar>`);
    expect(heading(element)).to.equal('novembre 2026');
    expect(tabbable(element)).to.deep.equal([TODAY]);
    expect(day(element, TODAY).getAttribute('aria-current')).to.equal('date');
    expect(day(element, '2026-11-24').tabIndex).to.equal(-1);

    const chosen = await calendar(
      html`<sportello-calendar today=${TODAY} value="2026-12-04"></sportello-calendar>`,
    );
    expect(heading(chosen)).to.equal('dicembre 2026');
    expect(tabbable(chosen)).to.deep.equal(['2026-12-04']);
  });

  it('moves by day, week and to the week’s edges with the arrow keys, Home and End', async () => {
    const element = await calendar(html`<sportello-calendar today=${TODAY}></sportello-calendar>`);
    day(element, TODAY).focus();
    const steps: [string, string][] = [
      ['ArrowRight', '2026-11-24'],
      ['ArrowDown', '2026-12-01'],
      ['ArrowUp', '2026-11-24'],
      ['ArrowLeft', '2026-11-23'],
      ['End', '2026-11-29'],
      ['Home', '2026-11-23'],
      ['ArrowLeft', '2026-11-22'],
      ['Home', '2026-11-16'],
    ];
    for (const [key, expected] of steps) {
      await press(element, key);
      expect(focused(element), key).to.equal(expected);
      expect(tabbable(element), `${key}: one tab stop`).to.deep.equal([expected]);
    }
    expect(heading(element)).to.equal('novembre 2026');
  });

  it('moves by month with Page Up and Page Down, keeping the day number within the month', async () => {
    const element = await calendar(
      html`<sportello-calendar today=${TODAY} value="2027-01-31"></sportello-calendar>`,
    );
    day(element, '2027-01-31').focus();
    const changed = oneEvent(element, 'sportello-month-change');
    await press(element, 'PageDown');
    expect((await changed).detail).to.deep.equal({ month: '2027-02' });
    expect(focused(element)).to.equal('2027-02-28');
    expect(heading(element)).to.equal('febbraio 2027');
    expect(status(element), 'announced in the live region').to.equal('febbraio 2027');
    expect(tabbable(element)).to.deep.equal(['2027-02-28']);

    await press(element, 'PageUp');
    expect(focused(element)).to.equal('2027-01-28');
    expect(status(element)).to.equal('gennaio 2027');
    await sendKeys({ down: 'Shift' });
    await press(element, 'PageUp');
    await sendKeys({ up: 'Shift' });
    expect(focused(element)).to.equal('2026-01-28');
    expect(heading(element)).to.equal('gennaio 2026');
  });

  it('shows the next month when an arrow key goes past the last day, and announces it', async () => {
    const element = await calendar(html`<sportello-calendar today=${TODAY}></sportello-calendar>`);
    expect(shadow(element).querySelector('[role="status"]')!.getAttribute('class')).to.equal(
      'visually-hidden',
    );
    expect(status(element), 'nothing announced on load').to.equal('');
    day(element, '2026-11-30').focus();
    const changed = oneEvent(element, 'sportello-month-change');
    await press(element, 'ArrowRight');
    expect((await changed).detail.month).to.equal('2026-12');
    expect(focused(element)).to.equal('2026-12-01');
    expect(heading(element)).to.equal('dicembre 2026');
    expect(status(element)).to.equal('dicembre 2026');

    const back = oneEvent(element, 'sportello-month-change');
    await press(element, 'ArrowUp');
    expect((await back).detail.month).to.equal('2026-11');
    expect(focused(element)).to.equal('2026-11-24');
  });

  it('chooses the focused day with Enter or Space and fires change', async () => {
    const element = await calendar(
      html`<sportello-calendar today=${TODAY} value="2026-11-02"></sportello-calendar>`,
    );
    let changes = 0;
    element.addEventListener('change', () => changes++);
    element.value = '2026-11-03';
    await element.updateComplete;
    expect(changes, 'no change event when the page sets the value').to.equal(0);

    day(element, TODAY).focus();
    await press(element, 'ArrowRight');
    const changed = oneEvent(element, 'change');
    await press(element, 'Enter');
    const event = await changed;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(element.value).to.equal('2026-11-24');
    expect(element.getAttribute('value'), 'value reflects').to.equal('2026-11-24');
    expect(day(element, '2026-11-24').getAttribute('aria-pressed')).to.equal('true');
    expect(day(element, '2026-11-03').getAttribute('aria-pressed')).to.equal('false');

    await press(element, 'ArrowRight');
    await press(element, ' ');
    expect(element.value).to.equal('2026-11-25');
    expect(changes).to.equal(2);
    expect(focused(element)).to.equal('2026-11-25');
  });

  it('changes month with the previous and next buttons', async () => {
    const element = await calendar(html`<sportello-calendar today=${TODAY}></sportello-calendar>`);
    const next = shadow(element).querySelector<HTMLButtonElement>('[part="next"]')!;
    const previous = shadow(element).querySelector<HTMLButtonElement>('[part="previous"]')!;
    const changed = oneEvent(element, 'sportello-month-change');
    next.click();
    expect((await changed).detail.month).to.equal('2026-12');
    await element.updateComplete;
    expect(heading(element)).to.equal('dicembre 2026');
    expect(status(element)).to.equal('dicembre 2026');
    expect(tabbable(element)).to.deep.equal(['2026-12-23']);
    previous.click();
    previous.click();
    await element.updateComplete;
    expect(heading(element)).to.equal('ottobre 2026');
  });

  it('keeps days before min, after max and refused by isDateDisabled from being chosen', async () => {
    const weekend = (date: string) => [6, 0].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
    const element = await calendar(
      html`<sportello-calendar
        today=${TODAY}
        min="2026-11-20"
        max="2026-12-10"
        .isDateDisabled=${weekend}
      ></sportello-calendar>`,
    );
    let changes = 0;
    element.addEventListener('change', () => changes++);
    for (const date of ['2026-11-19', '2026-11-21', '2026-11-22']) {
      expect(day(element, date).getAttribute('aria-disabled'), date).to.equal('true');
      expect(day(element, date).part.contains('disabled'), date).to.equal(true);
    }
    expect(parts(element, '2026-11-20')).to.deep.equal(['available', 'day']);
    expect(shadow(element).querySelector('[part="previous"]')!.getAttribute('aria-disabled')).to.equal(
      'true',
    );

    day(element, '2026-11-22').focus();
    await press(element, 'Enter');
    day(element, '2026-11-19').click();
    expect(changes).to.equal(0);
    expect(element.value).to.equal('');

    // Arrow keys stop at min and max.
    day(element, '2026-11-20').focus();
    await press(element, 'ArrowUp');
    expect(focused(element)).to.equal('2026-11-20');
    await press(element, 'PageDown');
    expect(focused(element)).to.equal('2026-12-10');
    expect(heading(element)).to.equal('dicembre 2026');
    expect(shadow(element).querySelector('[part="next"]')!.getAttribute('aria-disabled')).to.equal('true');
    expect(day(element, '2026-12-11').getAttribute('aria-disabled')).to.equal('true');
  });

  it('chooses a typed date in any usual format and shows its month', async () => {
    const element = await calendar(
      html`<sportello-calendar today=${TODAY} .availability=${march2027}></sportello-calendar>`,
    );
    const changed = oneEvent(element, 'change');
    const monthChanged = oneEvent(element, 'sportello-month-change');
    await typeDate(element, '11/3/2027');
    await changed;
    expect(element.value).to.equal('2027-03-11');
    expect((await monthChanged).detail.month).to.equal('2027-03');
    expect(heading(element)).to.equal('marzo 2027');
    expect(day(element, '2027-03-11').getAttribute('aria-pressed')).to.equal('true');
    expect(input(element).getAttribute('aria-invalid')).to.equal('false');
    expect(input(element).hasAttribute('aria-describedby')).to.equal(false);

    for (const [text, date] of [
      ['10-03-2027', '2027-03-10'],
      ['12.3.2027', '2027-03-12'],
      ['15 03 2027', '2027-03-15'],
      ['11/3/27', '2027-03-11'],
      ['12032027', '2027-03-12'], // a phone's number pad has no slash
      ['150327', '2027-03-15'],
    ]) {
      await typeDate(element, text!);
      expect(element.value, text).to.equal(date);
    }

    // The "Vai" button does the same.
    input(element).value = '11/03/2027';
    shadow(element).querySelector<HTMLButtonElement>('[part="go"]')!.click();
    await element.updateComplete;
    expect(element.value).to.equal('2027-03-11');
  });

  it('says what is wrong with a typed date that cannot be chosen', async () => {
    const element = await calendar(
      html`<sportello-calendar
        today=${TODAY}
        min="2026-12-01"
        max="2027-03-31"
        .availability=${march2027}
        .isDateDisabled=${(date: string) => date === '2027-03-10'}
      ></sportello-calendar>`,
    );
    const cases: [string, string][] = [
      ['', 'Scrivi la data, per esempio 23/11/2026.'],
      ['domani', 'Questa non è una data'],
      ['31/02/2027', 'Questa non è una data'],
      ['11/13/2027', 'Questa non è una data'],
      ['30/11/2026', 'Puoi scegliere un giorno a partire da martedì 1 dicembre 2026.'],
      ['1/4/2027', 'Puoi scegliere un giorno fino a mercoledì 31 marzo 2027.'],
      ['16/3/2027', 'Non ci sono più posti liberi martedì 16 marzo 2027: scegli un altro giorno.'],
      ['17/03/2027', 'L’ufficio è chiuso mercoledì 17 marzo 2027: scegli un altro giorno.'],
      ['18/03/2027', 'L’ufficio è chiuso giovedì 18 marzo 2027'],
      ['10/03/2027', 'Non si può scegliere mercoledì 10 marzo 2027: scegli un altro giorno.'],
    ];
    for (const [text, message] of cases) {
      await typeDate(element, text);
      expect(alert(element), text).to.contain(message);
      expect(input(element).getAttribute('aria-invalid'), text).to.equal('true');
      expect(input(element).getAttribute('aria-describedby'), text).to.equal('typed-problem');
      expect(shadow(element).querySelector('#typed-problem')!.getAttribute('role')).to.equal('alert');
    }
    expect(element.value).to.equal('');
    await typeDate(element, '11/03/2027');
    expect(element.value).to.equal('2027-03-11');
    expect(alert(element), 'the message goes once the date is right').to.equal('');

    await typeDate(element, '31/02/2027');
    day(element, '2027-03-12').click();
    await element.updateComplete;
    expect(element.value).to.equal('2027-03-12');
    expect(alert(element), 'and once a day is chosen in the grid').to.equal('');
    expect(input(element).getAttribute('aria-invalid')).to.equal('false');
  });

  it('takes a typed date in a month it has no availability for yet, and asks for that month', async () => {
    // As inside the booking widget: the host gives the shown month's days, and the next on request.
    const element = await marchWithAvailability();
    const monthChanged = oneEvent(element, 'sportello-month-change');
    await typeDate(element, '15/04/2027');
    expect(alert(element), 'not "the office is closed"').to.equal('');
    expect(element.value).to.equal('2027-04-15');
    expect((await monthChanged).detail.month).to.equal('2027-04');
    // Until the host gives April's days, they are neither closed nor full: plain days.
    expect(day(element, '2027-04-16').getAttribute('part')).to.equal('day');
  });

  it('says it in English on an English page', async () => {
    const element = await calendar(
      html`<sportello-calendar
        today=${TODAY}
        min="2026-12-01"
        .availability=${march2027}
      ></sportello-calendar>`,
      'en',
    );
    await typeDate(element, '16/03/2027');
    expect(alert(element)).to.match(
      /^There are no places left on Tuesday,? 16 March 2027: choose another day\.$/,
    );
    await typeDate(element, '1/11/2026');
    expect(alert(element)).to.match(/^You can choose a day from Tuesday,? 1 December 2026 onwards\.$/);
    await typeDate(element, 'soon');
    expect(alert(element)).to.contain('This is not a date');
  });

  it('switches language at run time when lang changes', async () => {
    const element = await marchWithAvailability();
    await typeDate(element, '16/03/2027');
    element.parentElement!.lang = 'en';
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined))); // the lang observer's record
    await element.updateComplete;
    expect(heading(element)).to.equal('March 2027');
    expect(day(element, '2027-03-11').getAttribute('aria-label')).to.match(/^Thursday,? 11 March 2027/);
    expect(alert(element)).to.contain('There are no places left');
  });

  it('says its words are Italian on a German page, for screen readers', async () => {
    const element = await calendar(html`<sportello-calendar today=${TODAY}></sportello-calendar>`, 'de');
    expect(heading(element)).to.equal('novembre 2026');
    expect(element.getAttribute('lang')).to.equal('it');
    element.parentElement!.lang = 'en';
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined))); // the lang observer's record
    await element.updateComplete;
    expect(heading(element)).to.equal('November 2026');
    expect(element.hasAttribute('lang')).to.equal(false);
  });

  it('is a form control: submitted under its name, reset, required and disabled', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <fieldset>
          <sportello-calendar name="day" today=${TODAY} value="2026-11-25" required></sportello-calendar>
        </fieldset>
      </form>`,
    );
    const element = form.querySelector('sportello-calendar')!;
    expect(new FormData(form).get('day')).to.equal('2026-11-25');
    expect(form.checkValidity()).to.equal(true);

    day(element, '2026-11-27').focus();
    await press(element, 'Enter');
    expect(new FormData(form).get('day')).to.equal('2026-11-27');

    form.reset();
    await element.updateComplete;
    expect(element.value, 'reset goes back to the value attribute').to.equal('2026-11-25');
    expect(new FormData(form).get('day')).to.equal('2026-11-25');

    // What the browser calls to put back the value after a back navigation or a restart.
    element.formStateRestoreCallback('2026-12-02');
    await element.updateComplete;
    expect(new FormData(form).get('day')).to.equal('2026-12-02');
    expect(heading(element)).to.equal('dicembre 2026');

    element.value = '';
    await element.updateComplete;
    expect(new FormData(form).has('day')).to.equal(false);
    expect(element.validity.valueMissing).to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.equal('Scegli un giorno.');

    form.querySelector('fieldset')!.disabled = true;
    await element.updateComplete;
    expect(day(element, '2026-12-02').disabled).to.equal(true);
    expect(input(element).disabled).to.equal(true);
    expect(day(element, '2026-12-02').part.contains('disabled')).to.equal(true);
    expect(form.checkValidity(), 'a disabled control is not validated').to.equal(true);
  });

  it('does not let a form send a day that cannot be chosen, whoever set it, and says why', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <sportello-calendar name="day" today=${TODAY} min="2026-11-23" max="2026-12-31"></sportello-calendar>
      </form>`,
    );
    const element = form.querySelector('sportello-calendar')!;
    element.availability = {
      '2026-11-24': { state: 'full', freePlaces: 0 },
      '2026-11-25': { state: 'available', freePlaces: 6 },
    };
    const judged = async (value: string) => {
      element.value = value;
      await element.updateComplete;
      return { valid: form.checkValidity(), message: element.validationMessage };
    };

    expect(await judged('2026-11-25')).to.deep.equal({ valid: true, message: '' });
    expect(await judged('2026-11-20')).to.deep.equal({
      valid: false,
      message: 'Puoi scegliere un giorno a partire da lunedì 23 novembre 2026.',
    });
    expect(element.validity.rangeUnderflow).to.equal(true);
    expect(await judged('2027-01-04')).to.deep.equal({
      valid: false,
      message: 'Puoi scegliere un giorno fino a giovedì 31 dicembre 2026.',
    });
    expect(element.validity.rangeOverflow).to.equal(true);
    expect((await judged('2026-11-24')).message).to.equal(
      'Non ci sono più posti liberi martedì 24 novembre 2026: scegli un altro giorno.',
    );
    expect(element.validity.customError).to.equal(true);
    expect((await judged('2026-11-26')).message, 'a day missing from a month given is closed').to.equal(
      'L’ufficio è chiuso giovedì 26 novembre 2026: scegli un altro giorno.',
    );
    expect((await judged('2026-12-02')).valid, 'a month not given yet is not judged').to.equal(true);
    expect((await judged('25/11/2026')).message).to.equal(
      'Questa non è una data: scrivila come giorno/mese/anno, per esempio 23/11/2026.',
    );
    expect(element.validity.badInput).to.equal(true);

    // A day chosen while it had places, fully booked since: the host's new availability says so.
    await judged('2026-11-25');
    element.availability = { '2026-11-25': { state: 'full', freePlaces: 0 } };
    await element.updateComplete;
    expect(form.checkValidity()).to.equal(false);
  });

  it('does not let a form send the day chosen before a date typed wrong after it', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <sportello-calendar name="day" today=${TODAY} value="2026-11-25"></sportello-calendar>
      </form>`,
    );
    const element = form.querySelector('sportello-calendar')!;
    await typeDate(element, '31/02/2027');
    expect(element.value, 'the day chosen is kept').to.equal('2026-11-25');
    expect(form.checkValidity()).to.equal(false);
    expect(element.validity.badInput).to.equal(true);
    expect(element.validationMessage).to.include('Questa non è una data');

    await typeDate(element, ''); // Go with nothing typed says what to type, and judges nothing
    expect(form.checkValidity()).to.equal(true);
    await typeDate(element, '31/02/2027');
    day(element, '2026-11-27').click(); // a day picked answers what was typed wrong
    await element.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(new FormData(form).get('day')).to.equal('2026-11-27');
  });

  it('gives its validity message in English', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form lang="en">
        <sportello-calendar name="day" today=${TODAY} required></sportello-calendar>
      </form>`,
    );
    const element = form.querySelector('sportello-calendar')!;
    expect(element.checkValidity()).to.equal(false);
    expect(element.validationMessage).to.equal('Choose a day.');
  });

  it('takes today from core’s clock in Rome when today is not given', async () => {
    // 23:30 UTC on 23 November is already 24 November in Rome.
    const previous = setClock(manualClock('2026-11-23T23:30:00Z'));
    try {
      const element = await calendar(html`<sportello-calendar></sportello-calendar>`);
      expect(day(element, '2026-11-24').getAttribute('aria-current')).to.equal('date');
      expect(day(element, '2026-11-24').part.contains('today')).to.equal(true);
      expect(tabbable(element)).to.deep.equal(['2026-11-24']);

      element.today = '2026-11-05';
      await element.updateComplete;
      expect(day(element, '2026-11-05').getAttribute('aria-current')).to.equal('date');
      expect(shadow(element).querySelectorAll('[aria-current]')).to.have.length(1);
    } finally {
      setClock(previous);
    }
  });

  it('uses its label as the grid’s name', async () => {
    const element = await calendar(
      html`<sportello-calendar today=${TODAY} label="Giorno dell’appuntamento"></sportello-calendar>`,
    );
    expect(shadow(element).querySelector('table')!.getAttribute('aria-label')).to.equal(
      'Giorno dell’appuntamento',
    );
  });

  it('fits a 320 px wide screen without scrolling sideways, its days still 24 px at least', async () => {
    const { innerWidth: width, innerHeight: height } = window;
    const days = (element: Element) => [
      ...shadow(element).querySelectorAll<HTMLButtonElement>('button[part~="day"]'),
    ];
    const wide = await calendar(
      html`<sportello-calendar today=${TODAY} month="2027-03"></sportello-calendar>`,
    );
    expect(
      days(wide).map((button) => button.getBoundingClientRect().width),
      'where there is room, days keep the target size',
    ).to.deep.equal(Array(days(wide).length).fill(44));
    await setViewport({ width: 320, height: 640 });
    try {
      // WCAG 1.4.10: 320 CSS px is a 1280 px window at 400 % zoom. The page's own padding and border
      // on the calendar, and kiosk mode's 48 px targets, must fit too.
      for (const template of [
        html`<sportello-calendar today=${TODAY} month="2027-03"></sportello-calendar>`,
        html`<sportello-calendar
          today=${TODAY}
          month="2027-03"
          kiosk
          style="padding: 8px; border: 2px solid"
        ></sportello-calendar>`,
      ]) {
        const element = await calendar(template);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
        const target = element.hasAttribute('kiosk') ? 48 : 44;
        expect(days(element)).to.have.length(31);
        for (const button of days(element)) {
          const { width: w, height: h, right } = button.getBoundingClientRect();
          expect(w, button.textContent!).to.be.at.least(24);
          expect(h, `${button.textContent!}: as tall as the target size`).to.be.at.least(target);
          expect(right).to.be.at.most(element.getBoundingClientRect().right);
        }
        for (const part of ['previous', 'next']) {
          const button = shadow(element).querySelector(`[part="${part}"]`)!.getBoundingClientRect();
          expect(button.width, part).to.be.at.least(target);
          expect(button.right, part).to.be.at.most(320);
        }
      }
    } finally {
      await setViewport({ width, height });
    }
  });
});

describe('<sportello-calendar> for the next citizen', () => {
  it('reset() puts back the value the page wrote, and clears a date typed', async () => {
    const element = await calendar(
      html`<sportello-calendar today=${TODAY} min=${TODAY} value="2026-11-25"></sportello-calendar>`,
    );
    day(element, '2026-11-27').click();
    expect(element.value).to.equal('2026-11-27');
    await typeDate(element, '31/02/2027');
    element.reset();
    await element.updateComplete;
    expect(element.value).to.equal('2026-11-25');
    expect(input(element).value).to.equal('');
    expect(shadow(element).querySelector('[role="alert"]')?.textContent?.trim() ?? '').to.equal('');
  });
});

describe('<sportello-calendar> focus and headings', () => {
  it('paints the focused day’s ring above its neighbours, none of it hidden under them', async () => {
    const element = await marchWithAvailability();
    day(element, '2027-03-11').focus();
    await press(element, 'ArrowRight'); // from the keyboard: the ring shows (:focus-visible)
    const ring = day(element, '2027-03-12');
    expect(focused(element)).to.equal('2027-03-12');
    const stacking = (button: HTMLElement) => getComputedStyle(button).zIndex;
    expect(getComputedStyle(ring).position).to.not.equal('static');
    for (const neighbour of ['2027-03-11', '2027-03-13', '2027-03-05', '2027-03-19']) {
      expect(stacking(day(element, neighbour)), neighbour).to.equal('auto');
    }
    expect(Number(stacking(ring))).to.be.greaterThan(0);
  });

  it('styles the month heading the same at any level', async () => {
    const element = await calendar(
      html`<sportello-calendar today=${TODAY} month="2027-03" heading-level="4"></sportello-calendar>`,
    );
    const heading = shadow(element).querySelector('h4')!;
    expect(getComputedStyle(heading).fontSize).to.equal('20px');
    expect(getComputedStyle(heading).marginBlockStart).to.equal('0px');
  });
});

describe('<sportello-calendar> without Lit', () => {
  it('renders as soon as it is connected, styled by one constructed style sheet', async () => {
    const element = document.createElement('sportello-calendar');
    element.setAttribute('today', TODAY);
    const wrapper = await fixture(html`<div style="--sportello-target-size: 56px"></div>`);
    wrapper.append(element);
    expect(heading(element), 'no wait for a microtask').to.equal('novembre 2026');
    expect(tabbable(element)).to.deep.equal([TODAY]);
    const root = shadow(element);
    expect(root.adoptedStyleSheets).to.have.length(1);
    expect(root.querySelectorAll('style, [style]'), 'nothing a strict CSP would block').to.have.length(0);
    expect(getComputedStyle(day(element, TODAY)).minBlockSize, 'the page’s tokens').to.equal('56px');
    expect(getComputedStyle(day(element, '2026-11-24')).borderTopColor).to.equal('rgb(0, 102, 204)');
    await expect(element).to.be.accessible();
  });

  it('delegates focus to its first control', async () => {
    const element = await calendar(html`<sportello-calendar today=${TODAY}></sportello-calendar>`);
    expect(shadow(element).delegatesFocus).to.equal(true);
    element.focus();
    expect(shadow(element).activeElement!.part.contains('previous')).to.equal(true);
  });

  it('fires sportello-month-change when the page sets month or value, not on first render', async () => {
    const events: string[] = [];
    const element = document.createElement('sportello-calendar');
    element.today = TODAY;
    element.addEventListener('sportello-month-change', (event) => events.push(event.detail.month));
    (await fixture(html`<div></div>`)).append(element);
    await element.updateComplete;
    expect(events).to.deep.equal([]);
    element.month = '2027-01';
    await element.updateComplete;
    expect(heading(element)).to.equal('gennaio 2027');
    element.value = '2027-03-05';
    await element.updateComplete;
    expect(element.month, 'the value brings its month').to.equal('2027-03');
    expect(heading(element)).to.equal('marzo 2027');
    expect(events).to.deep.equal(['2027-01', '2027-03']);
  });

  it('keeps properties set before it was defined, and reflects value, name and disabled', async () => {
    // An element from a template is not upgraded until it is in the document.
    const template = document.createElement('template');
    template.innerHTML = `<sportello-calendar today="${TODAY}" month="2027-03"></sportello-calendar>`;
    const element = template.content.firstElementChild as SportelloCalendar;
    (element as unknown as { availability: Record<string, DayAvailability> }).availability = march2027;
    (await fixture(html`<div></div>`)).append(element);
    expect(element).to.be.instanceOf(customElements.get('sportello-calendar')!);
    expect(parts(element, '2027-03-17')).to.deep.equal(['closed', 'day', 'disabled']);
    expect(parts(element, '2027-03-11')).to.deep.equal(['available', 'day']);

    element.name = 'day';
    element.disabled = true;
    await element.updateComplete;
    expect(element.getAttribute('name')).to.equal('day');
    expect(element.hasAttribute('disabled')).to.equal(true);
    expect(day(element, '2027-03-11').disabled).to.equal(true);
    element.removeAttribute('disabled');
    await element.updateComplete;
    expect(element.disabled).to.equal(false);
    expect(day(element, '2027-03-11').disabled).to.equal(false);
    element.setAttribute('required', '');
    expect(element.required).to.equal(true);
  });

  it('adds core’s theme presets to the page when it uses them', async () => {
    const wrapper = await fixture(html`<div data-sportello-theme="dark"></div>`);
    const element = document.createElement('sportello-calendar');
    element.today = TODAY;
    wrapper.append(element);
    expect(getComputedStyle(day(element, '2026-11-24')).borderTopColor).to.equal('rgb(102, 178, 255)');
  });
});
