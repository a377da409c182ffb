/**
 * What every validator returns: never a bare boolean, so a widget can show a specific message in the
 * citizen's language and an integrator can branch on a stable code.
 */
export type Severity = 'error' | 'warning';

export interface ValidationProblem {
  /** Stable machine code, e.g. `length` or `check-digits`; safe to branch on. */
  code: string;
  /** Which part of the input is wrong, e.g. `noticeNumber` or `creditorCode`. */
  field: string;
  /** An `error` makes the input invalid; a `warning` can be shown and gone past. */
  severity: Severity;
  /** Key of the message in `validationMessages`. */
  messageKey: ValidationMessageKey;
  /** Values for the message's placeholders. */
  params?: Record<string, string | number>;
}

export interface ValidationResult<Fields> {
  /** True when there is no problem of severity `error` (warnings allowed). */
  valid: boolean;
  /** The input normalised (trimmed, spaces removed, upper-cased as the validator says). */
  value: string;
  /** What the input says, decoded; present only when the structure is sound. */
  fields?: Fields;
  problems: ValidationProblem[];
}

export interface StrictOption {
  /** Treat check-digit mismatches as errors instead of warnings. */
  strict?: boolean;
}

/** Every message key a validator can return; the core catalogue is type-checked against it. */
export type ValidationMessageKey =
  | 'validation.codiceFiscale.required'
  | 'validation.codiceFiscale.length'
  | 'validation.codiceFiscale.letter'
  | 'validation.codiceFiscale.digit'
  | 'validation.codiceFiscale.month'
  | 'validation.codiceFiscale.day'
  | 'validation.codiceFiscale.checkCharacter'
  | 'validation.creditorCode.required'
  | 'validation.creditorCode.digitsOnly'
  | 'validation.creditorCode.length'
  | 'validation.creditorCode.checkDigit'
  | 'validation.noticeNumber.required'
  | 'validation.noticeNumber.digitsOnly'
  | 'validation.noticeNumber.length'
  | 'validation.noticeNumber.auxDigit'
  | 'validation.noticeNumber.checkDigits'
  | 'validation.noticeQr.required'
  | 'validation.noticeQr.format'
  | 'validation.noticeQr.version'
  | 'validation.noticeQr.amount'
  | 'validation.postalDataMatrix.required'
  | 'validation.postalDataMatrix.format'
  | 'validation.postalDataMatrix.incomplete'
  | 'validation.postalDataMatrix.amount'
  | 'validation.personName.required'
  | 'validation.personName.length'
  | 'validation.personName.invisible'
  | 'validation.personName.address'
  | 'validation.personName.digit'
  | 'validation.personName.character'
  | 'validation.personName.dot'
  | 'validation.personName.letter';

export function problem(
  field: string,
  code: string,
  messageKey: ValidationMessageKey,
  params?: Record<string, string | number>,
  severity: Severity = 'error',
): ValidationProblem {
  return params ? { code, field, severity, messageKey, params } : { code, field, severity, messageKey };
}

export function result<Fields>(
  value: string,
  problems: ValidationProblem[],
  fields?: Fields,
): ValidationResult<Fields> {
  const valid = problems.every((p) => p.severity !== 'error');
  return fields && valid ? { valid, value, fields, problems } : { valid, value, problems };
}

/** Accepts anything a form or a scanner may hand over (null included) and gives a string back. */
export function asText(input: unknown): string {
  return typeof input === 'string' ? input : typeof input === 'number' ? String(input) : '';
}

/** Removes the separators people type or see printed: spaces (any kind) and hyphens. */
export function stripSeparators(text: string): string {
  return text.replace(/[\s\u00a0\u2007\u202f\-\u2010-\u2015]/g, '');
}
