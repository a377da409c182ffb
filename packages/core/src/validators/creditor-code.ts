import {
  asText,
  problem,
  result,
  stripSeparators,
  type StrictOption,
  type ValidationResult,
} from './result.js';

export interface CreditorCodeFields {
  checkDigitMatches: boolean;
}

const FIELD = 'creditorCode';

/** The check digit of an 11-digit fiscal code of an organisation, from its first 10 digits. */
export function creditorCheckDigit(first10: string): number {
  let total = 0;
  for (let i = 0; i < 10; i++) {
    const digit = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      total += digit;
    } else {
      const doubled = digit * 2;
      total += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (total % 10)) % 10;
}

/**
 * Checks the 11-digit fiscal code of a creditor (the municipality or other body a notice is owed
 * to). A wrong check digit is a warning by default: pagoPA's own test creditor fails it.
 */
export function validateCreditorCode(
  input: unknown,
  options: StrictOption = {},
  field = FIELD,
): ValidationResult<CreditorCodeFields> {
  const value = stripSeparators(asText(input).trim());
  if (value === '') return result(value, [problem(field, 'required', 'validation.creditorCode.required')]);
  if (!/^[0-9]+$/.test(value)) {
    return result(value, [problem(field, 'digits-only', 'validation.creditorCode.digitsOnly')]);
  }
  if (value.length !== 11) {
    return result(value, [
      problem(field, 'length', 'validation.creditorCode.length', { count: value.length }),
    ]);
  }
  const checkDigitMatches = creditorCheckDigit(value) === Number(value[10]);
  const problems = checkDigitMatches
    ? []
    : [
        problem(
          field,
          'check-digit',
          'validation.creditorCode.checkDigit',
          undefined,
          options.strict ? 'error' : 'warning',
        ),
      ];
  return result(value, problems, { checkDigitMatches });
}
