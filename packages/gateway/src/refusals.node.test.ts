// Every refusal is a problem (application/problem+json), wherever it comes from: the contract, the
// demo routes, Fastify's body parsing and limits, Node's own HTTP parser; and an unknown query
// parameter is refused by every operation, by the gateway and the sandbox alike.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { operations } from '@sportello/core/contract';
import { targets, type ContractTarget } from '../../../test/support/contract-targets.js';
import { startTestGateway, type TestGateway } from '../../../test/support/gateway.js';

const GIULIA = 'BNCGLU85L62H501D';

/** Asserts a problem+json answer with `status` and `code`; returns its body. */
async function problemOf(response: Response, status: number, code: string) {
  const text = await response.text();
  assert.equal(response.status, status, `${response.url}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, response.url);
  const body = JSON.parse(text);
  assert.equal(body.code, code, response.url);
  assert.equal(body.status, status);
  return body;
}

/** Sends `request` as it is on a socket and reads the whole answer: for what fetch would not send. */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('gateway refusals', () => {
  let gateway: TestGateway;
  const siteRoot = mkdtempSync(join(tmpdir(), 'sportello-site-'));
  before(async () => {
    for (const folder of ['demo', 'dist/kiosk']) mkdirSync(join(siteRoot, folder), { recursive: true });
    writeFileSync(join(siteRoot, 'demo', 'index.html'), '<!doctype html><title>Comune</title>');
    gateway = await startTestGateway('sqlite', {
      bodyLimitBytes: 2048,
      rateLimit: { max: 1000, windowMs: 60_000 },
      siteRoot,
    });
  });
  after(async () => {
    await gateway?.close();
    rmSync(siteRoot, { recursive: true, force: true });
  });

  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'Content-Type': type }, body });

  it('answers bad JSON, too large and not JSON with problems, on the API and the demo sign-in', async () => {
    for (const path of ['/api/feedback', '/demo-login/token']) {
      await problemOf(await post(path, '{"fiscalCode":'), 400, 'validation-failed');
      await problemOf(await post(path, JSON.stringify({ x: 'x'.repeat(4000) })), 413, 'payload-too-large');
      await problemOf(await post(path, `fiscalCode=${GIULIA}`, 'text/plain'), 415, 'unsupported-media-type');
      await problemOf(
        await post(path, `fiscalCode=${GIULIA}`, 'application/x-www-form-urlencoded'),
        415,
        'unsupported-media-type',
      );
    }
    await problemOf(
      await post('/demo-login/token', JSON.stringify({ fiscalCode: 'x' })),
      400,
      'validation-failed',
    );
  });

  it('answers what is not there with a problem, outside the API too', async () => {
    for (const path of [
      '/api/nothing-here',
      '/nothing-here',
      '/nothing-here.js',
      '/demo-login/nothing-here',
      '/demo/mailbox/nothing-here',
      '/simulated-pagopa/checkout/unknown-payment-1/return',
      '/manifests/nothing-here.json',
    ]) {
      const response = await fetch(`${gateway.url}${path}`);
      await problemOf(response, 404, 'not-found');
      assert.equal(response.headers.get('cache-control'), 'no-store', path);
    }
    // A path that cannot be decoded.
    await problemOf(await fetch(`${gateway.url}/demo-login/%E0%A4%A`), 400, 'validation-failed');
  });

  it('answers request headers too large (431) and a request that is not HTTP with problems', async () => {
    for (const path of ['/api/health', '/demo-login/token']) {
      const answer = await rawExchange(
        gateway.url,
        `GET ${path} HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`,
      );
      assert.match(answer, /^HTTP\/1\.1 431 /);
      assert.match(answer, /\r\nContent-Type: application\/problem\+json\r\n/i);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      assert.equal(body.code, 'headers-too-large');
      assert.equal(body.status, 431);
    }
    const garbage = await rawExchange(gateway.url, 'HELLO\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    assert.equal(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)).code, 'bad-request');
  });

  it('answers the demo sign-in’s rate limit with a problem', async () => {
    const limited = await startTestGateway('sqlite', { rateLimit: { max: 1, windowMs: 60_000 } });
    try {
      await fetch(`${limited.url}/demo-login/citizens`);
      const refused = await fetch(`${limited.url}/demo-login/citizens`);
      const body = await problemOf(refused, 429, 'rate-limited');
      assert.ok(body.retryAfterSeconds > 0);
    } finally {
      await limited.close();
    }
  });
});

for (const [name, start, skip] of targets('2026-11-23T09:00:00+01:00')) {
  describe(`unknown query parameters: ${name}`, { skip }, () => {
    let target: ContractTarget;
    before(async () => {
      target = await start();
    });
    after(() => target?.close());

    it('are refused by every operation, naming the parameter', async () => {
      const token = await target.signIn(GIULIA);
      const me = await target.request(`/api/me?fiscalCode=${GIULIA}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = await problemOf(me, 400, 'validation-failed');
      assert.equal(body.field, 'query.fiscalCode');
      assert.match(body.detail, /query\.fiscalCode/);
      for (const operation of operations) {
        const path = operation.url.replaceAll(/\{\w+\}/g, 'x');
        const answer = await target.request(`${path}?probe=1`, { method: operation.method });
        const problem = await problemOf(answer, 400, 'validation-failed');
        assert.ok(
          problem.errors.some((error: { field: string }) => error.field === 'query.probe'),
          `${operation.id}: ${JSON.stringify(problem.errors)}`,
        );
      }
    });
  });
}
