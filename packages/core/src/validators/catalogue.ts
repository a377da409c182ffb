// Rules for notices created from the payment catalogue, shared by the gateway, the sandbox and the
// catalogue widget (which checks before sending). No dependency on the contract's validators, so
// the widget stays small.
import type { FieldProblem, Schemas } from '../api/contract.js';
import { validateCodiceFiscale } from './codice-fiscale.js';
import { stripSeparators } from './result.js';

type CatalogueItem = Schemas['CatalogueItem'];
type CatalogueNoticeInput = Schemas['CatalogueNoticeInput'];
type CatalogueFieldKind = Schemas['CatalogueField']['kind'];

/**
 * Any plate a fine can be issued to, not only Italian cars since 1994 (AB123CD): motorcycles
 * (AB12345), older Italian plates, trailers and foreign vehicles (B XY 1234, AB-123-CD, ZH 123456).
 * After normalisation: 2 to 10 letters and digits, with at least one of each.
 */
const PLATE = /^(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*[0-9])[A-Z0-9]{2,10}$/;
const VIOLATION_NUMBER = /^[0-9A-Z/-]{1,20}$/;

/**
 * A field's value as stored: upper-cased, without spaces. A plate also loses its hyphens and dots,
 * so "AB-123-CD", "ab 123 cd" and "AB.123.CD" are all stored as AB123CD; other kinds keep them (a
 * violation number may contain a hyphen).
 */
export function normaliseCatalogueField(value: string, kind: CatalogueFieldKind): string {
  const upper = value.replace(/\s+/g, '').toUpperCase();
  return kind === 'plate' ? stripSeparators(upper).replace(/\./g, '') : upper;
}

/** The item's fields as stored and sent: each normalised by its kind (fields the item lacks are dropped). */
export function normaliseCatalogueFields(
  item: CatalogueItem,
  values: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    item.fields
      .filter((field) => values[field.name] !== undefined)
      .map((field) => [field.name, normaliseCatalogueField(values[field.name]!, field.kind)]),
  );
}

/**
 * What is wrong with a request for a catalogue notice, beyond the contract's shapes: the amount
 * (fixed, or within the item's limits), each field by its kind. The same rules in every
 * implementation, and in the widget before it sends anything.
 */
export function catalogueNoticeProblems(item: CatalogueItem, input: CatalogueNoticeInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { amount } = item;
  if (amount.kind === 'entered') {
    if (input.amountCents === undefined) {
      problems.push({ field: 'amountCents', code: 'required', message: 'is required for this service' });
    } else if (
      input.amountCents < (amount.minCents ?? 1) ||
      input.amountCents > (amount.maxCents ?? Infinity)
    ) {
      problems.push({
        field: 'amountCents',
        code: 'out-of-range',
        message: 'is outside the limits of this service',
      });
    }
  } else if (input.amountCents !== undefined && input.amountCents !== amount.cents) {
    problems.push({ field: 'amountCents', code: 'not-allowed', message: 'is fixed for this service' });
  }
  for (const name of Object.keys(input.fields)) {
    if (!item.fields.some((field) => field.name === name)) {
      problems.push({
        field: `fields.${name}`,
        code: 'unknown-field',
        message: 'is not a field of this service',
      });
    }
  }
  for (const field of item.fields) {
    const value = normaliseCatalogueField(input.fields[field.name] ?? '', field.kind);
    const valid =
      field.kind === 'codiceFiscale'
        ? validateCodiceFiscale(value).valid
        : field.kind === 'plate'
          ? PLATE.test(value)
          : VIOLATION_NUMBER.test(value);
    if (!value) problems.push({ field: `fields.${field.name}`, code: 'required', message: 'is required' });
    else if (!valid)
      problems.push({
        field: `fields.${field.name}`,
        code: 'format',
        message: `is not a valid ${field.kind}`,
      });
  }
  return problems;
}

/** An amount typed in euro ("12", "12,5", "12.50") as integer cents; undefined when not an amount. */
export function parseEuroAmount(text: string): number | undefined {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s|€/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}
