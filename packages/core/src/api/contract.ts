// The contract at run time, shared by the gateway and the sandbox so they route, validate and
// report problems identically: the operations table and validators generated from openapi.yaml,
// and the problem+json shapes every error uses.
import * as generated from './contract.generated.js';
import type { components } from './schema.generated.js';

export type Problem = components['schemas']['Problem'];
export type Schemas = components['schemas'];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  /** The operationId in the contract. */
  id: string;
  method: HttpMethod;
  /** Path template, e.g. `/api/booking/appointments/{reference}`. */
  url: string;
  /** Needs a citizen token. */
  citizen: boolean;
  /** Accepts an Idempotency-Key header. */
  idempotencyKey: boolean;
  /** Names of the validators for the body, the query and the path parameters. */
  body?: string;
  query?: string;
  params?: string;
  /** The validator of the header parameters (Idempotency-Key aside), and their lower-case names. */
  headers?: string;
  headerNames?: string[];
  /** Validator name by status code; `binary` for a document (a PDF), answered as bytes. */
  responses: Record<string, string>;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

export const operations: Operation[] = Object.entries(
  generated.operations as Record<string, Omit<Operation, 'id'>>,
).map(([id, operation]) => ({ id, ...operation }));

/** One thing wrong with a request, as listed in a validation problem's `errors`. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

const CODES: Record<string, string> = {
  type: 'wrong-type',
  required: 'required',
  additionalProperties: 'unknown-field',
  enum: 'not-allowed',
  const: 'not-allowed',
  minimum: 'out-of-range',
  maximum: 'out-of-range',
  exclusiveMinimum: 'out-of-range',
  exclusiveMaximum: 'out-of-range',
  minLength: 'length',
  maxLength: 'length',
  pattern: 'format',
  minItems: 'count',
  maxItems: 'count',
  uniqueItems: 'duplicate',
};

export type RequestPart = 'body' | 'query' | 'path' | 'header';

function fieldOf(error: AjvError, part: RequestPart): string {
  const path = error.instancePath.split('/').slice(1);
  const named = error.params.missingProperty ?? error.params.additionalProperty;
  if (typeof named === 'string') path.push(named);
  const field = path.join('.');
  return part === 'body' ? field || 'body' : `${part}${field ? '.' + field : ''}`;
}

/** Validates `data` with the named validator of `set`; an empty list means valid. */
export function checkWith(
  set: Record<string, unknown>,
  validator: string,
  data: unknown,
  part: RequestPart = 'body',
): FieldProblem[] {
  const validate = (set as Record<string, Validator>)[validator];
  if (!validate) throw new Error(`No validator named ${validator} in the contract`);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error) => ({
    field: fieldOf(error, part),
    code: CODES[error.keyword] ?? error.keyword,
    message: error.message ?? error.keyword,
  }));
}

/** Validates part of a request (a body, query, path or header parameters) by its validator's name. */
export function check(validator: string, data: unknown, part: RequestPart = 'body'): FieldProblem[] {
  return checkWith(generated, validator, data, part);
}

// Control characters other than tab and line breaks: no field of the contract means them, and
// PostgreSQL refuses U+0000 in text where SQLite stores it, so they are refused here, for both.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The strings in `data` holding a control character, named as the validators name fields. */
export function controlCharacters(
  data: unknown,
  part: RequestPart = 'body',
  path: string[] = [],
): FieldProblem[] {
  if (typeof data === 'string') {
    if (!CONTROL_CHARACTER.test(data)) return [];
    const field = path.join('.');
    return [
      {
        field: part === 'body' ? field || 'body' : `${part}${field ? '.' + field : ''}`,
        code: 'control-character',
        message: 'must not contain control characters',
      },
    ];
  }
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) => controlCharacters(value, part, [...path, key]));
}

/** Finds the operation for a request and the values of its path parameters. */
export function matchOperation(
  method: string,
  pathname: string,
): { operation: Operation; params: Record<string, string> } | undefined {
  const segments = pathname.split('/');
  for (const operation of operations) {
    if (operation.method !== method.toUpperCase()) continue;
    const template = operation.url.split('/');
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = template.every((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part === segments[i];
      if (!segments[i]) return false;
      try {
        params[name] = decodeURIComponent(segments[i]!);
      } catch {
        return false; // a stray % is no value of any parameter: the path matches nothing
      }
      return true;
    });
    if (matches) return { operation, params };
  }
  return undefined;
}

/** Whether any operation serves this path, whatever the method (for 405 against 404). */
export function pathIsInContract(pathname: string): boolean {
  return operations.some((operation) => matchOperation(operation.method, pathname));
}

const TITLES = {
  'validation-failed': 'The request does not follow the API contract',
  unauthorized: 'A valid citizen token is needed',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'idempotency-key-reused': 'This Idempotency-Key was used with a different request',
  'idempotency-request-in-progress': 'A request with this Idempotency-Key is still running',
  'payload-too-large': 'The request body is too large',
  'unsupported-media-type': 'The request body must be JSON',
  'rate-limited': 'Too many requests: retry later',
  'internal-error': 'Something went wrong on the server',
  'headers-too-large': 'The request headers are too large',
  'request-timeout': 'The request took too long to arrive',
  'bad-request': 'The request is not valid HTTP',
  'payment-unknown': 'No notice with this code at this creditor',
  'payment-duplicated': 'This notice has already been paid',
  'payment-ongoing': 'A payment of this notice is already in progress',
  'payment-expired': 'This notice has expired',
  'payment-canceled': 'The creditor has revoked this notice',
  'payment-unavailable': 'pagoPA cannot take this payment now',
  'creditor-unreachable': 'The creditor’s systems cannot be reached',
  'creditor-timeout': 'The creditor’s systems did not answer in time',
  'payment-ended': 'This payment has already ended with another outcome',
  'slot-unavailable': 'This time cannot be booked: it is full, closed or past',
  'hold-expired': 'The hold on this time has expired',
  'appointment-not-found': 'No appointment with this reference and code',
  'appointment-cancelled': 'This appointment has been cancelled',
  'appointment-past': 'This appointment has started or is over: it cannot be cancelled or moved',
  'too-many-holds': 'This client already holds as many times as it may: book one or wait',
  'hold-not-found': 'Nothing is held under this id: unknown, run out or given back',
  'hold-confirmed': 'This hold became an appointment: cancel it with its manage code',
  'not-in-family': 'This person is not in your registry family',
  'certificate-not-applicable': 'The registry holds nothing this certificate could state for this person',
  'stamp-not-online': 'The stamp duty cannot be paid online here: ask at the registry office',
  'stamp-unpaid': 'This certificate waits for its stamp duty to be paid',
  'registry-unavailable': 'The registry cannot be reached now: retry later',
  'certificate-unknown': 'No certificate with this identifier',
  'download-expired': 'This download link was used already or has expired: ask for a new one',
} as const;

export type ProblemCode = keyof typeof TITLES;

/** A problem+json body with the contract's stable code and title. */
export function problem(status: number, code: ProblemCode, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:sportello:problem:${code}`, title: TITLES[code], status, code, ...extra };
}

/** The 400 problem for a request that does not follow the contract, naming the first field. */
export function validationProblem(problems: FieldProblem[]): Problem {
  return problem(400, 'validation-failed', {
    field: problems[0]?.field ?? 'body',
    detail: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    errors: problems,
  });
}
