import { asText, problem, result, type ValidationProblem, type ValidationResult } from './result.js';

// A person's given or family name, as people write theirs: letters of any script with their
// accents, spaces, apostrophes, hyphens, and a dot after an initial ("J. R. R."). Names become the
// salutation of the Comune's emails, sent to whatever address was typed: nothing else is let
// through, so such an email can never carry a stranger's message or link ("URGENTE: paghi su
// https://...", "multe-pagopa.it"), nor characters that reorder or hide text (U+202E).

/** The longest name accepted, in characters: longer than any real given or family name. */
export const PERSON_NAME_MAX_LENGTH = 60;

export interface PersonNameOptions {
  /** The field the problems name, e.g. `givenName`; default `name`. */
  field?: string;
}

const LETTER = /[\p{L}]/u;
const DIGIT = /\p{N}/u;
// Control, format (bidirectional overrides and isolates U+202A-202E and U+2066-2069, marks U+200E
// and U+200F, zero-width spaces, soft hyphens), private-use and unassigned characters: invisible,
// or shown as nothing a reader can check. Line breaks too: a name is one line.
const INVISIBLE = /[\p{C}\u2028\u2029]/u;
// A web or email address: a scheme, "www.", an @, or a domain (two letters or more, a dot, two
// letters or more: "pagopa.it", "evil.example"). An initial is one letter: "J.R." is not a domain.
const ADDRESS = /:\/\/|(^|[^\p{L}\p{M}])www\.|@|[\p{L}\p{M}-]{2,}\.[\p{L}\p{M}]{2,}/iu;
/** Letters with their accents, spaces, apostrophes (' ’ ‘ ʼ), hyphens (- ‐ ‑) and dots. */
const NAME_CHARACTER = /[\p{L}\p{M} '’‘ʼ\-\u2010\u2011.]/u;
// A dot only right after an initial: one letter (with its accents) at the start or after a space
// or a hyphen.
const DOT_AFTER_INITIAL = /(^|[ \-\u2010\u2011])\p{L}\p{M}*\.$/u;

/** What is wrong with one name, or undefined: the first problem only, the one to fix first. */
function nameProblem(value: string, field: string): ValidationProblem | undefined {
  if (value === '') return problem(field, 'required', 'validation.personName.required');
  const length = [...value].length;
  if (length > PERSON_NAME_MAX_LENGTH) {
    return problem(field, 'length', 'validation.personName.length', {
      max: PERSON_NAME_MAX_LENGTH,
      count: length,
    });
  }
  if (INVISIBLE.test(value)) return problem(field, 'invisible', 'validation.personName.invisible');
  if (ADDRESS.test(value)) return problem(field, 'address', 'validation.personName.address');
  if (DIGIT.test(value)) return problem(field, 'digit', 'validation.personName.digit');
  const characters = [...value];
  const other = characters.find((character) => !NAME_CHARACTER.test(character));
  if (other) return problem(field, 'character', 'validation.personName.character', { character: other });
  const misplacedDot = characters.some(
    (character, index) =>
      character === '.' && !DOT_AFTER_INITIAL.test(characters.slice(0, index + 1).join('')),
  );
  if (misplacedDot) return problem(field, 'dot', 'validation.personName.dot');
  if (!LETTER.test(value)) return problem(field, 'letter', 'validation.personName.letter');
  return undefined;
}

/**
 * Checks a given or family name (see above); at most PERSON_NAME_MAX_LENGTH characters. The input
 * is put in Unicode's composed form (NFC: an accent typed apart joins its letter) and trimmed;
 * nothing else is changed, nor taken away silently: what would be is refused, with a reason.
 */
export function validatePersonName(input: unknown, options: PersonNameOptions = {}): ValidationResult<never> {
  const value = asText(input).normalize('NFC').trim();
  const found = nameProblem(value, options.field ?? 'name');
  return result(value, found ? [found] : []);
}
