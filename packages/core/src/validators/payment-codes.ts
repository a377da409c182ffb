import { validateCreditorCode } from './creditor-code.js';
import { parseNoticeNumber, type NoticeNumberFields } from './notice-number.js';
import {
  asText,
  problem,
  result,
  type StrictOption,
  type ValidationProblem,
  type ValidationResult,
} from './result.js';

/** What a pagoPA QR code or a postal Data Matrix says: enough to look the notice up. */
export interface NoticeCodeFields {
  noticeNumber: string;
  creditorCode: string;
  /** Amount in euro cents, as printed on the notice (the gateway gives the amount due now). */
  amountCents: number;
  notice: NoticeNumberFields;
}

function decodeAmount(digits: string | undefined, maxDigits: number): number | undefined {
  return digits !== undefined && digits.length >= 1 && digits.length <= maxDigits && /^[0-9]+$/.test(digits)
    ? Number(digits)
    : undefined;
}

function combine(
  value: string,
  problems: ValidationProblem[],
  noticeInput: string,
  creditorInput: string,
  amountCents: number | undefined,
  options: StrictOption,
): ValidationResult<NoticeCodeFields> {
  const notice = parseNoticeNumber(noticeInput, options);
  const creditor = validateCreditorCode(creditorInput, options);
  const all = [...problems, ...notice.problems, ...creditor.problems];
  const fields =
    notice.fields && creditor.valid && amountCents !== undefined
      ? { noticeNumber: notice.value, creditorCode: creditor.value, amountCents, notice: notice.fields }
      : undefined;
  return result(value, all, fields);
}

/**
 * Parses the payload of the QR code printed on a pagoPA notice:
 * `PAGOPA|002|<notice 18>|<creditor 11>|<amount in cents, 1 to 11 digits>`.
 * `strict` applies to both check-digit rules, as in the separate validators.
 */
export function parseNoticeQr(
  input: unknown,
  options: StrictOption = {},
): ValidationResult<NoticeCodeFields> {
  const value = asText(input).trim();
  const field = 'payload';
  if (value === '') return result(value, [problem(field, 'required', 'validation.noticeQr.required')]);
  const parts = value.split('|');
  if (parts[0] !== 'PAGOPA' || parts.length < 4 || parts.length > 5) {
    return result(value, [problem(field, 'format', 'validation.noticeQr.format')]);
  }
  if (parts[1] !== '002') {
    return result(value, [
      problem(field, 'version', 'validation.noticeQr.version', { version: parts[1] ?? '' }),
    ]);
  }
  const amountCents = decodeAmount(parts[4], 11);
  const problems =
    amountCents === undefined ? [problem('amount', 'amount', 'validation.noticeQr.amount')] : [];
  return combine(value, problems, parts[2]!, parts[3]!, amountCents, options);
}

// Fixed zero-based offsets (end exclusive) in the postal Data Matrix payload.
const DATA_MATRIX_PREFIX = 'codfase=NBPA;';
/** A postal Data Matrix always holds 256 characters: fewer is a damaged or partial reading. */
const DATA_MATRIX_LENGTH = 256;
const DM_NOTICE: [number, number] = [15, 33];
const DM_AMOUNT: [number, number] = [49, 59];
const DM_CREDITOR: [number, number] = [66, 77];

/**
 * Parses the Data Matrix printed on postal pagoPA notices (`codfase=NBPA;...`), whose notice number,
 * amount and creditor sit at fixed offsets. Its 256 characters end in padding, which is kept: a
 * reading shorter than that is incomplete (a damaged print, a partial scan) and is refused, with
 * the problem `incomplete`, even when the codes' offsets are in it, as they may be cut or garbled.
 */
export function parsePostalDataMatrix(
  input: unknown,
  options: StrictOption = {},
): ValidationResult<NoticeCodeFields> {
  const value = asText(input).trimStart();
  const field = 'payload';
  if (value.trim() === '')
    return result(value, [problem(field, 'required', 'validation.postalDataMatrix.required')]);
  if (!value.startsWith(DATA_MATRIX_PREFIX)) {
    return result(value, [problem(field, 'format', 'validation.postalDataMatrix.format')]);
  }
  if (value.length < DATA_MATRIX_LENGTH) {
    return result(value, [problem(field, 'incomplete', 'validation.postalDataMatrix.incomplete')]);
  }
  const amountCents = decodeAmount(value.slice(...DM_AMOUNT), 10);
  const problems =
    amountCents === undefined ? [problem('amount', 'amount', 'validation.postalDataMatrix.amount')] : [];
  return combine(
    value,
    problems,
    value.slice(...DM_NOTICE),
    value.slice(...DM_CREDITOR),
    amountCents,
    options,
  );
}

/**
 * The payload of a notice's pagoPA QR code, as printed on paper notices: a banking app or app IO
 * that scans it pays the notice. `parseNoticeQr` reads it back.
 */
export function formatNoticeQr(notice: {
  noticeNumber: string;
  creditorFiscalCode: string;
  amountCents: number;
}): string {
  return `PAGOPA|002|${notice.noticeNumber}|${notice.creditorFiscalCode}|${notice.amountCents}`;
}
