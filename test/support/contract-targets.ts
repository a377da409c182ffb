// The implementations the contract suites run against: the reference gateway over SQLite and over
// PostgreSQL (real HTTP), and the in-browser sandbox (its fetch, in Node). Shared by the suites in
// test/contract: a test file's helpers cannot be imported without running its tests.
import assert from 'node:assert/strict';
import { createApiClient, manualClock, type ApiClient, type ManualClock } from '@sportello/core';
import { checkSchema } from '@sportello/core/contract';
import { createSandbox } from '@sportello/sandbox';
import { skipUnless, startTestGateway, type DatabaseKind } from './gateway.js';

export interface ContractTarget {
  client: ApiClient;
  /** A raw request, for what the typed client would never send. */
  request(path: string, init?: RequestInit): Promise<Response>;
  signIn(fiscalCode: string): Promise<string>;
  clock: ManualClock;
  database: string;
  /** A page address on the site this implementation serves (for checkout return addresses). */
  site: string;
  close(): Promise<void>;
}

/** The reference gateway over a fresh database of `kind`, its clock stopped at `now`. */
export async function gatewayTarget(kind: DatabaseKind, now: string): Promise<ContractTarget> {
  const clock = manualClock(now);
  const gateway = await startTestGateway(kind, { now: clock.now });
  const request = (path: string, init?: RequestInit) => fetch(gateway.url + path, init);
  return {
    client: createApiClient({ baseUrl: gateway.url }),
    request,
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
  const sandbox = createSandbox({ now: clock.now, checkResponse: checkSchema });
  return {
    client: createApiClient({ baseUrl: '', fetch: sandbox.fetch }),
    request: (path, init) => sandbox.fetch(path, init),
    signIn: async (fiscalCode) => sandbox.signIn(fiscalCode),
    clock,
    database: 'sandbox',
    site: 'https://comune.example.it/pagamenti',
    close: async () => {},
  };
}

/** Every implementation as `[name, start, skip]`, for `describe(name, { skip })`, clocks at `now`. */
export function targets(now: string): [string, () => Promise<ContractTarget>, string | false][] {
  return [
    ['gateway on SQLite', () => gatewayTarget('sqlite', now), skipUnless('sqlite')],
    ['gateway on PostgreSQL', () => gatewayTarget('postgres', now), skipUnless('postgres')],
    ['sandbox', () => sandboxTarget(now), false],
  ];
}

/** A JSON POST (a string body goes as it is, for bodies that are not JSON). */
export const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

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
