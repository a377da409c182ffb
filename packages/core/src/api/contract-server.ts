// The HTTP semantics of the contract, written once for every implementation (the gateway over a
// database, the sandbox in memory): routing, request and response validation, citizen tokens,
// Idempotency-Key, and problem+json for every failure. An implementation supplies the handlers,
// how tokens are checked and how idempotent writes are recorded.
import {
  check,
  controlCharacters,
  type FieldProblem,
  matchOperation,
  pathIsInContract,
  problem,
  validationProblem,
  type Operation,
  type Problem,
} from './contract.js';

/** The answer for what is not there: an unknown path, payment, catalogue item or appointment. */
export const notFound = (): ContractResponse => ({ status: 404, body: problem(404, 'not-found') });

/** What an implementation keeps for an Idempotency-Key. */
export interface IdempotencyRecord {
  /** The operation the key was sent to (how long to keep its keys may depend on it). */
  operationId: string;
  /** The operation and the citizen: one citizen's key never replays another's answer. */
  scope: string;
  key: string;
  fingerprint: string;
}

export interface ContractRequest {
  method: string;
  pathname: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The parsed JSON body, or undefined when there is none. */
  body: unknown;
}

export interface ContractResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What `handleContractRequest` answers: the response, and which operation it was (for logs). */
export interface ContractAnswer extends ContractResponse {
  operationId?: string;
}

export interface HandlerInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The signed-in citizen's fiscal code, for operations that need a citizen. */
  citizen?: string;
  /** The request's Idempotency-Key, for operations that accept one. */
  idempotencyKey?: string;
  /** The operation's own header parameters, by lower-case name (a manage code, say). */
  headers: Record<string, string>;
}

export type Handler = (input: HandlerInput) => Promise<ContractResponse>;

export interface ContractImplementation {
  /** One handler per operationId in the contract. */
  handlers: Record<string, Handler>;
  /** The citizen's fiscal code for a bearer token, or the problem (401) to answer. */
  authenticate(token: string | undefined): Promise<{ citizen: string } | { problem: Problem }>;
  /**
   * Runs `write` at most once per (scope, key): a repeat with the same fingerprint gets the
   * recorded response; with another fingerprint, a 422. Implementations make the record and the
   * write one transaction, so a crash leaves neither. A `notYet` answer is not recorded: a retry
   * with the same key runs anew.
   */
  idempotent(record: IdempotencyRecord, write: () => Promise<ContractResponse>): Promise<ContractResponse>;
  /**
   * Checks an answer against the contract before it is sent (`checkSchema` from
   * `@sportello/core/contract`), so a handler's bug never reaches a client: a 500 instead. The
   * gateway always does; the in-browser sandbox leaves it out to stay small, and the contract tests
   * run the sandbox with it.
   */
  checkResponse?(validator: string, body: unknown): FieldProblem[];
  /** Called when a handler's own answer breaks the contract (a bug): for the log. */
  onContractViolation?(operation: Operation, status: number, problems: string): void;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Identifies a request's meaning: the same operation, parameters and body give the same fingerprint. */
export function fingerprint(parts: unknown): Promise<string> {
  return sha256Hex(stable(parts));
}

/** SHA-256 of a text, in hex (Web Crypto: the same in Node and in browsers). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function bearer(headers: ContractRequest['headers']): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

/** Each query parameter of an operation that takes none, named as the validators name unknown ones. */
function unknownQuery(query: ContractRequest['query']): FieldProblem[] {
  return Object.keys(query).map((name) => ({
    field: `query.${name}`,
    code: 'unknown-field',
    message: 'must NOT have additional properties',
  }));
}

/** Answers one request by the contract. */
export async function handleContractRequest(
  request: ContractRequest,
  implementation: ContractImplementation,
): Promise<ContractAnswer> {
  const match = matchOperation(request.method, request.pathname);
  if (!match) {
    return pathIsInContract(request.pathname)
      ? { status: 405, body: problem(405, 'method-not-allowed') }
      : notFound();
  }
  const { operation, params } = match;
  const answer = (response: ContractResponse): ContractAnswer => ({ ...response, operationId: operation.id });

  const headers: Record<string, string> = {};
  for (const name of operation.headerNames ?? []) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const problems = [
    ...(operation.params ? check(operation.params, params, 'path') : []),
    ...(operation.headers ? check(operation.headers, headers, 'header') : []),
    // An operation without query parameters refuses any, as one with them refuses unknown ones (its
    // schema's additionalProperties): a parameter the client thinks does something, and that is
    // silently ignored (`/api/me?fiscalCode=...`), hides a bug on its side or a probe on ours.
    ...(operation.query ? check(operation.query, request.query, 'query') : unknownQuery(request.query)),
    ...(operation.body ? check(operation.body, request.body, 'body') : []),
  ];
  if (problems.length === 0) {
    problems.push(
      ...controlCharacters(params, 'path'),
      ...controlCharacters(request.query, 'query'),
      // Only a body the operation takes, and its schema has bounded: any other is refused below
      // unread (walking one nested thousands deep would overflow the stack).
      ...(operation.body ? controlCharacters(request.body, 'body') : []),
    );
  }
  if (!operation.body && request.body !== undefined) {
    problems.push({ field: 'body', code: 'unexpected-body', message: 'must be empty' });
  }
  const idempotencyKey = operation.idempotencyKey ? request.headers['idempotency-key'] : undefined;
  if (idempotencyKey !== undefined) {
    problems.push(
      ...check('IdempotencyKey', idempotencyKey, 'body').map((p) => ({
        ...p,
        field: 'header.Idempotency-Key',
      })),
    );
  }
  if (problems.length > 0) return answer({ status: 400, body: validationProblem(problems) });

  const input: HandlerInput = { params, query: request.query, body: request.body, headers };
  if (operation.citizen) {
    const identity = await implementation.authenticate(bearer(request.headers));
    if ('problem' in identity) {
      return answer({ status: 401, body: identity.problem, headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    input.citizen = identity.citizen;
  }

  const handler = implementation.handlers[operation.id];
  if (!handler) throw new Error(`No handler for ${operation.id}`);
  let response: ContractResponse;
  if (idempotencyKey !== undefined) {
    input.idempotencyKey = idempotencyKey;
    response = await implementation.idempotent(
      {
        operationId: operation.id,
        // Keys are per operation and per citizen: one citizen's key never replays another's answer.
        scope: `${operation.id}:${input.citizen ?? ''}`,
        key: idempotencyKey,
        fingerprint: await fingerprint({ params, query: request.query, body: request.body, headers }),
      },
      () => handler(input),
    );
  } else {
    response = await handler(input);
  }

  const validator = operation.responses[String(response.status)];
  let broken: FieldProblem[];
  if (!validator) {
    broken = [
      { field: 'status', code: 'undocumented-status', message: `${response.status} is not in the contract` },
    ];
  } else if (validator === 'binary') {
    broken =
      response.body instanceof Uint8Array
        ? []
        : [{ field: 'body', code: 'wrong-type', message: 'must be bytes' }];
  } else {
    broken = implementation.checkResponse?.(validator, response.body) ?? [];
  }
  if (broken.length > 0) {
    implementation.onContractViolation?.(
      operation,
      response.status,
      broken.map((p) => `${p.field} ${p.message}`).join('; '),
    );
    return answer({ status: 500, body: problem(500, 'internal-error') });
  }
  return answer(response);
}

/**
 * Whether an answer says "not now" rather than "done" or "never": busy (it carries Retry-After: a
 * payment in progress, too many wrong codes), or the server or a system behind it failed (5xx).
 * Such an answer is not kept for its Idempotency-Key. A client that lost it keeps its key and
 * retries later, and must then get the request run again, not the old "retry later" replayed
 * forever (and without its Retry-After, which a replay does not keep).
 */
export function notYet(response: ContractResponse): boolean {
  return response.status >= 500 || response.headers?.['Retry-After'] !== undefined;
}

/** The answer to a repeated Idempotency-Key whose request differs from the first one. */
export const idempotencyKeyReused = (): ContractResponse => ({
  status: 422,
  body: problem(422, 'idempotency-key-reused'),
});
/** The answer while the first request with the same key is still running. */
export const idempotencyInProgress = (): ContractResponse => ({
  status: 409,
  body: problem(409, 'idempotency-request-in-progress', { retryAfterSeconds: 1 }),
  headers: { 'Retry-After': '1' },
});
