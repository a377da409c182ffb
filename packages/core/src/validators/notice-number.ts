import {
  asText,
  problem,
  result,
  stripSeparators,
  type StrictOption,
  type ValidationProblem,
  type ValidationResult,
} from './result.js';

export type AuxDigit = 0 | 1 | 2 | 3;

export interface NoticeNumberFields {
  auxDigit: AuxDigit;
  /** Aux digit 0 only: the creditor's application code. */
  applicationCode?: string;
  /** Aux digit 3 only: the segregation code (99 CIE, 98 ANPR certificates, ...). */
  segregationCode?: string;
  /** The IUV, the payment's unique identifier at the creditor: the digits after the aux digit (after the application code for aux 0). */
  iuv: string;
  /** The two check digits, when the layout has them (aux 0, 2, 3). */
  checkDigits?: string;
  /** Whether the check digits match; undefined when the layout has none. */
  checkDigitsMatch?: boolean;
}

const FIELD = 'noticeNumber';
const LENGTH = 18;

/** The first 16 digits read as one integer, mod 93, as two digits (done digit by digit: no BigInt needed). */
export function noticeCheckDigits(first16: string): string {
  let remainder = 0;
  for (const c of first16) remainder = (remainder * 10 + (c.charCodeAt(0) - 48)) % 93;
  return String(remainder).padStart(2, '0');
}

/**
 * Parses an 18-digit pagoPA notice number ("codice avviso"), as printed (groups of four separated by
 * spaces) or typed with hyphens. Structure errors make it invalid; a check-digit mismatch is a
 * warning unless `strict`, since pagoPA does not enforce it and real notices fail it.
 */
export function parseNoticeNumber(
  input: unknown,
  options: StrictOption = {},
  field = FIELD,
): ValidationResult<NoticeNumberFields> {
  const value = stripSeparators(asText(input).trim());
  if (value === '') return result(value, [problem(field, 'required', 'validation.noticeNumber.required')]);
  if (!/^[0-9]+$/.test(value)) {
    return result(value, [problem(field, 'digits-only', 'validation.noticeNumber.digitsOnly')]);
  }
  if (value.length !== LENGTH) {
    return result(value, [
      problem(field, 'length', 'validation.noticeNumber.length', { count: value.length }),
    ]);
  }
  const auxDigit = Number(value[0]);
  if (auxDigit > 3) {
    return result(value, [
      problem(field, 'aux-digit', 'validation.noticeNumber.auxDigit', { digit: auxDigit }),
    ]);
  }

  const fields: NoticeNumberFields = { auxDigit: auxDigit as AuxDigit, iuv: value.slice(1) };
  if (auxDigit === 0) {
    fields.applicationCode = value.slice(1, 3);
    fields.iuv = value.slice(3);
  }
  if (auxDigit === 3) fields.segregationCode = value.slice(1, 3);

  const problems: ValidationProblem[] = [];
  if (auxDigit !== 1) {
    fields.checkDigits = value.slice(16);
    fields.checkDigitsMatch = noticeCheckDigits(value.slice(0, 16)) === fields.checkDigits;
    if (!fields.checkDigitsMatch) {
      problems.push(
        problem(
          field,
          'check-digits',
          'validation.noticeNumber.checkDigits',
          undefined,
          options.strict ? 'error' : 'warning',
        ),
      );
    }
  }
  return result(value, problems, fields);
}
