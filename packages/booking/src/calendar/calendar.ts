import {
  baseStyles,
  emit,
  formatDate,
  LOCALES,
  LocalizeController,
  now,
  SportelloElement,
  TIME_ZONE,
  type Language,
} from '@sportello/core';
import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { calendarMessages, type CalendarMessageKey } from '../calendar-messages.js';
import { calendarStyles } from './calendar.styles.js';

/** How full a day is, as the booking service reports it. */
export interface DayAvailability {
  state: 'available' | 'few' | 'full' | 'closed';
  /** Places still free that day, when known: read out with the date ("3 posti liberi"). */
  freePlaces?: number;
}

// Dates are plain calendar days (`YYYY-MM-DD`) counted in whole UTC days: no local time, so the grid
// is the same in every time zone and across daylight-saving changes.
const DAY = 86_400_000;
const dayOf = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** 0 for Monday to 6 for Sunday (day 0, 1 January 1970, was a Thursday). */
const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;
/** A real date (not 2026-02-30) written `YYYY-MM-DD`. */
const isDate = (text: string) => /^\d{4}-\d\d-\d\d$/.test(text) && dateOf(dayOf(text)) === text;

/** The same day number `months` later, clamped to that month's length (31 January + 1 is 28 February). */
function addMonths(date: string, months: number): string {
  const year = +date.slice(0, 4);
  const month = +date.slice(5, 7) - 1 + months;
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dateOf(Date.UTC(year, month, Math.min(+date.slice(8, 10), length)) / DAY);
}

// Intl formatters are slow to create on a kiosk: two per language, made once per page, not per render.
interface CalendarWords {
  /** Weekday and date in Rome, in parts: the weekday names and today come from it. */
  day: Intl.DateTimeFormat;
  /** Full weekday names, Monday first. */
  weekdays: string[];
  /** Month and year: "novembre 2026". */
  title: Intl.DateTimeFormat;
}

const wordsByLanguage = new Map<Language, CalendarWords>();

function partsOf(format: Intl.DateTimeFormat, time: number): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(time)) parts[type] = value;
  return parts;
}

function wordsFor(language: Language): CalendarWords {
  let words = wordsByLanguage.get(language);
  if (!words) {
    const locale = LOCALES[language];
    const day = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    words = {
      day,
      // Noon UTC of 1 January 2024, a Monday, and the six days after: the same days in Rome.
      weekdays: [0, 1, 2, 3, 4, 5, 6].map((i) => partsOf(day, Date.UTC(2024, 0, 1 + i, 12)).weekday!),
      title: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
    wordsByLanguage.set(language, words);
  }
  return words;
}

/** Today's date in Rome, from core's clock. */
function romeToday(language: Language): string {
  const { year, month, day } = partsOf(wordsFor(language).day, now());
  return `${year}-${month}-${day}`;
}

const monthTitle = (month: string, language: Language) =>
  wordsFor(language).title.format(dayOf(`${month}-01`) * DAY);

type DayProblem = Extract<CalendarMessageKey, `typed.${string}`>;

/**
 * A month grid for choosing a day, usable on its own or inside the booking flow, with a typed-date
 * field as an alternative to the grid. A table of buttons with a roving tabindex: arrow keys move
 * by day and week, Page Up/Down by month (with Shift, by year), Home/End to Monday/Sunday; Enter or
 * Space chooses. Each day's accessible name is its full date and, with `availability`, how full it
 * is ("giovedì 11 marzo 2027, 3 posti liberi").
 *
 * Days that cannot be chosen (full, closed, outside `min`/`max`, refused by `isDateDisabled`) keep
 * their button with `aria-disabled="true"`, as in the WAI-ARIA date picker and Cally, so that screen
 * reader users can still reach them and hear why. Days of the previous and next month that fill the
 * first and last week are shown for context only: plain cells, not buttons, hidden from assistive
 * technologies, with part `day outside`.
 *
 * A form control: its value (`YYYY-MM-DD`) is submitted under `name`, and `required` makes an empty
 * value invalid.
 *
 * @tagname sportello-calendar
 * @summary Choose a day in a month grid, or type it, with each day's availability.
 *
 * @fires change - The citizen chose a day (in the grid or by typing it); read `value`.
 * @fires sportello-month-change - Another month is shown (the citizen moved, typed a date, or `value` or `month` was set): `{ month: 'YYYY-MM' }`, to load that month's availability.
 *
 * @csspart heading - The month and year above the grid.
 * @csspart previous - The "previous month" button.
 * @csspart next - The "next month" button.
 * @csspart grid - The table of days.
 * @csspart day - Every day: a button, or a plain cell for days of the months around.
 * @csspart available - A day with free places (any day that can be chosen, without `availability`).
 * @csspart few - A day with few places left.
 * @csspart full - A day with no places left.
 * @csspart closed - A day the office is closed (or missing from `availability`).
 * @csspart selected - The chosen day.
 * @csspart today - Today.
 * @csspart outside - A day of the previous or next month, shown to fill a week.
 * @csspart disabled - A day that cannot be chosen.
 * @csspart input - The field for typing the date.
 * @csspart go - The button that chooses the typed date.
 */
export class SportelloCalendar extends SportelloElement {
  static override styles = [baseStyles, calendarStyles];
  static readonly formAssociated = true;
  // Declared here rather than with decorators: the decorator helpers cost the define module about
  // 0.4 KB gzip, and the calendar's size is benchmarked against Cally's.
  static override properties: PropertyDeclarations = {
    value: { reflect: true },
    min: {},
    max: {},
    today: {},
    month: {},
    name: { reflect: true },
    required: { type: Boolean },
    disabled: { type: Boolean, reflect: true },
    label: {},
    availability: { attribute: false },
    isDateDisabled: { attribute: false },
  };

  /** The chosen day, `YYYY-MM-DD`; empty when none. */
  value = '';

  /** The first day that can be chosen, `YYYY-MM-DD`. */
  min = '';

  /** The last day that can be chosen, `YYYY-MM-DD`. */
  max = '';

  /** Today, `YYYY-MM-DD`; by default today in Rome from core's clock. */
  today = '';

  /** The month shown, `YYYY-MM`; by default the month of `value`, else of today. */
  month = '';

  /** The name the value is submitted under. */
  name = '';

  /** A day must be chosen for the form to be valid. */
  required = false;

  /** Nothing can be chosen or typed; the value is not submitted. */
  disabled = false;

  /** Accessible name of the grid; by default "Scegli il giorno" ("Choose a day"). */
  label = '';

  /**
   * How full each day is, keyed by `YYYY-MM-DD`. When set, a day missing from it is closed, and full
   * and closed days cannot be chosen. When not set, every day within `min` and `max` can be.
   */
  availability?: Record<string, DayAvailability>;

  /** Returns true for a day that cannot be chosen (holidays, say). */
  isDateDisabled?: (date: string) => boolean;

  // Internal state is kept in plain fields, each change followed by requestUpdate(): declared as
  // reactive state in `properties`, the manifest would list it among the attributes.
  /** The day that has the roving tabindex. */
  private focusDate = '';
  /** The month last announced in the live region (set while updating). */
  private announced = '';
  private typedProblem?: [DayProblem, string];
  private formDisabled = false;

  private readonly i18n = new LocalizeController(this, calendarMessages);
  private readonly internals = this.attachInternals();
  private defaultValue?: string;
  private shownBefore = '';
  private monthMoved = false;
  private moveFocus = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // `value` reflects, so the attribute as first written is what a form reset goes back to.
    this.defaultValue ??= this.getAttribute('value') ?? '';
  }

  /** The validity of the value, as for native form controls. */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  formResetCallback(): void {
    this.value = this.defaultValue ?? '';
    this.month = this.getAttribute('month') ?? '';
    this.focusDate = '';
    this.typedProblem = undefined;
    this.requestUpdate();
  }

  formStateRestoreCallback(state: unknown): void {
    this.value = typeof state === 'string' ? state : '';
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
    this.requestUpdate();
  }

  private get currentDay(): string {
    return isDate(this.today) ? this.today : romeToday(this.i18n.language);
  }

  private get shown(): string {
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(this.month)
      ? this.month
      : (isDate(this.value) ? this.value : this.currentDay).slice(0, 7);
  }

  /** The day that takes focus in `month`: the last one focused, else the chosen one, today, the 1st. */
  private focusIn(month: string): string {
    for (const date of [this.focusDate, this.value, this.currentDay]) if (date.startsWith(month)) return date;
    return `${month}-01`;
  }

  /** Why `date` cannot be chosen, or nothing when it can. */
  private problemOf(date: string): DayProblem | undefined {
    if (this.min && date < this.min) return 'typed.beforeMin';
    if (this.max && date > this.max) return 'typed.afterMax';
    const state = this.availability && (this.availability[date]?.state ?? 'closed');
    if (state === 'full' || state === 'closed') return `typed.${state}`;
    return this.isDateDisabled?.(date) ? 'typed.unavailable' : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A value set from outside brings its month into view, unless a month is set with it.
    if (changed.has('value') && !changed.has('month') && isDate(this.value)) {
      this.month = this.value.slice(0, 7);
    }
    const shown = this.shown;
    if (this.shownBefore && shown !== this.shownBefore) {
      this.announced = shown;
      this.monthMoved = true;
    }
    this.shownBefore = shown;
  }

  protected override updated(): void {
    const day = this.renderRoot.querySelector<HTMLElement>('tbody [tabindex="0"]') ?? undefined;
    if (this.moveFocus) {
      this.moveFocus = false;
      day?.focus();
    }
    if (this.monthMoved) {
      this.monthMoved = false;
      emit(this, 'sportello-month-change', { month: this.shown });
    }
    this.internals.setFormValue(this.value || null);
    this.internals.setValidity(
      this.required && !this.value ? { valueMissing: true } : {},
      this.i18n.t('required'),
      day,
    );
  }

  /** Shows `date`'s month with `date` as the focused day. */
  private show(date: string, focus: boolean): void {
    if (this.min && date < this.min) date = this.min;
    if (this.max && date > this.max) date = this.max;
    this.focusDate = date;
    this.month = date.slice(0, 7);
    this.moveFocus = focus;
    this.requestUpdate();
  }

  private select(date: string): void {
    this.value = date;
    this.show(date, false);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private onDayKey(event: KeyboardEvent): void {
    const from = (event.target as HTMLButtonElement).value;
    if (!from) return;
    const day = dayOf(from);
    const years = event.shiftKey ? 12 : 1;
    const moves: Record<string, () => string> = {
      ArrowLeft: () => dateOf(day - 1),
      ArrowRight: () => dateOf(day + 1),
      ArrowUp: () => dateOf(day - 7),
      ArrowDown: () => dateOf(day + 7),
      Home: () => dateOf(day - weekday(day)),
      End: () => dateOf(day + 6 - weekday(day)),
      PageUp: () => addMonths(from, -years),
      PageDown: () => addMonths(from, years),
    };
    const move = moves[event.key];
    if (!move) return; // Enter and Space click the button
    event.preventDefault();
    this.show(move(), true);
  }

  private onDayClick(event: Event): void {
    const date = (event.target as HTMLElement).closest('button')?.value;
    // A day that cannot be chosen stays focusable so that its name (and why) can be heard.
    if (date && !this.problemOf(date)) this.select(date);
  }

  private onStep(event: Event): void {
    const button = event.currentTarget as HTMLButtonElement;
    if (button.getAttribute('aria-disabled') !== 'true') {
      this.show(addMonths(this.focusIn(this.shown), button.part.contains('next') ? 1 : -1), false);
    }
  }

  private onTyped(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.renderRoot.querySelector('input')!.value.trim();
    const [, d = '', m = '', y] = /^(\d\d?)[\s/.-]+(\d\d?)[\s/.-]+(\d{4})$/.exec(text) ?? [];
    const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    const problem = !text ? 'typed.empty' : isDate(date) ? this.problemOf(date) : 'typed.notDate';
    // Before min and after max, the message names the limit: the first or last day that can be chosen.
    const named = { 'typed.beforeMin': this.min, 'typed.afterMax': this.max }[problem as string] ?? date;
    this.typedProblem = problem && [problem, isDate(named) ? named : ''];
    this.requestUpdate();
    if (!problem) this.select(date);
  }

  protected override render() {
    const { i18n, value } = this;
    const language = i18n.language;
    const shown = this.shown;
    const focus = this.focusIn(shown);
    const today = this.currentDay;
    const off = this.disabled || this.formDisabled;
    const first = dayOf(`${shown}-01`);
    const next = addMonths(`${shown}-01`, 1);
    const last = dayOf(next) - 1;
    const weeks: TemplateResult[] = [];
    for (let week = first - weekday(first); week <= last; week += 7) {
      const days: TemplateResult[] = [];
      for (let day = week; day < week + 7; day++) {
        const date = dateOf(day);
        if (day < first || day > last) {
          days.push(html`<td><span part="day outside" aria-hidden="true">${+date.slice(8)}</span></td>`);
          continue;
        }
        const entry = this.availability?.[date];
        const problem = this.problemOf(date);
        const dayState = this.availability ? (entry?.state ?? 'closed') : problem ? '' : 'available';
        const status =
          dayState === 'full' || dayState === 'closed'
            ? i18n.t(`day.${dayState}`)
            : entry?.freePlaces !== undefined
              ? i18n.t('day.places', { count: entry.freePlaces })
              : dayState === 'few'
                ? i18n.t('day.few')
                : '';
        let part = dayState ? `day ${dayState}` : 'day';
        if (date === value) part += ' selected';
        if (date === today) part += ' today';
        if (problem || off) part += ' disabled';
        days.push(
          html`<td>
            <button
              type="button"
              part=${part}
              value=${date}
              tabindex=${date === focus ? 0 : -1}
              aria-label=${status ? `${formatDate(date, language, 'full')}, ${status}` : formatDate(date, language, 'full')}
              aria-pressed=${date === value}
              aria-current=${date === today ? 'date' : nothing}
              aria-disabled=${problem ? 'true' : nothing}
              ?disabled=${off}
            >
              ${+date.slice(8)}
            </button>
          </td>`,
        );
      }
      weeks.push(
        html`<tr>
          ${days}
        </tr>`,
      );
    }
    const [problem, problemDate] = this.typedProblem ?? [];
    return html`<div class="head">
        <button
          type="button"
          part="previous"
          aria-label=${i18n.t('grid.previous')}
          aria-disabled=${this.min && this.min >= `${shown}-01` ? 'true' : 'false'}
          ?disabled=${off}
          @click=${this.onStep}
        >
          ‹
        </button>
        <h2 part="heading">${monthTitle(shown, language)}</h2>
        <button
          type="button"
          part="next"
          aria-label=${i18n.t('grid.next')}
          aria-disabled=${this.max && this.max < next ? 'true' : 'false'}
          ?disabled=${off}
          @click=${this.onStep}
        >
          ›
        </button>
      </div>
      <div role="status" class="visually-hidden">
        ${this.announced ? monthTitle(this.announced, language) : ''}
      </div>
      <table role="grid" part="grid" aria-label=${this.label || i18n.t('grid.label')}>
        <thead>
          <tr>
            ${wordsFor(language).weekdays.map(
              // Both languages abbreviate weekdays to their first three letters: lun, Mon.
              (name) => html`<th scope="col" abbr=${name}>${name.slice(0, 3)}</th>`,
            )}
          </tr>
        </thead>
        <tbody @keydown=${this.onDayKey} @click=${this.onDayClick}>
          ${weeks}
        </tbody>
      </table>
      <form class="typed" novalidate @submit=${this.onTyped}>
        <label for="typed">${i18n.t('typed.label')}</label>
        <div>
          <input
            id="typed"
            part="input"
            inputmode="numeric"
            autocomplete="off"
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? 'typed-problem' : nothing}
            ?disabled=${off}
          />
          <button part="go" ?disabled=${off}>${i18n.t('typed.go')}</button>
        </div>
        <p id="typed-problem" role="alert">
          ${
            problem
              ? i18n.t(problem, { date: problemDate ? formatDate(problemDate, language, 'full') : '' })
              : ''
          }
        </p>
      </form>`;
  }
}
