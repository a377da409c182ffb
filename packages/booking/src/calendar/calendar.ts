import {
  dateInRome,
  emit,
  formatDate,
  formatMonth,
  installThemePresetsWhenNeeded,
  languageOf,
  markLanguage,
  onLanguageChange,
  LOCALES,
  now,
  TIME_ZONE,
  translate,
  VERSION,
  type Language,
  type ParamsOf,
} from '@sportello/core';
import { calendarMessages, type CalendarMessageKey } from './calendar-messages.js';
import { calendarSheet } from './calendar.styles.js';

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

// Intl formatters are slow to create on a kiosk: the weekday names are made once per language.
const weekdaysByLanguage = new Map<Language, string[]>();

/** Full weekday names, Monday first. */
function weekdaysOf(language: Language): string[] {
  let names = weekdaysByLanguage.get(language);
  if (!names) {
    const format = new Intl.DateTimeFormat(LOCALES[language], { weekday: 'long', timeZone: TIME_ZONE });
    // Noon UTC of 1 January 2024, a Monday, and the six days after: the same days in Rome.
    names = [0, 1, 2, 3, 4, 5, 6].map((i) => format.format(Date.UTC(2024, 0, 1 + i, 12)));
    weekdaysByLanguage.set(language, names);
  }
  return names;
}

type DayProblem = Extract<CalendarMessageKey, `typed.${string}`>;

/** The validity flag of each reason a date cannot be chosen, as a native date input sets it. */
const VALIDITY_FLAGS: Partial<Record<DayProblem, ValidityStateFlags>> = {
  'typed.notDate': { badInput: true },
  'typed.beforeMin': { rangeUnderflow: true },
  'typed.afterMax': { rangeOverflow: true },
};

/** Sets or removes an attribute, touching the DOM only when it changes. */
function attr(element: Element, name: string, value: string | false | null): void {
  if (value === false || value === null) element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function text(node: Node, value: string): void {
  if (node.textContent !== value) node.textContent = value;
}

/** The heading level for the month title: 2 unless `heading-level` names one from 2 to 6. */
function headingLevel(attribute: string | null): number {
  const level = Number(attribute);
  return Number.isInteger(level) && level >= 2 && level <= 6 ? level : 2;
}

function create<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** A cell of the grid: a button for a day of the month shown, a plain cell for the months around. */
interface Cell {
  td: HTMLTableCellElement;
  button?: HTMLButtonElement;
  outside?: HTMLSpanElement;
}

/** What the shadow root holds, built once and then updated in place. */
interface View {
  previous: HTMLButtonElement;
  heading: HTMLHeadingElement;
  next: HTMLButtonElement;
  status: HTMLDivElement;
  grid: HTMLTableElement;
  headers: HTMLTableCellElement[];
  body: HTMLTableSectionElement;
  rows: HTMLTableRowElement[];
  cells: Cell[];
  label: HTMLLabelElement;
  input: HTMLInputElement;
  go: HTMLButtonElement;
  problem: HTMLParagraphElement;
}

interface Properties {
  value: string;
  min: string;
  max: string;
  today: string;
  month: string;
  name: string;
  required: boolean;
  disabled: boolean;
  label: string;
  availability: Record<string, DayAvailability> | undefined;
  isDateDisabled: ((date: string) => boolean) | undefined;
}

const BOOLEANS = ['required', 'disabled'];

// Node has no DOM: importing the define module there must not throw (it then defines nothing).
const HTMLElement = globalThis.HTMLElement ?? (Object as unknown as typeof globalThis.HTMLElement);

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
 * value invalid. A value that cannot be chosen is invalid too, however it was set, with the message
 * a typed date gets (`validity.rangeUnderflow`/`rangeOverflow` outside `min`/`max`, `customError`
 * on a full, closed or refused day, `badInput` when it is not a date), and so is a date typed that
 * cannot be chosen, until it is put right or a day is picked.
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
 * @csspart closed - A day the office is closed (or missing from a month `availability` covers).
 * @csspart selected - The chosen day.
 * @csspart today - Today.
 * @csspart outside - A day of the previous or next month, shown to fill a week.
 * @csspart disabled - A day that cannot be chosen.
 * @csspart input - The field for typing the date.
 * @csspart go - The button that chooses the typed date.
 *
 * @attr heading-level - The level of the month's heading, 2 to 6 (default 2): one below the heading
 * of the section the calendar is in.
 */
export class SportelloCalendar extends HTMLElement {
  static readonly version: string = VERSION;
  static readonly formAssociated = true;
  static readonly observedAttributes = [
    'value',
    'min',
    'max',
    'today',
    'month',
    'name',
    'required',
    'disabled',
    'label',
  ];

  // Plain DOM, no framework: the calendar's define module is benchmarked against Cally's size. The
  // shadow root is built once, at the first connection, and each update changes only the attributes
  // and texts that differ. Changes are batched into one update a microtask later, as Lit does, and
  // `updateComplete` says when it is done.
  #properties: Properties = {
    value: '',
    min: '',
    max: '',
    today: '',
    month: '',
    name: '',
    required: false,
    disabled: false,
    label: '',
    availability: undefined,
    isDateDisabled: undefined,
  };

  /** The properties changed since the last update. */
  #changed = new Set<keyof Properties>();
  #dirty = false;
  #pending?: Promise<boolean>;
  #view?: View;
  #language: Language = 'it';
  readonly #internals = this.attachInternals();
  readonly #root = this.attachShadow({ mode: 'open', delegatesFocus: true });

  /** The day that has the roving tabindex. */
  #focusDate = '';
  /** The month last announced in the live region (set while updating). */
  #announced = '';
  /** Why the date typed last cannot be chosen, and that date (`--` parts when it was not one). */
  #typedProblem?: [DayProblem, string];
  #covered?: { availability: Record<string, DayAvailability>; months: Set<string> };
  #formDisabled = false;
  #defaultValue?: string;
  #stopWatchingLanguage?: () => void;
  #shownBefore = '';
  #monthMoved = false;
  #moveFocus = false;

  constructor() {
    super();
    // Properties a page set before this module was loaded are own properties hiding the accessors.
    const self = this as unknown as Record<string, unknown>;
    for (const name of Object.keys(this.#properties)) {
      if (Object.hasOwn(this, name)) {
        const value = self[name];
        Reflect.deleteProperty(this, name);
        self[name] = value;
      }
    }
  }

  /**
   * The chosen day, `YYYY-MM-DD`; empty when none.
   * @attr
   * @default ''
   * @reflect
   */
  get value(): string {
    return this.#properties.value;
  }
  set value(value: string) {
    this.#set('value', value);
  }

  /**
   * The first day that can be chosen, `YYYY-MM-DD`.
   * @attr
   * @default ''
   */
  get min(): string {
    return this.#properties.min;
  }
  set min(value: string) {
    this.#set('min', value);
  }

  /**
   * The last day that can be chosen, `YYYY-MM-DD`.
   * @attr
   * @default ''
   */
  get max(): string {
    return this.#properties.max;
  }
  set max(value: string) {
    this.#set('max', value);
  }

  /**
   * Today, `YYYY-MM-DD`; by default today in Rome from core's clock.
   * @attr
   * @default ''
   */
  get today(): string {
    return this.#properties.today;
  }
  set today(value: string) {
    this.#set('today', value);
  }

  /**
   * The month shown, `YYYY-MM`; by default the month of `value`, else of today.
   * @attr
   * @default ''
   */
  get month(): string {
    return this.#properties.month;
  }
  set month(value: string) {
    this.#set('month', value);
  }

  /**
   * The name the value is submitted under.
   * @attr
   * @default ''
   * @reflect
   */
  get name(): string {
    return this.#properties.name;
  }
  set name(value: string) {
    this.#set('name', value);
  }

  /**
   * A day must be chosen for the form to be valid.
   * @attr
   * @default false
   */
  get required(): boolean {
    return this.#properties.required;
  }
  set required(value: boolean) {
    this.#set('required', value);
  }

  /**
   * Nothing can be chosen or typed; the value is not submitted.
   * @attr
   * @default false
   * @reflect
   */
  get disabled(): boolean {
    return this.#properties.disabled;
  }
  set disabled(value: boolean) {
    this.#set('disabled', value);
  }

  /**
   * Accessible name of the grid; by default "Scegli il giorno" ("Choose a day").
   * @attr
   * @default ''
   */
  get label(): string {
    return this.#properties.label;
  }
  set label(value: string) {
    this.#set('label', value);
  }

  /**
   * How full each day is, keyed by `YYYY-MM-DD`. When set, a day missing from a month it has days of
   * is closed, and full and closed days cannot be chosen; the days of a month it has none of are
   * not known yet (plain, and can be chosen). When not set, every day within `min` and `max` can be.
   */
  get availability(): Record<string, DayAvailability> | undefined {
    return this.#properties.availability;
  }
  set availability(value: Record<string, DayAvailability> | undefined) {
    this.#set('availability', value);
  }

  /** Returns true for a day that cannot be chosen (holidays, say). */
  get isDateDisabled(): ((date: string) => boolean) | undefined {
    return this.#properties.isDateDisabled;
  }
  set isDateDisabled(value: ((date: string) => boolean) | undefined) {
    this.#set('isDateDisabled', value);
  }

  /** Resolves once the calendar shows its latest properties. */
  get updateComplete(): Promise<boolean> {
    return this.#pending ?? Promise.resolve(true);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    const self = this as unknown as Record<string, unknown>;
    self[name] = BOOLEANS.includes(name) ? value !== null : (value ?? '');
  }

  connectedCallback(): void {
    // `value` reflects, so the attribute as first written is what a form reset goes back to.
    this.#defaultValue ??= this.getAttribute('value') ?? '';
    installThemePresetsWhenNeeded(this.ownerDocument, this);
    // Core's one page-wide watcher of `lang`, shared with the Lit elements.
    this.#stopWatchingLanguage = onLanguageChange(this, () => this.#readLanguage());
    // The first render is synchronous: the calendar is complete as soon as it is on the page.
    const first = !this.#view;
    if (first) this.#build();
    const language = languageOf(this);
    markLanguage(this, language);
    if (first || this.#dirty || language !== this.#language) {
      this.#language = language;
      this.#update();
    }
  }

  disconnectedCallback(): void {
    this.#stopWatchingLanguage?.();
    this.#stopWatchingLanguage = undefined;
  }

  /** The validity of the value, as for native form controls. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }

  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  formResetCallback(): void {
    this.value = this.#defaultValue ?? '';
    this.month = this.getAttribute('month') ?? '';
    this.#focusDate = '';
    this.#typedProblem = undefined;
    this.#request();
  }

  /**
   * For the next citizen (a kiosk's session end): the value and month as the page first wrote them,
   * and nothing typed in the date field. What `availability` the page gave stays, as the page's.
   */
  reset(): void {
    if (this.#view) this.#view.input.value = '';
    this.formResetCallback();
  }

  formStateRestoreCallback(state: unknown): void {
    this.value = typeof state === 'string' ? state : '';
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.#request();
  }

  #set<Name extends keyof Properties>(name: Name, value: Properties[Name]): void {
    if (Object.is(this.#properties[name], value)) return;
    this.#properties[name] = value;
    this.#changed.add(name);
    this.#request();
  }

  #request(): void {
    this.#dirty = true;
    this.#pending ??= Promise.resolve().then(() => {
      this.#pending = undefined;
      // Before the first connection there is nothing to update: connecting renders.
      if (this.#dirty && this.#view) this.#update();
      return true;
    });
  }

  /** Re-reads the language from `lang` and re-renders if it changed. */
  #readLanguage(): void {
    const language = languageOf(this);
    markLanguage(this, language);
    if (language !== this.#language) {
      this.#language = language;
      this.#request();
    }
  }

  #t<Key extends CalendarMessageKey>(key: Key, params?: ParamsOf<(typeof calendarMessages.it)[Key]>): string {
    return translate(calendarMessages, this.#language, key, params);
  }

  get #currentDay(): string {
    return isDate(this.today) ? this.today : dateInRome(now());
  }

  get #shown(): string {
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(this.month)
      ? this.month
      : (isDate(this.value) ? this.value : this.#currentDay).slice(0, 7);
  }

  /** The day that takes focus in `month`: the last one focused, else the chosen one, today, the 1st. */
  #focusIn(month: string): string {
    for (const date of [this.#focusDate, this.value, this.#currentDay])
      if (date.startsWith(month)) return date;
    return `${month}-01`;
  }

  /**
   * `date`'s state in `availability`: a day missing from a month it covers is closed. A month it
   * does not cover is not known yet (the host loads each month as it is shown, and a date may be
   * typed in another): undefined, like having no availability at all.
   */
  #stateOf(date: string): DayAvailability['state'] | undefined {
    const availability = this.availability;
    if (!availability) return undefined;
    const entry = availability[date];
    if (entry) return entry.state;
    return this.#monthsOf(availability).has(date.slice(0, 7)) ? 'closed' : undefined;
  }

  /** The months `availability` has days of, worked out once per object given, not once per day shown. */
  #monthsOf(availability: Record<string, DayAvailability>): Set<string> {
    if (this.#covered?.availability !== availability) {
      this.#covered = {
        availability,
        months: new Set(Object.keys(availability).map((day) => day.slice(0, 7))),
      };
    }
    return this.#covered.months;
  }

  /** Why `date` cannot be chosen, or nothing when it can. */
  #problemOf(date: string): DayProblem | undefined {
    if (this.min && date < this.min) return 'typed.beforeMin';
    if (this.max && date > this.max) return 'typed.afterMax';
    const state = this.#stateOf(date);
    if (state === 'full' || state === 'closed') return `typed.${state}`;
    return this.isDateDisabled?.(date) ? 'typed.unavailable' : undefined;
  }

  #update(): void {
    this.#dirty = false;
    const changed = this.#changed;
    this.#changed = new Set();
    // A value set from outside brings its month into view, unless a month is set with it.
    if (changed.has('value') && !changed.has('month') && isDate(this.value)) {
      this.#properties.month = this.value.slice(0, 7);
    }
    const shown = this.#shown;
    if (this.#shownBefore && shown !== this.#shownBefore) {
      this.#announced = shown;
      this.#monthMoved = true;
    }
    this.#shownBefore = shown;
    if (changed.has('value') && (this.getAttribute('value') ?? '') !== this.value) {
      this.setAttribute('value', this.value);
    }
    if (changed.has('name') && (this.getAttribute('name') ?? '') !== this.name) {
      this.setAttribute('name', this.name);
    }
    if (changed.has('disabled')) this.toggleAttribute('disabled', this.disabled);

    const day = this.#render(shown);
    if (this.#moveFocus) {
      this.#moveFocus = false;
      day?.focus();
    }
    if (this.#monthMoved) {
      this.#monthMoved = false;
      emit(this, 'sportello-month-change', { month: shown });
    }
    this.#internals.setFormValue(this.value || null);
    const [flags, message] = this.#validityOfValue();
    this.#internals.setValidity(flags, message, day);
  }

  /**
   * The value judged as a native date input judges its own, and on the days too: one set by the page,
   * restored by the browser or left from before (a day since fully booked, an office closed) is
   * invalid with the message a typed one gets, so a form is not sent with a day that cannot be had.
   * A date typed that cannot be chosen counts too, until it is put right or a day is picked, as half
   * a date in a native date input does: the form is not sent with the day chosen before it.
   */
  #validityOfValue(): [ValidityStateFlags, string] {
    const value = this.value;
    const typed = this.#typedProblem?.[0] === 'typed.empty' ? undefined : this.#typedProblem;
    const [problem, date] = typed ?? [
      value && (isDate(value) ? this.#problemOf(value) : 'typed.notDate'),
      value,
    ];
    if (problem) return [VALIDITY_FLAGS[problem] ?? { customError: true }, this.#problemText(problem, date)];
    return this.required && !value ? [{ valueMissing: true }, this.#t('required')] : [{}, ''];
  }

  /** Why `date` cannot be chosen, in words: before min and after max, the limit is the day named. */
  #problemText(problem: DayProblem, date: string): string {
    const named = { 'typed.beforeMin': this.min, 'typed.afterMax': this.max }[problem as string] ?? date;
    return this.#t(problem, { date: isDate(named) ? formatDate(named, this.#language, 'full') : '' });
  }

  /** Shows `date`'s month with `date` as the focused day. */
  #show(date: string, focus: boolean): void {
    if (this.min && date < this.min) date = this.min;
    if (this.max && date > this.max) date = this.max;
    this.#focusDate = date;
    this.month = date.slice(0, 7);
    this.#moveFocus = focus;
    this.#request();
  }

  #select(date: string): void {
    this.#typedProblem = undefined; // a day chosen in the grid answers what was typed wrong
    this.value = date;
    this.#show(date, false);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  #onDayKey(event: KeyboardEvent): void {
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
    this.#show(move(), true);
  }

  #onDayClick(event: Event): void {
    const date = (event.target as HTMLElement).closest('button')?.value;
    // A day that cannot be chosen stays focusable so that its name (and why) can be heard.
    if (date && !this.#problemOf(date)) this.#select(date);
  }

  #onStep(button: HTMLButtonElement, months: number): void {
    if (button.getAttribute('aria-disabled') !== 'true') {
      this.#show(addMonths(this.#focusIn(this.#shown), months), false);
    }
  }

  #onTyped(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.#view!.input.value.trim();
    // 15/03/2027, 15.3.27, 15-03-2027, or digits only as a phone's number pad types them: 15032027,
    // 150327. A two-digit year is this century's.
    const [, d = '', m = '', y = ''] =
      /^(\d\d?)[\s/.-]+(\d\d?)[\s/.-]+(\d{4}|\d\d)$/.exec(text) ??
      /^(\d\d)(\d\d)(\d{4}|\d\d)$/.exec(text) ??
      [];
    const date = `${y.length === 2 ? `20${y}` : y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    const problem = !text ? 'typed.empty' : isDate(date) ? this.#problemOf(date) : 'typed.notDate';
    this.#typedProblem = problem && [problem, date];
    this.#request();
    if (!problem) this.#select(date);
  }

  /** Builds the shadow root once; `#render` fills it in. */
  #build(): void {
    const step = (part: string, arrow: string, months: number) => {
      const button = create('button', { type: 'button', part }, arrow);
      button.addEventListener('click', () => this.#onStep(button, months));
      return button;
    };
    const headers = [0, 1, 2, 3, 4, 5, 6].map(() => create('th', { scope: 'col' }));
    const body = create('tbody');
    body.addEventListener('keydown', (event) => this.#onDayKey(event));
    body.addEventListener('click', (event) => this.#onDayClick(event));
    const view: View = {
      previous: step('previous', '‹', -1),
      // Inside a page section or a widget step that has its own heading, the month is one level
      // below it: `heading-level` says which (read once, when the calendar is first shown).
      heading: create(`h${headingLevel(this.getAttribute('heading-level'))}` as 'h2', { part: 'heading' }),
      next: step('next', '›', 1),
      status: create('div', { role: 'status', class: 'visually-hidden' }),
      grid: create(
        'table',
        { role: 'grid', part: 'grid' },
        create('thead', {}, create('tr', {}, ...headers)),
        body,
      ),
      headers,
      body,
      rows: [],
      cells: [],
      label: create('label', { for: 'typed' }),
      input: create('input', { id: 'typed', part: 'input', inputmode: 'numeric', autocomplete: 'off' }),
      go: create('button', { part: 'go' }),
      problem: create('p', { id: 'typed-problem', role: 'alert' }),
    };
    const form = create(
      'form',
      { class: 'typed', novalidate: '' },
      view.label,
      create('div', {}, view.input, view.go),
      view.problem,
    );
    form.addEventListener('submit', (event) => this.#onTyped(event));
    this.#root.adoptedStyleSheets = [calendarSheet()];
    this.#root.append(
      create('div', { class: 'head' }, view.previous, view.heading, view.next),
      view.status,
      view.grid,
      form,
    );
    this.#view = view;
  }

  /** Brings the shadow root up to date; returns the day with the roving tabindex. */
  #render(shown: string): HTMLButtonElement | undefined {
    const view = this.#view!;
    const { value, availability } = this;
    const language = this.#language;
    const focus = this.#focusIn(shown);
    const today = this.#currentDay;
    const off = this.disabled || this.#formDisabled;
    const first = dayOf(`${shown}-01`);
    const next = addMonths(`${shown}-01`, 1);
    const last = dayOf(next) - 1;
    const start = first - weekday(first);
    const weeks = Math.ceil((last + 1 - start) / 7);
    while (view.rows.length < weeks) {
      const tds = [0, 1, 2, 3, 4, 5, 6].map(() => create('td'));
      view.rows.push(create('tr', {}, ...tds));
      view.cells.push(...tds.map((td) => ({ td })));
    }
    if (view.body.rows.length !== weeks) view.body.replaceChildren(...view.rows.slice(0, weeks));

    let focused: HTMLButtonElement | undefined;
    for (let i = 0; i < weeks * 7; i++) {
      const cell = view.cells[i]!;
      const day = start + i;
      const date = dateOf(day);
      const number = String(+date.slice(8));
      if (day < first || day > last) {
        cell.outside ??= create('span', { part: 'day outside', 'aria-hidden': 'true' });
        text(cell.outside, number);
        if (cell.td.firstChild !== cell.outside) cell.td.replaceChildren(cell.outside);
        continue;
      }
      const entry = availability?.[date];
      const problem = this.#problemOf(date);
      // A month the host has not given yet (just moved to) shows plain days, not closed ones.
      const dayState = availability ? (this.#stateOf(date) ?? '') : problem ? '' : 'available';
      const status =
        dayState === 'full' || dayState === 'closed'
          ? this.#t(`day.${dayState}`)
          : entry?.freePlaces !== undefined
            ? this.#t('day.places', { count: entry.freePlaces })
            : dayState === 'few'
              ? this.#t('day.few')
              : '';
      let part = dayState ? `day ${dayState}` : 'day';
      if (date === value) part += ' selected';
      if (date === today) part += ' today';
      if (problem || off) part += ' disabled';
      const name = formatDate(date, language, 'full');
      const button = (cell.button ??= create('button', { type: 'button' }));
      attr(button, 'part', part);
      attr(button, 'value', date);
      attr(button, 'tabindex', date === focus ? '0' : '-1');
      attr(button, 'aria-label', status ? `${name}, ${status}` : name);
      attr(button, 'aria-pressed', String(date === value));
      attr(button, 'aria-current', date === today && 'date');
      attr(button, 'aria-disabled', !!problem && 'true');
      attr(button, 'disabled', off && '');
      text(button, number);
      if (cell.td.firstChild !== button) cell.td.replaceChildren(button);
      if (date === focus) focused = button;
    }

    attr(view.previous, 'aria-label', this.#t('grid.previous'));
    attr(view.previous, 'aria-disabled', String(!!this.min && this.min >= `${shown}-01`));
    attr(view.previous, 'disabled', off && '');
    attr(view.next, 'aria-label', this.#t('grid.next'));
    attr(view.next, 'aria-disabled', String(!!this.max && this.max < next));
    attr(view.next, 'disabled', off && '');
    text(view.heading, formatMonth(shown, language));
    text(view.status, this.#announced ? formatMonth(this.#announced, language) : '');
    attr(view.grid, 'aria-label', this.label || this.#t('grid.label'));
    weekdaysOf(language).forEach((name, i) => {
      // Both languages abbreviate weekdays to their first three letters: lun, Mon.
      attr(view.headers[i]!, 'abbr', name);
      text(view.headers[i]!, name.slice(0, 3));
    });

    const [problem, problemDate] = this.#typedProblem ?? [];
    text(view.label, this.#t('typed.label'));
    attr(view.input, 'aria-invalid', String(!!problem));
    attr(view.input, 'aria-describedby', !!problem && 'typed-problem');
    attr(view.input, 'disabled', off && '');
    attr(view.go, 'disabled', off && '');
    text(view.go, this.#t('typed.go'));
    text(view.problem, problem ? this.#problemText(problem, problemDate!) : '');
    return focused;
  }
}
