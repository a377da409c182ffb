// The implementations the contract suites run against: the reference gateway over SQLite and over
// PostgreSQL (real HTTP), and the in-browser sandbox (its fetch, in Node). Shared by the suites in
// test/contract: a test file's helpers cannot be imported without running its tests.
import assert from 'node:assert/strict';
import { createApiClient, manualClock, type ApiClient, type ManualClock } from '@sportello/core';
import { checkSchema } from '@sportello/core/contract';
import { createSandbox } from '@sportello/sandbox';
import type { GatewayConfig } from '@sportello/gateway';
import { skipUnless, startTestGateway, type DatabaseKind } from './gateway.js';

export interface ContractTarget {
  client: ApiClient;
  /** A raw request, for what the typed client would never send. */
  request(path: string, init?: RequestInit): Promise<Response>;
  signIn(fiscalCode: string): Promise<string>;
  clock: ManualClock;
  database: string;
  /**
   * Someone else using the same implementation: another browser on the gateway (the gateway tells
   * demo visitors apart by a cookie), another page for the sandbox (each page has its own).
   */
  anotherVisitor(): Pick<ContractTarget, 'client' | 'request'>;
  /** A page address on the site this implementation serves (for checkout return addresses). */
  site: string;
  close(): Promise<void>;
}

/**
 * A browser's requests to the gateway: relative paths go to `baseUrl`, and the cookie the gateway
 * last set is sent back, as a page on the gateway's own site sends it.
 */
function browserFetch(baseUrl: string): typeof fetch {
  let cookie: string | undefined;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('Cookie', cookie);
    const url = typeof input === 'string' && input.startsWith('/') ? baseUrl + input : input;
    const response = await fetch(url, { ...init, headers });
    cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    return response;
  };
}

/**
 * The reference gateway over a fresh database of `kind`, its clock stopped at `now`; `overrides`
 * for a suite that needs more (the booking suite plays several clients behind a trusted proxy).
 */
export async function gatewayTarget(
  kind: DatabaseKind,
  now: string,
  overrides: Partial<GatewayConfig> = {},
): Promise<ContractTarget> {
  const clock = manualClock(now);
  const gateway = await startTestGateway(kind, { now: clock.now, ...overrides });
  const visitor = () => {
    const visitorFetch = browserFetch(gateway.url);
    return {
      client: createApiClient({ baseUrl: gateway.url, fetch: visitorFetch }),
      request: (path: string, init?: RequestInit) => visitorFetch(path, init),
    };
  };
  const { client, request } = visitor();
  return {
    client,
    request,
    anotherVisitor: visitor,
    async signIn(fiscalCode) {
      const response = await request('/demo-login/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fiscalCode }),
      });
      assert.equal(response.status, 200);
      return ((await response.json()) as { access_token: string }).access_token;
    },
    clock,
    database: kind,
    site: `${gateway.url}/pagamenti`,
    close: () => gateway.close(),
  };
}

/** The sandbox, its clock stopped at `now`, checking its answers against the contract. */
export async function sandboxTarget(now: string): Promise<ContractTarget> {
  const clock = manualClock(now);
  const page = () => {
    const sandbox = createSandbox({ now: clock.now, checkResponse: checkSchema });
    return {
      sandbox,
      client: createApiClient({ baseUrl: '', fetch: sandbox.fetch }),
      request: (path: string, init?: RequestInit) => sandbox.fetch(path, init),
    };
  };
  const { sandbox, client, request } = page();
  return {
    client,
    request,
    anotherVisitor: page,
    signIn: async (fiscalCode) => sandbox.signIn(fiscalCode),
    clock,
    database: 'sandbox',
    site: 'https://comune.example.it/pagamenti',
    close: async () => {},
  };
}

/**
 * Every implementation as `[name, start, skip]`, for `describe(name, { skip })`, clocks at `now`;
 * the gateways with `gatewayOverrides`.
 */
export function targets(
  now: string,
  gatewayOverrides: Partial<GatewayConfig> = {},
): [string, () => Promise<ContractTarget>, string | false][] {
  return [
    ['gateway on SQLite', () => gatewayTarget('sqlite', now, gatewayOverrides), skipUnless('sqlite')],
    ['gateway on PostgreSQL', () => gatewayTarget('postgres', now, gatewayOverrides), skipUnless('postgres')],
    ['sandbox', () => sandboxTarget(now), false],
  ];
}

/** A JSON POST (a string body goes as it is, for bodies that are not JSON). */
export const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** The answer's body, with the status expected, checked against the contract's schema for it. */
export async function bodyOf<T>(response: Response, schema: string, status = 200): Promise<T> {
  const body = (await response.json()) as T;
  assert.equal(response.status, status, JSON.stringify(body));
  assert.deepEqual(checkSchema(schema, body), [], `the answer follows ${schema}`);
  return body;
}

/** The problem answered, checked against the contract; and its status and code, when given. */
export async function problemOf(
  response: Response,
  status?: number,
  code?: string,
): Promise<Record<string, unknown>> {
  if (status !== undefined) assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(checkSchema('Problem', body), [], 'the problem follows the contract');
  if (code !== undefined) assert.equal(body.code, code);
  return body;
}
