// One suite, three implementations of the contract: the reference gateway over SQLite and over
// PostgreSQL (real HTTP), and the in-browser sandbox (its fetch, in Node). If they drift, this fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, createApiClient, manualClock, type ApiClient, type ManualClock } from '@sportello/core';
import { check } from '@sportello/core/contract';
import { createSandbox } from '@sportello/sandbox';
import { skipUnless, startTestGateway, type DatabaseKind } from '../support/gateway.js';

interface ContractTarget {
  client: ApiClient;
  /** A raw request, for what the typed client would never send. */
  request(path: string, init?: RequestInit): Promise<Response>;
  signIn(fiscalCode: string): Promise<string>;
  clock: ManualClock;
  database: string;
  close(): Promise<void>;
}

async function gatewayTarget(kind: DatabaseKind): Promise<ContractTarget> {
  const clock = manualClock('2026-11-23T09:00:00Z');
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
    close: () => gateway.close(),
  };
}

async function sandboxTarget(): Promise<ContractTarget> {
  const clock = manualClock('2026-11-23T09:00:00Z');
  const sandbox = createSandbox({ now: clock.now });
  return {
    client: createApiClient({ baseUrl: '', fetch: sandbox.fetch }),
    request: (path, init) => sandbox.fetch(path, init),
    signIn: async (fiscalCode) => sandbox.signIn(fiscalCode),
    clock,
    database: 'sandbox',
    close: async () => {},
  };
}

const GIULIA = 'BNCGLU85L62H501D';
const MARIO = 'RSSMRA50C15L219Y';
const ANNA = 'SPSNNA70A70F839Q';

async function problemOf(response: Response) {
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(check('Problem', body), [], 'the problem follows the contract');
  return body;
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const targets: [string, () => Promise<ContractTarget>, string | false][] = [
  ['gateway on SQLite', () => gatewayTarget('sqlite'), skipUnless('sqlite')],
  ['gateway on PostgreSQL', () => gatewayTarget('postgres'), skipUnless('postgres')],
  ['sandbox', sandboxTarget, false],
];

for (const [name, start, skip] of targets) {
  describe(`API contract: ${name}`, { skip }, () => {
    let target: ContractTarget;
    before(async () => {
      target = await start();
    });
    after(() => target?.close());

    it('reports its health, version and database', async () => {
      const health = await target.client.get('/api/health');
      assert.equal(health.status, 'ok');
      assert.equal(health.database, target.database);
      assert.match(health.version, /^\d+\.\d+\.\d+/);
      assert.ok(health.migration.length > 0);
    });

    it('serves the demo municipality: Comune di Esempio, its two offices and services', async () => {
      const municipality = await target.client.get('/api/municipality');
      assert.equal(municipality.name, 'Comune di Esempio');
      assert.equal(municipality.creditorFiscalCode, '80001234568');
      assert.deepEqual(
        municipality.offices.map((office) => office.name),
        ['Sportello Anagrafe - Sede centrale', 'Ufficio Relazioni con il Pubblico'],
      );
      const registry = municipality.offices[0]!;
      assert.deepEqual(registry.openingHours[0], { weekday: 1, opens: '08:30', closes: '12:30' });
      assert.equal(registry.counters, 4);
      assert.ok(
        municipality.services.some(
          (service) => service.id === 'cie' && service.officeIds.includes(registry.id),
        ),
      );
    });

    it('answers 401 with a problem when the citizen token is missing, malformed or expired', async () => {
      const missing = await target.request('/api/me');
      assert.equal(missing.status, 401);
      assert.equal((await problemOf(missing)).code, 'unauthorized');

      const malformed = await target.request('/api/me', { headers: { Authorization: 'Bearer not-a-token' } });
      assert.equal(malformed.status, 401);
      assert.equal((await problemOf(malformed)).code, 'unauthorized');

      const token = await target.signIn(MARIO);
      target.clock.advance(16 * 60_000); // tokens last 15 minutes
      const expired = await target.request('/api/me', { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(expired.status, 401);
      assert.match(String((await problemOf(expired)).detail), /expired/);
    });

    it('gives a signed-in citizen their registry family', async () => {
      const client = (token: string) =>
        createApiClient({
          baseUrl: '',
          fetch: (path, init) => target.request(String(path), init),
          token: () => token,
        });
      const giulia = await client(await target.signIn(GIULIA)).get('/api/me');
      assert.equal(giulia.givenName, 'Giulia');
      assert.deepEqual(
        giulia.family.map((member) => [member.givenName, member.relationship]),
        [
          ['Giulia', 'head'],
          ['Luca', 'spouse'],
          ['Sofia', 'child'],
        ],
      );
      const mario = await client(await target.signIn(MARIO)).get('/api/me');
      assert.deepEqual(
        mario.family.map((member) => member.fiscalCode),
        [MARIO],
      );
      const anna = await client(await target.signIn(ANNA)).get('/api/me');
      assert.deepEqual(
        anna.family.map((member) => member.relationship),
        ['head', 'parent'],
      );
    });

    it('rejects a body that breaks the contract with 400, naming the field', async () => {
      const wrongType = await target.request('/api/feedback', post({ service: 'cie', rating: 'five' }));
      assert.equal(wrongType.status, 400);
      const typeProblem = await problemOf(wrongType);
      assert.equal(typeProblem.code, 'validation-failed');
      assert.equal(typeProblem.field, 'rating');

      const missing = await target.request('/api/feedback', post({ rating: 4 }));
      assert.equal((await problemOf(missing)).field, 'service');

      const unknown = await target.request(
        '/api/feedback',
        post({ service: 'cie', rating: 4, name: 'Mario' }),
      );
      assert.equal(unknown.status, 400);
      assert.equal((await problemOf(unknown)).field, 'name');

      const outOfRange = await target.request('/api/feedback', post({ service: 'cie', rating: 9 }));
      assert.deepEqual((await problemOf(outOfRange)).errors, [
        { field: 'rating', code: 'out-of-range', message: 'must be <= 5' },
      ]);

      const notJson = await target.request('/api/feedback', post('{"service":'));
      assert.equal(notJson.status, 400);
      assert.equal((await problemOf(notJson)).field, 'body');

      const text = await target.request('/api/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'five stars',
      });
      assert.equal(text.status, 415);
      assert.equal((await problemOf(text)).code, 'unsupported-media-type');

      const badQuery = await target.request('/api/feedback/summary?service=Not%20An%20Id');
      assert.equal((await problemOf(badQuery)).field, 'query.service');
    });

    it('does a write once per Idempotency-Key and replays the first answer', async () => {
      const key = 'contract-key-0001';
      const first = await target.client.post('/api/feedback', {
        body: { service: 'ztl', rating: 4 },
        idempotencyKey: key,
      });
      const replay = await target.client.post('/api/feedback', {
        body: { service: 'ztl', rating: 4 },
        idempotencyKey: key,
      });
      assert.deepEqual(replay, first);

      const reused = await target.request(
        '/api/feedback',
        post({ service: 'ztl', rating: 1 }, { 'Idempotency-Key': key }),
      );
      assert.equal(reused.status, 422);
      assert.equal((await problemOf(reused)).code, 'idempotency-key-reused');

      const badKey = await target.request(
        '/api/feedback',
        post({ service: 'ztl', rating: 1 }, { 'Idempotency-Key': 'no spaces!' }),
      );
      assert.equal((await problemOf(badKey)).field, 'header.Idempotency-Key');

      const summary = await target.client.get('/api/feedback/summary', { query: { service: 'ztl' } });
      assert.equal(summary.count, 1, 'the replay and the refused requests wrote nothing');
    });

    it('summarises ratings per service', async () => {
      for (const rating of [5, 4, 4, 2]) {
        await target.client.post('/api/feedback', {
          body: { service: 'residenza', rating, reasons: ['quick'] },
        });
      }
      const summary = await target.client.get('/api/feedback/summary', { query: { service: 'residenza' } });
      assert.deepEqual(summary, {
        service: 'residenza',
        count: 4,
        averageRating: 3.75,
        ratings: [0, 1, 0, 2, 1],
      });
      const none = await target.client.get('/api/feedback/summary', { query: { service: 'edilizia' } });
      assert.deepEqual(none, {
        service: 'edilizia',
        count: 0,
        averageRating: null,
        ratings: [0, 0, 0, 0, 0],
      });
    });

    it('answers unknown paths with 404 and wrong methods with 405, as problems', async () => {
      const unknown = await target.request('/api/nowhere');
      assert.equal(unknown.status, 404);
      assert.equal((await problemOf(unknown)).code, 'not-found');
      const wrongMethod = await target.request('/api/health', { method: 'DELETE' });
      assert.equal(wrongMethod.status, 405);
      assert.equal((await problemOf(wrongMethod)).code, 'method-not-allowed');
    });

    it('the typed client turns problems into ApiError with the code', async () => {
      await assert.rejects(
        target.client.get('/api/me'),
        (error: unknown) =>
          error instanceof ApiError && error.status === 401 && error.code === 'unauthorized',
      );
    });
  });
}
