import { now } from '../clock.js';
import { asText, problem, result, type ValidationProblem, type ValidationResult } from './result.js';

export interface CodiceFiscaleFields {
  /** Birth date as `YYYY-MM-DD`; the century is the latest one that does not put it in the future. */
  birthDate: string;
  sex: 'M' | 'F';
  /** Cadastral code of the birthplace (`Z` + 3 digits for a foreign country), omocodia undone. */
  birthplaceCode: string;
  bornAbroad: boolean;
  /** True when some digits were replaced by letters to tell apart people with the same code. */
  omocode: boolean;
}

export interface CodiceFiscaleOptions {
  /** "Today" for choosing the birth century, in epoch ms; defaults to the installed clock. */
  today?: number;
}

const FIELD = 'codiceFiscale';
const LENGTH = 16;
const MONTH_LETTERS = 'ABCDEHLMPRST';
const OMOCODE_LETTERS = 'LMNPQRSTUV'; // index = the digit it replaces
// 0-based positions that hold digits, or their omocodia letters.
const DIGIT_POSITIONS = new Set([6, 7, 9, 10, 12, 13, 14]);
const MONTH_POSITION = 8;
const ODD_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

function isLetter(c: string): boolean {
  return c >= 'A' && c <= 'Z';
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
/** Alphabet index of a letter, or value of a digit: both tables are indexed this way. */
function ordinal(c: string): number {
  return isDigit(c) ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
}

/** The check character for the first 15 characters of a codice fiscale. */
export function codiceFiscaleCheckCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const value = ordinal(first15[i]!);
    // Positions are numbered from 1 in the rule, so index 0 is an "odd" position.
    sum += i % 2 === 0 ? ODD_VALUES[value]! : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}

function undoOmocodia(code: string): string {
  return [...code]
    .map((c, i) => (DIGIT_POSITIONS.has(i) && isLetter(c) ? String(OMOCODE_LETTERS.indexOf(c)) : c))
    .join('');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Checks an Italian personal codice fiscale: shape, month letter, day, check character, with
 * omocodia. The input is trimmed, spaces are removed and letters upper-cased first.
 */
export function validateCodiceFiscale(
  input: unknown,
  options: CodiceFiscaleOptions = {},
): ValidationResult<CodiceFiscaleFields> {
  const value = asText(input).replace(/\s+/g, '').toUpperCase();
  if (value === '') return result(value, [problem(FIELD, 'required', 'validation.codiceFiscale.required')]);
  if (value.length !== LENGTH) {
    return result(value, [
      problem(FIELD, 'length', 'validation.codiceFiscale.length', { count: [...value].length }),
    ]);
  }

  for (let i = 0; i < LENGTH; i++) {
    const c = value[i]!;
    const wantsDigit = DIGIT_POSITIONS.has(i);
    const ok = wantsDigit ? isDigit(c) || OMOCODE_LETTERS.includes(c) : isLetter(c);
    if (!ok) {
      const params = { position: i + 1, character: c };
      return result(value, [
        wantsDigit
          ? problem(FIELD, 'digit', 'validation.codiceFiscale.digit', params)
          : problem(FIELD, 'letter', 'validation.codiceFiscale.letter', params),
      ]);
    }
  }

  const plain = undoOmocodia(value);
  const problems: ValidationProblem[] = [];
  const month = MONTH_LETTERS.indexOf(plain[MONTH_POSITION]!) + 1;
  if (month === 0) {
    problems.push(
      problem(FIELD, 'month', 'validation.codiceFiscale.month', { character: plain[MONTH_POSITION]! }),
    );
  }

  const yy = Number(plain.slice(6, 8));
  const currentYear = new Date(options.today ?? now()).getUTCFullYear();
  const year = 2000 + yy <= currentYear ? 2000 + yy : 1900 + yy;
  const encodedDay = Number(plain.slice(9, 11));
  const sex = encodedDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? encodedDay - 40 : encodedDay;
  if (month !== 0 && (day < 1 || day > daysInMonth(year, month))) {
    problems.push(problem(FIELD, 'day', 'validation.codiceFiscale.day', { day: encodedDay }));
  }

  if (codiceFiscaleCheckCharacter(value) !== value[15]) {
    problems.push(problem(FIELD, 'check-character', 'validation.codiceFiscale.checkCharacter'));
  }
  if (problems.length > 0) return result(value, problems);

  const birthplaceCode = plain.slice(11, 15);
  return result(value, [], {
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    sex,
    birthplaceCode,
    bornAbroad: birthplaceCode.startsWith('Z'),
    omocode: plain !== value,
  });
}
