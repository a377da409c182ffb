import { LOCALES, type Language } from './i18n/catalogue.js';

/** Municipal services happen in Italy: every date and time is shown in Rome's time zone. */
export const TIME_ZONE = 'Europe/Rome';

// Creating Intl formatters costs tens of milliseconds on a slow kiosk: build each one once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = create();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** An amount in euro from integer cents: `formatEuro(4560, 'it')` is "45,60 €". */
export function formatEuro(cents: number, language: Language): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Amounts are integer euro cents, got ${cents}`);
  const formatter = cached(
    `eur:${language}`,
    () => new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' }),
  );
  // Exact for every amount pagoPA accepts (up to 99,999,999,999 cents): far below 2^53 / 100.
  return formatter.format(cents / 100);
}

export type DateStyle = 'full' | 'long' | 'medium' | 'short';

function dateTimeFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(
    `dt:${language}:${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: TIME_ZONE }),
  );
}

type DateInput = Date | number | string;

/** A date in Rome: `formatDate('2027-03-11', 'it', 'full')` is "giovedì 11 marzo 2027". */
export function formatDate(date: DateInput, language: Language, style: DateStyle = 'long'): string {
  return dateTimeFormat(language, { dateStyle: style }).format(toDate(date));
}

/** A time of day in Rome, hours and minutes: "09:30". */
export function formatTime(date: DateInput, language: Language): string {
  return dateTimeFormat(language, { timeStyle: 'short' }).format(toDate(date));
}

export function formatDateTime(date: DateInput, language: Language, style: DateStyle = 'long'): string {
  return dateTimeFormat(language, { dateStyle: style, timeStyle: 'short' }).format(toDate(date));
}

/** A month and its year, `formatMonth('2026-12', 'it')` is "dicembre 2026". */
export function formatMonth(month: string, language: Language): string {
  return dateTimeFormat(language, { month: 'long', year: 'numeric' }).format(toDate(`${month}-15`));
}

/** The calendar date in Rome of an instant, `YYYY-MM-DD`: "today" for a widget is `dateInRome(now())`. */
export function dateInRome(date: DateInput): string {
  const formatter = cached(
    'date-in-rome',
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  );
  const parts = Object.fromEntries(
    formatter.formatToParts(toDate(date)).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `YYYY-MM-DD` alone means that day in Rome, not midnight UTC. */
function toDate(date: DateInput): Date {
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) return new Date(`${date}T12:00:00Z`);
  return new Date(date);
}
