import { expect } from '@open-wc/testing';
import { manualClock, setClock } from '../clock.js';
import { ApiError, createApiClient, NetworkError } from './client.js';

// Paths the contract does not have, on the test runner's own endpoints (scripts/test-api.mjs).
type Loose = {
  get(path: string, options?: object): Promise<unknown>;
  post(path: string, options?: object): Promise<unknown>;
};
const loose = (options: Parameters<typeof createApiClient>[0]) =>
  createApiClient(options) as unknown as Loose;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('createApiClient', () => {
  it('gives up after its timeout with NetworkError("timeout")', async () => {
    const error = await rejection(loose({ baseUrl: '', timeoutMs: 50 }).get('/test-api/slow'));
    expect(error).to.be.instanceOf(NetworkError);
    expect((error as NetworkError).reason).to.equal('timeout');
  });

  it('reports an unreachable gateway as NetworkError("network")', async () => {
    const error = await rejection(loose({ baseUrl: 'http://127.0.0.1:9' }).get('/api/health'));
    expect(error).to.be.instanceOf(NetworkError);
    expect((error as NetworkError).reason).to.equal('network');
  });

  it('turns an error answer into ApiError with its status and code', async () => {
    const space = crypto.randomUUID();
    const error = await rejection(
      loose({ baseUrl: '' }).post(`/test-api/writes/${space}?respond=503`, { body: {} }),
    );
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(503);
    expect((error as ApiError).code).to.equal('test-failure');
  });

  it('tells the gateway’s time when the device’s clock is off, from the Date of its answers', async () => {
    const previous = setClock(manualClock('2026-11-23T10:00:00Z')); // the device: an hour ahead
    try {
      let gatewayTime = '2026-11-23T09:00:00Z';
      let cachedCopy = false;
      const client = createApiClient({
        baseUrl: '',
        fetch: async () =>
          Response.json(
            { status: 'ok' },
            {
              headers: {
                Date: new Date(gatewayTime).toUTCString(),
                // A shared cache's copy, dated when it was stored: not the gateway's time now.
                ...(cachedCopy ? { Age: '3600' } : {}),
              },
            },
          ),
      });
      expect(client.now(), 'nothing known yet').to.equal(Date.parse('2026-11-23T10:00:00Z'));

      await client.get('/api/health');
      expect(client.now()).to.equal(Date.parse('2026-11-23T09:00:00Z'));
      [gatewayTime, cachedCopy] = ['2026-11-23T08:00:00Z', true];
      await client.get('/api/health');
      expect(client.now(), 'not from a cached copy').to.equal(Date.parse('2026-11-23T09:00:00Z'));
      cachedCopy = false;

      // A reading a few seconds from the one in use (whole-second dates, a slow network) changes nothing.
      gatewayTime = '2026-11-23T09:00:10Z';
      await client.get('/api/health');
      expect(client.now()).to.equal(Date.parse('2026-11-23T09:00:00Z'));

      // Seconds apart from the device: its own clock is good enough.
      gatewayTime = '2026-11-23T09:59:50Z';
      await client.get('/api/health');
      expect(client.now()).to.equal(Date.parse('2026-11-23T10:00:00Z'));
    } finally {
      setClock(previous);
    }
  });

  it('sends the Idempotency-Key, the token and the language, and parses the answer', async () => {
    const space = crypto.randomUUID();
    const seen: Headers[] = [];
    const client = loose({
      baseUrl: '',
      token: () => 'token-123',
      language: () => 'en',
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    const answer = await client.post(`/test-api/writes/${space}`, {
      body: { n: 1 },
      idempotencyKey: 'key-0000001',
    });
    expect(answer).to.deep.equal({ key: 'key-0000001', created: true });
    expect(seen[0]!.get('Authorization')).to.equal('Bearer token-123');
    expect(seen[0]!.get('Accept-Language')).to.equal('en');
    expect(seen[0]!.get('Content-Type')).to.equal('application/json');
  });

  describe('the citizen’s token', () => {
    /** A gateway that accepts only `valid`, and what each request carried. */
    function gatewayAccepting(valid: string) {
      const authorizations: (string | null)[] = [];
      const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
        const authorization = new Headers(init?.headers).get('Authorization');
        authorizations.push(authorization);
        return authorization === `Bearer ${valid}`
          ? Response.json({ status: 'ok' })
          : Response.json(
              { type: 'about:blank', title: 'Sign in again', status: 401, code: 'unauthenticated' },
              { status: 401 },
            );
      };
      return { fetch, authorizations };
    }

    it('asks the page for a renewed token once when the gateway refuses one, and sends the request again with it', async () => {
      const gateway = gatewayAccepting('fresh');
      const asked: boolean[] = [];
      const client = createApiClient({
        baseUrl: '',
        fetch: gateway.fetch,
        token: ({ renew }) => (asked.push(renew), renew ? 'fresh' : 'stale'),
      });
      expect(await client.get('/api/health')).to.deep.equal({ status: 'ok' });
      expect(asked).to.deep.equal([false, true]);
      expect(gateway.authorizations).to.deep.equal(['Bearer stale', 'Bearer fresh']);
    });

    it('gives the 401 back when the page renews to the same token, or to none', async () => {
      for (const renewed of ['stale', undefined]) {
        const gateway = gatewayAccepting('fresh');
        const client = createApiClient({
          baseUrl: '',
          fetch: gateway.fetch,
          token: async ({ renew }) => (renew ? renewed : 'stale'),
        });
        const error = await rejection(client.get('/api/health'));
        expect(error, String(renewed)).to.be.instanceOf(ApiError);
        expect((error as ApiError).status).to.equal(401);
        expect(gateway.authorizations, 'sent once, not again with the same token').to.deep.equal([
          'Bearer stale',
        ]);
      }
    });

    it('does not ask again when the renewed token is refused too', async () => {
      const gateway = gatewayAccepting('never');
      let asked = 0;
      const client = createApiClient({
        baseUrl: '',
        fetch: gateway.fetch,
        token: ({ renew }) => (asked++, renew ? 'renewed' : 'stale'),
      });
      const error = await rejection(client.get('/api/health'));
      expect((error as ApiError).status).to.equal(401);
      expect(asked).to.equal(2);
      expect(gateway.authorizations).to.deep.equal(['Bearer stale', 'Bearer renewed']);
    });

    it('sends no Authorization header without a token source, nor when it has no token', async () => {
      const gateway = gatewayAccepting('fresh');
      for (const token of [undefined, () => undefined]) {
        const error = await rejection(
          createApiClient({ baseUrl: '', fetch: gateway.fetch, ...(token ? { token } : {}) }).get(
            '/api/health',
          ),
        );
        expect((error as ApiError).status, 'the 401 as the gateway gave it').to.equal(401);
      }
      expect(gateway.authorizations).to.deep.equal([null, null]);
    });
  });
});
