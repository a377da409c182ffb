// A small typed client for the contract: paths, query, path parameters, bodies and results are
// typed from openapi.yaml; failures are typed errors, never a bare rejected fetch.
import { now } from '../clock.js';
import { toLanguage, type Language } from '../i18n/catalogue.js';
import type { Problem } from './contract.js';
import type { paths } from './schema.generated.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type OperationOf<P extends keyof paths, M extends Method> = paths[P][M] extends infer Op
  ? Op extends { responses: unknown }
    ? Op
    : never
  : never;

/** The paths that have an operation for method M. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];

type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Success<Op> = Op extends { responses: infer R }
  ? { [S in keyof R]: S extends 200 | 201 | 202 ? JsonOf<R[S]> : never }[keyof R]
  : never;
type BodyOf<Op> = Op extends { requestBody: { content: { 'application/json': infer Body } } } ? Body : never;
type QueryOf<Op> = Op extends { parameters: { query: infer Q } } ? Q : never;
type ParamsOf<Op> = Op extends { parameters: { path: infer Q } } ? Q : never;
/** The operation's header parameters besides Idempotency-Key (which has its own option). */
type HeadersOf<Op> = Op extends { parameters: { header?: infer H } }
  ? [NonNullable<H>] extends [never]
    ? never
    : keyof Omit<NonNullable<H>, 'Idempotency-Key'> extends never
      ? never
      : Omit<NonNullable<H>, 'Idempotency-Key'>
  : never;

/** What a call takes besides the path: only the parts the operation has are allowed. */
export type CallOptions<Op> = ([QueryOf<Op>] extends [never] ? { query?: never } : { query: QueryOf<Op> }) &
  ([ParamsOf<Op>] extends [never] ? { params?: never } : { params: ParamsOf<Op> }) &
  ([BodyOf<Op>] extends [never] ? { body?: never } : { body: BodyOf<Op> }) &
  ([HeadersOf<Op>] extends [never] ? { headers?: never } : { headers: HeadersOf<Op> }) & {
    /** For writes: one key per intended write, the same on every retry of it. */
    idempotencyKey?: string;
    signal?: AbortSignal;
  };

/** The gateway answered with a problem (4xx or 5xx): branch on `code`. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.title}`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
  /**
   * "Not now" rather than "never": busy (the problem says when to try again: a same-key request still
   * running, too many requests) or failed on the gateway's side (5xx). Unlike a refusal, the request
   * may have been run or may be run yet: send it again later, with its Idempotency-Key.
   */
  get notYet(): boolean {
    return this.status >= 500 || this.problem.retryAfterSeconds !== undefined;
  }
}

/** No answer from the gateway: the device is offline, the request timed out, or the network failed. */
export class NetworkError extends Error {
  constructor(
    readonly reason: 'offline' | 'timeout' | 'network',
    options?: { cause?: unknown },
  ) {
    super(`No answer from the gateway (${reason})`, options);
    this.name = 'NetworkError';
  }
}

/**
 * Whether the gateway said no for good to a write that failed with `error`: nothing was done, and
 * asking again with the same Idempotency-Key is pointless (a new attempt takes a new key). Anything
 * else (no answer, a "not now" such as a proxy's 502) may have been run, or may be yet: send it
 * again with the same key, which gets the first answer back instead of doing it twice.
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && !error.notYet;
}

export interface ApiClientOptions {
  /** The gateway's base URL ('' for the page's origin). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** How long to wait for an answer before giving up with NetworkError('timeout'). Default 15 s. */
  timeoutMs?: number;
  /** The citizen's bearer token, when there is one (see `CitizenTokenSource`). */
  token?: CitizenTokenSource;
  /** The language for Accept-Language (the gateway's messages and documents). */
  language?: () => Language;
  /** Shared by the clients of one gateway, so what one learns of its clock all know (see `now`). */
  gatewayClock?: GatewayClock;
}

/** The gateway's clock minus the device's, in milliseconds, as the `Date` of its answers tells it. */
export interface GatewayClock {
  offset: number;
}

function fill(template: string, params: Record<string, string | number> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params?.[name] ?? '')),
  );
}

function queryString(query: Record<string, unknown> | undefined): string {
  const entries = Object.entries(query ?? {}).filter(([, value]) => value !== undefined && value !== null);
  return entries.length ? '?' + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString() : '';
}

async function problemFrom(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    code: response.status >= 500 ? 'internal-error' : 'http-error',
  };
  try {
    const body = (await response.json()) as Partial<Problem>;
    return typeof body?.code === 'string' ? { ...fallback, ...body } : fallback;
  } catch {
    return fallback;
  }
}

/**
 * How a host page hands an element the signed-in citizen's token: a function, set as the element's
 * `getToken` property (never an attribute: a token must not sit in the page's markup). The element
 * calls it whenever a request needs the citizen, so the page always gives its freshest token; when
 * the gateway refuses the token given (401: it ran out), the element calls it once more with
 * `renew: true`, so the page can refresh it (silently, or by signing in again) before the element
 * gives up and fires `sportello-auth-required`. Undefined: nobody is signed in.
 */
export type CitizenTokenSource = (request: {
  renew: boolean;
}) => string | undefined | Promise<string | undefined>;

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * How far apart the device's clock and the gateway's may be before the widgets go by the gateway's:
 * an answer's `Date` has whole seconds and comes some seconds late on a slow network, and a few
 * seconds matter nowhere (a hold lasts minutes).
 */
const CLOCK_TOLERANCE_MS = 30_000;

export function createApiClient(options: ApiClientOptions) {
  const send =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const gatewayClock = options.gatewayClock ?? { offset: 0 };

  /**
   * Reads the gateway's time off its answer: 0 until one says, or while the two clocks agree. A
   * reading within the tolerance of the one in use changes nothing, so that the countdown of a hold
   * does not jump back and forth on a device about half a minute off.
   */
  function learnClock(response: Response): void {
    const date = Date.parse(response.headers.get('Date') ?? '');
    // Not told (a gateway on another origin that does not expose it), or told by a cache (`Age`):
    // a stored answer's Date is as old as the copy.
    if (Number.isNaN(date) || response.headers.has('Age')) return;
    const offset = date - now();
    if (Math.abs(offset - gatewayClock.offset) < CLOCK_TOLERANCE_MS) return;
    gatewayClock.offset = Math.abs(offset) < CLOCK_TOLERANCE_MS ? 0 : offset;
  }

  /**
   * Sends a request with the citizen's token, when the page has one; when the gateway refuses that
   * token (401), asks the page for a renewed one and, if it gives a different one, sends it once more.
   */
  async function call(method: Method, path: string, init: Record<string, unknown> = {}): Promise<unknown> {
    // No await without a token source: the request then leaves at once, as before tokens were asked for.
    const token = options.token ? await options.token({ renew: false }) : undefined;
    try {
      return await callWith(token, method, path, init);
    } catch (error) {
      if (!token || !(error instanceof ApiError) || error.status !== 401) throw error;
      const renewed = await options.token?.({ renew: true });
      if (!renewed || renewed === token) throw error;
      return callWith(renewed, method, path, init);
    }
  }

  async function callWith(
    token: string | undefined,
    method: Method,
    path: string,
    init: Record<string, unknown>,
  ): Promise<unknown> {
    const { query, params, body, idempotencyKey, signal } = init as {
      query?: Record<string, unknown>;
      params?: Record<string, string>;
      body?: unknown;
      headers?: Record<string, string>;
      idempotencyKey?: string;
      signal?: AbortSignal;
    };
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(init.headers as Record<string, string> | undefined),
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    if (token) headers.Authorization = `Bearer ${token}`;
    headers['Accept-Language'] = toLanguage(options.language?.());
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await send(`${options.baseUrl}${fill(path, params)}${queryString(query)}`, {
        method: method.toUpperCase(),
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (timeout.aborted) throw new NetworkError('timeout', { cause: error });
      if (signal?.aborted) throw error;
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      throw new NetworkError(offline ? 'offline' : 'network', { cause: error });
    }
    learnClock(response);
    if (!response.ok) throw new ApiError(await problemFrom(response));
    return response.status === 204 ? undefined : response.json();
  }

  const method =
    <M extends Method>(verb: M) =>
    <P extends PathsWith<M>>(
      path: P,
      ...init: CallOptions<OperationOf<P, M>> extends { query?: never; params?: never; body?: never }
        ? [options?: CallOptions<OperationOf<P, M>>]
        : [options: CallOptions<OperationOf<P, M>>]
    ): Promise<Success<OperationOf<P, M>>> =>
      call(verb, path as string, init[0] as Record<string, unknown>) as Promise<Success<OperationOf<P, M>>>;

  return {
    get: method('get'),
    post: method('post'),
    put: method('put'),
    patch: method('patch'),
    delete: method('delete'),
    /**
     * The time by the gateway's clock, which times holds and appointments: core's `now()`, put right
     * when its answers say the device's clock is off (a library computer set to the wrong time zone
     * is an hour ahead, and every hold would look run out as soon as made).
     */
    now: () => now() + gatewayClock.offset,
  };
}
