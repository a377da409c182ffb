// The reference gateway as a service: persistence across restarts, writes under concurrency, the
// security around the contract (identity, CORS, rate and size limits, headers) and private logs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '@sportello/core/node';
import { catalogueNoticeNumber } from '@sportello/core/contract';
import { demoFamilies } from '@sportello/demo-data';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import {
  skipUnless,
  startTestGateway,
  type DatabaseKind,
  type TestGateway,
} from '../../../test/support/gateway.js';
import { loadConfig } from './config.js';

const GIULIA = 'BNCGLU85L62H501D';
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function demoToken(gateway: TestGateway, fiscalCode = GIULIA): Promise<string> {
  const response = await fetch(`${gateway.url}/demo-login/token`, json({ fiscalCode }));
  return ((await response.json()) as { access_token: string }).access_token;
}

const EC = '80001234568';
const CANTEEN = { creditorFiscalCode: EC, noticeNumber: '312202600000010178' };

/**
 * A browser visiting the demo: it keeps the cookie the gateway sets, as a page on the gateway's
 * own site does, and sends it back with every payment request.
 */
function demoVisitor(gateway: TestGateway) {
  let cookie: string | undefined;
  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(`${gateway.url}${path}`, { ...init, headers });
    cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    return response;
  };
  return {
    send,
    get cookie() {
      return cookie;
    },
    lookUp: (notice: object) => send('/api/payments/notice-lookups', json(notice)),
    checkOut: (notice: object, headers: Record<string, string> = {}) =>
      send('/api/payments/checkouts', json({ notices: [notice], returnUrl: `${gateway.url}/` }, headers)),
    async pay(notice: object) {
      const checkout = await this.checkOut(notice);
      assert.equal(checkout.status, 201, JSON.stringify(await checkout.clone().json()));
      const { id } = await checkout.json();
      const paid = await send(`/api/payments/${id}/simulated-outcome`, json({ outcome: 'paid' }));
      assert.equal((await paid.json()).status, 'paid');
      return id as string;
    },
  };
}

/** A notice made from the demo catalogue: a real one, with pagoPA's rules for everyone. */
async function catalogueNotice(gateway: TestGateway) {
  const response = await fetch(
    `${gateway.url}/api/payments/catalogue/bollo-certificato/notices`,
    json({ fields: {} }),
  );
  const { creditorFiscalCode, noticeNumber } = await response.json();
  return { creditorFiscalCode, noticeNumber } as { creditorFiscalCode: string; noticeNumber: string };
}

/** How many payments hold `notice`: checkouts that proceeded, whatever became of them. */
async function paymentsOf(gateway: TestGateway, notice: { noticeNumber: string }): Promise<number> {
  const rows = await gateway.gateway.database.db
    .selectFrom('payment_notices')
    .select('payment_id')
    .where('notice_number', '=', notice.noticeNumber)
    .execute();
  return rows.length;
}

/**
 * Asserts that the gateway refuses to start with `config`, saying `message`. One that starts after
 * all is closed and the test fails (it does not hang on the server left running).
 */
async function assertRefusesToStart(config: Parameters<typeof startTestGateway>[1], message: RegExp) {
  const started = await startTestGateway('sqlite', config).catch((error: unknown) => error);
  if (!(started instanceof Error)) {
    await (started as TestGateway).close();
    assert.fail('the gateway started');
  }
  assert.match(started.message, message);
}

for (const kind of ['sqlite', 'postgres'] as DatabaseKind[]) {
  describe(`gateway on ${kind}`, { skip: skipUnless(kind) }, () => {
    let gateway: TestGateway;
    before(async () => {
      gateway = await startTestGateway(kind);
    });
    after(() => gateway?.close());

    it('keeps what was written across a restart, and its citizens’ tokens stay valid', async () => {
      const token = await demoToken(gateway);
      const before = await (await fetch(`${gateway.url}/api/health`)).json();
      const receipt = await (
        await fetch(`${gateway.url}/api/feedback`, json({ service: 'cie', rating: 5 }))
      ).json();
      await gateway.restart();
      const summary = await (await fetch(`${gateway.url}/api/feedback/summary?service=cie`)).json();
      assert.equal(summary.count, 1);
      const health = await (await fetch(`${gateway.url}/api/health`)).json();
      assert.equal(health.database, kind);
      assert.match(health.migration, /^\d{4}-/);
      assert.equal(health.migration, before.migration, 'no migration ran twice or went missing');
      const replay = await fetch(
        `${gateway.url}/api/feedback`,
        json({ service: 'cie', rating: 5 }, { 'Idempotency-Key': 'after-restart-1' }),
      );
      assert.equal(replay.status, 201);
      assert.notEqual((await replay.json()).id, receipt.id);
      const me = await fetch(`${gateway.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(me.status, 200, 'the demo issuer keeps its key in the data folder');
    });

    it('20 concurrent requests with one Idempotency-Key write once and all get the same answer', async () => {
      const requests = Array.from({ length: 20 }, () =>
        fetch(
          `${gateway.url}/api/feedback`,
          json({ service: 'ztl', rating: 3 }, { 'Idempotency-Key': 'concurrent-key-1' }),
        ),
      );
      const responses = await Promise.all(requests);
      const bodies = await Promise.all(responses.map((response) => response.json()));
      assert.deepEqual(new Set(responses.map((response) => response.status)), new Set([201]));
      assert.equal(new Set(bodies.map((body) => body.id)).size, 1);
      const summary = await (await fetch(`${gateway.url}/api/feedback/summary?service=ztl`)).json();
      assert.equal(summary.count, 1);
    });

    it('20 concurrent checkouts of one notice create exactly one payment', async () => {
      const notice = await catalogueNotice(gateway);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(
            `${gateway.url}/api/payments/checkouts`,
            json({ notices: [notice], returnUrl: `${gateway.url}/` }),
          ),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      assert.deepEqual(statuses, [201, ...Array(19).fill(409)]);
      const codes = await Promise.all(
        responses.filter((r) => r.status === 409).map(async (r) => (await r.json()).code),
      );
      assert.deepEqual(new Set(codes), new Set(['payment-ongoing']));
      assert.equal(await paymentsOf(gateway, notice), 1);
    });

    it('20 concurrent checkouts of a demo notice by one visitor create exactly one payment', async () => {
      const visitor = demoVisitor(gateway);
      // A first payment gives the visitor their cookie, as in a browser.
      await visitor.pay({ creditorFiscalCode: EC, noticeNumber: '312202600000010279' });
      const before = await paymentsOf(gateway, CANTEEN);
      const responses = await Promise.all(Array.from({ length: 20 }, () => visitor.checkOut(CANTEEN)));
      const statuses = responses.map((response) => response.status).sort();
      assert.deepEqual(statuses, [201, ...Array(19).fill(409)]);
      const codes = await Promise.all(
        responses.filter((r) => r.status === 409).map(async (r) => (await r.json()).code),
      );
      assert.deepEqual(new Set(codes), new Set(['payment-ongoing']));
      assert.equal(await paymentsOf(gateway, CANTEEN), before + 1);
    });

    it('lets every visitor pay the demo notices as the README’s table says, and keeps each receipt', async () => {
      const first = demoVisitor(gateway);
      const firstPayment = await first.pay(CANTEEN);
      assert.ok(first.cookie, 'the gateway tells the visitor apart from the next one');
      const again = await first.lookUp(CANTEEN);
      assert.equal((await again.json()).code, 'payment-duplicated', 'paid, for the visitor who paid it');

      const second = demoVisitor(gateway);
      assert.equal((await second.lookUp(CANTEEN)).status, 200, 'payable, for the next visitor');
      const secondPayment = await second.pay(CANTEEN);
      assert.notEqual(secondPayment, firstPayment);

      // The first visitor comes back to their receipt.
      const returning = await first.send(`/api/payments/${firstPayment}`);
      assert.equal((await returning.json()).status, 'paid');
      const pdf = await first.send(`/api/payments/${firstPayment}/receipt.pdf`);
      assert.equal(pdf.status, 200);

      // A checkout one visitor leaves open locks the notice for that visitor only.
      const leaving = demoVisitor(gateway);
      assert.equal((await leaving.checkOut(CANTEEN)).status, 201);
      assert.equal((await (await leaving.lookUp(CANTEEN)).json()).code, 'payment-ongoing');
      const next = demoVisitor(gateway);
      assert.equal((await next.lookUp(CANTEEN)).status, 200);
      assert.equal((await next.checkOut(CANTEEN)).status, 201);
    });

    it('frees at start a demo notice that an earlier version let one visitor pay for everyone', async () => {
      const canteenRow = () =>
        gateway.gateway.database.db.updateTable('notices').where('notice_number', '=', CANTEEN.noticeNumber);
      await canteenRow().set({ state: 'paid' }).execute();
      assert.equal((await demoVisitor(gateway).lookUp(CANTEEN)).status, 409);
      await gateway.restart();
      assert.equal((await demoVisitor(gateway).lookUp(CANTEEN)).status, 200);
    });

    it('keeps a notice that is not a demo one paid for everyone', async () => {
      const notice = await catalogueNotice(gateway);
      await demoVisitor(gateway).pay(notice);
      const other = demoVisitor(gateway);
      assert.equal((await (await other.lookUp(notice)).json()).code, 'payment-duplicated');
      const checkout = await other.checkOut(notice);
      assert.equal(checkout.status, 409);
      assert.equal((await checkout.json()).code, 'payment-duplicated');
    });

    it('concurrent carts of the same notices in opposite orders create one payment, in its own order', async () => {
      const createNotice = async () => {
        const response = await fetch(
          `${gateway.url}/api/payments/catalogue/bollo-certificato/notices`,
          json({ fields: {} }),
        );
        const { creditorFiscalCode, noticeNumber } = await response.json();
        return { creditorFiscalCode, noticeNumber };
      };
      // Several rounds: on PostgreSQL a round whose carts lock in request order deadlocks only
      // when two opposite carts interleave, which one round does not always bring about.
      for (let round = 0; round < 3; round++) {
        const a = await createNotice();
        const b = await createNotice();
        const carts = Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? [a, b] : [b, a]));
        const responses = await Promise.all(
          carts.map((notices) =>
            fetch(`${gateway.url}/api/payments/checkouts`, json({ notices, returnUrl: `${gateway.url}/` })),
          ),
        );
        const bodies = await Promise.all(responses.map((response) => response.json()));
        assert.deepEqual(
          responses.map((response) => response.status).sort(),
          [201, ...Array(9).fill(409)],
          JSON.stringify(bodies.filter((body) => body.status === 500)),
        );
        const refused = bodies.filter((_, index) => responses[index]!.status === 409);
        assert.deepEqual(new Set(refused.map((body) => body.code)), new Set(['payment-ongoing']));
        const winner = responses.findIndex((response) => response.status === 201);
        assert.deepEqual(
          bodies[winner].notices.map((notice: { noticeNumber: string }) => notice.noticeNumber),
          carts[winner]!.map((notice) => notice.noticeNumber),
          'the payment lists its notices in the order the citizen gave them',
        );
      }
    });

    it('20 concurrent writes without a key are all kept', async () => {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${gateway.url}/api/feedback`, json({ service: 'edilizia', rating: 2 })),
        ),
      );
      const summary = await (await fetch(`${gateway.url}/api/feedback/summary?service=edilizia`)).json();
      assert.equal(summary.count, 20);
    });
  });
}

describe('gateway payments', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startTestGateway('sqlite', { allowedOrigins: ['https://www.comune.esempio.it'] });
  });
  after(() => gateway?.close());
  const tari = { creditorFiscalCode: '80001234568', noticeNumber: '312202600000010279' };

  it('sends the citizen back only to its own site or an allowed one', async () => {
    const elsewhere = await fetch(
      `${gateway.url}/api/payments/checkouts`,
      json({ notices: [tari], returnUrl: 'https://evil.example/' }),
    );
    assert.equal(elsewhere.status, 400);
    assert.equal((await elsewhere.json()).field, 'returnUrl');
    const allowed = await fetch(
      `${gateway.url}/api/payments/checkouts`,
      json({ notices: [tari], returnUrl: 'https://www.comune.esempio.it/pagamenti?tab=avvisi' }),
    );
    assert.equal(allowed.status, 201);
    const payment = await allowed.json();
    assert.equal(payment.checkoutUrl, `${gateway.url}/simulated-pagopa/checkout/${payment.id}`);

    const spoofed = await fetch(`${gateway.url}/api/payments/checkouts`, {
      ...json({ notices: [tari], returnUrl: 'http://evil.example/' }),
      headers: { 'Content-Type': 'application/json', Host: 'evil.example' },
    });
    assert.equal(spoofed.status, 400, 'the Host header does not widen the allowed return sites');

    const page = await fetch(`${gateway.url}/simulated-pagopa/checkout/${payment.id}`);
    assert.match(await page.text(), /Checkout pagoPA simulato/);
    await fetch(`${gateway.url}/api/payments/${payment.id}/simulated-outcome`, json({ outcome: 'paid' }));
    const back = await fetch(`${gateway.url}/simulated-pagopa/checkout/${payment.id}/return`, {
      redirect: 'manual',
    });
    assert.equal(back.status, 303);
    assert.equal(
      back.headers.get('location'),
      `https://www.comune.esempio.it/pagamenti?tab=avvisi&payment=${payment.id}`,
    );
  });

  it('says a cancelled payment has no receipt, rather than that it is still going on', async () => {
    const canteen = { creditorFiscalCode: '80001234568', noticeNumber: '312202600000010178' };
    const payment = await (
      await fetch(
        `${gateway.url}/api/payments/checkouts`,
        json({ notices: [canteen], returnUrl: `${gateway.url}/` }),
      )
    ).json();
    const receiptUrl = `${gateway.url}/api/payments/${payment.id}/receipt.pdf`;
    const pending = await fetch(receiptUrl);
    assert.equal(pending.status, 409);
    assert.equal((await pending.json()).code, 'payment-ongoing');

    await fetch(
      `${gateway.url}/api/payments/${payment.id}/simulated-outcome`,
      json({ outcome: 'cancelled' }),
    );
    const cancelled = await fetch(receiptUrl);
    assert.equal(cancelled.status, 404);
    assert.equal((await cancelled.json()).code, 'not-found');
  });

  it('refuses a cart for its first notice that cannot be paid, in the citizen’s order', async () => {
    // Listed against the order the gateway claims notices in (by notice number).
    const expired = { creditorFiscalCode: '80001234568', noticeNumber: '312202600000010481' };
    const paid = { creditorFiscalCode: '80001234568', noticeNumber: '312202600000010380' };
    const response = await fetch(
      `${gateway.url}/api/payments/checkouts`,
      json({ notices: [expired, paid], returnUrl: `${gateway.url}/` }),
    );
    assert.equal(response.status, 409);
    assert.equal((await response.json()).code, 'payment-expired');
  });
});

describe('gateway catalogue notices', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startTestGateway('sqlite');
  });
  after(() => gateway?.close());

  it('keeps what the citizen filled in with the created notice, for the municipality’s records', async () => {
    const response = await fetch(
      `${gateway.url}/api/payments/catalogue/sanzione-cds/notices`,
      json({ amountCents: 4200, fields: { violationNumber: '2026/123', plate: 'ab 123 cd' } }),
    );
    const notice = await response.json();
    const row = await gateway.gateway.database.db
      .selectFrom('notices')
      .select('details')
      .where('notice_number', '=', notice.noticeNumber)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(row.details!), {
      service: 'sanzione-cds',
      fields: { violationNumber: '2026/123', plate: 'AB123CD' },
    });
    assert.equal(notice.noticeNumber, catalogueNoticeNumber(1), 'numbers start at 1');
    const next = await fetch(
      `${gateway.url}/api/payments/catalogue/sanzione-cds/notices`,
      json({ amountCents: 4200, fields: { violationNumber: '2026/124', plate: 'ab 123 cd' } }),
    );
    assert.equal((await next.json()).noticeNumber, catalogueNoticeNumber(2));
  });
});

describe('gateway with pagoPA checkout as the payment provider', () => {
  const clock = manualClock('2026-11-23T09:00:00Z');
  let gateway: TestGateway;
  before(async () => {
    gateway = await startTestGateway('sqlite', { paymentProvider: 'pagopa-checkout', now: clock.now });
  });
  after(() => gateway?.close());

  it('sends the citizen to pagoPA checkout with the notice link, and simulates nothing', async () => {
    const notice = { creditorFiscalCode: '80001234568', noticeNumber: '312202600000010178' };
    const response = await fetch(
      `${gateway.url}/api/payments/checkouts`,
      json({ notices: [notice], returnUrl: `${gateway.url}/` }),
    );
    const payment = await response.json();
    assert.equal(payment.checkoutUrl, 'https://checkout.pagopa.it/80001234568312202600000010178');
    assert.equal(payment.simulated, false);
    const outcome = await fetch(
      `${gateway.url}/api/payments/${payment.id}/simulated-outcome`,
      json({ outcome: 'paid' }),
    );
    assert.equal(outcome.status, 404);
    assert.equal((await fetch(`${gateway.url}/simulated-pagopa/checkout/${payment.id}`)).status, 404);
  });

  it('never calls a payment sent to pagoPA cancelled, but frees its notice after pagoPA’s lock', async () => {
    const notice = { creditorFiscalCode: '80001234568', noticeNumber: '312202600000010279' };
    // In demo mode a demo notice is locked for the visitor who checked it out.
    const visitor = demoVisitor(gateway);
    const lookUp = () => visitor.lookUp(notice);
    const payment = await (await visitor.checkOut(notice)).json();
    assert.equal((await (await lookUp()).json()).code, 'payment-ongoing');

    clock.advance(31 * 60_000);
    // The citizen may have paid at pagoPA, which tells this gateway nothing: still pending.
    assert.equal((await lookUp()).status, 200, 'the notice can be tried again');
    const after = await (await fetch(`${gateway.url}/api/payments/${payment.id}`)).json();
    assert.equal(after.status, 'pending');
    assert.equal(after.checkoutUrl, payment.checkoutUrl);
  });

  it('takes one notice per payment, as pagoPA’s checkout link does', async () => {
    const notices = ['312202600000010178', '312202600000010279'].map((noticeNumber) => ({
      creditorFiscalCode: '80001234568',
      noticeNumber,
    }));
    const response = await fetch(
      `${gateway.url}/api/payments/checkouts`,
      json({ notices, returnUrl: `${gateway.url}/` }),
    );
    assert.equal(response.status, 400);
    assert.deepEqual(
      (await response.json()).errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['notices', 'count']],
    );
  });
});

describe('gateway identity', () => {
  const clock = manualClock('2026-11-23T09:00:00Z');
  let gateway: TestGateway;
  let demoKey: JWK;
  before(async () => {
    gateway = await startTestGateway('sqlite', { now: clock.now, publicUrl: 'http://localhost:8080' });
    demoKey = JSON.parse(readFileSync(join(gateway.config.dataDir, 'demo-issuer-key.json'), 'utf8'));
  });
  after(() => gateway?.close());

  const me = (token: string) =>
    fetch(`${gateway.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
  /** A token signed with the demo issuer's key (or `key`); `iat` and `exp` in seconds from now, or none. */
  async function signed(
    { iss = 'http://localhost:8080/demo-login', aud = 'sportello', ...claims }: Record<string, string> = {},
    key = demoKey,
    { iat = 0, exp = 300 }: { iat?: number | null; exp?: number | null } = {},
  ) {
    const now = Math.floor(clock.now() / 1000);
    const token = new SignJWT({ fiscal_number: `TINIT-${GIULIA}`, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid! })
      .setIssuer(iss)
      .setAudience(aud);
    if (iat !== null) token.setIssuedAt(now + iat);
    if (exp !== null) token.setExpirationTime(now + exp);
    return token.sign(await importJWK(key, 'ES256'));
  }
  async function detail(response: Response) {
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    return ((await response.json()) as { detail: string }).detail;
  }

  it('lists the demo citizens, saying who each one is, for the sign-in page', async () => {
    const response = await fetch(`${gateway.url}/demo-login/citizens`);
    assert.equal(response.status, 200);
    const heads = [...demoFamilies]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map(({ description, members: [head] }) => ({
        fiscalCode: head!.fiscalCode,
        givenName: head!.givenName,
        familyName: head!.familyName,
        description,
      }));
    assert.deepEqual(await response.json(), heads);
  });

  it('accepts a token from the demo sign-in', async () => {
    const response = await me(await demoToken(gateway));
    assert.equal(response.status, 200);
    assert.equal((await response.json()).fiscalCode, GIULIA);
  });

  it('says why a token is refused: signature, audience, expiry, issuer', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const otherKey = { ...(await exportJWK(privateKey)), kid: demoKey.kid };
    assert.match(await detail(await me(await signed({}, otherKey))), /signature/);
    assert.match(await detail(await me(await signed({ aud: 'another-service' }))), /audience/);
    const token = await signed({});
    clock.advance(10 * 60_000);
    assert.match(await detail(await me(token)), /expired/);
    assert.match(await detail(await me(await signed({ iss: 'https://idp.example.org' }))), /issuer/);
    assert.match(await detail(await me(await signed({ fiscal_number: 'nobody' }))), /fiscal code/);
    const wrongCheck = `TINIT-${GIULIA.slice(0, 15)}${GIULIA.endsWith('A') ? 'B' : 'A'}`;
    assert.match(await detail(await me(await signed({ fiscal_number: wrongCheck }))), /fiscal code/);
  });

  it('refuses a token that never expires, lasts too long or is dated in the future', async () => {
    const refused = async (times: { iat?: number | null; exp?: number | null }) => {
      const response = await me(await signed({}, demoKey, times));
      const body = await response.clone().json();
      assert.equal(body.code, 'unauthorized', JSON.stringify(times));
      return detail(response);
    };
    assert.match(await refused({ exp: null }), /expires/);
    assert.match(await refused({ iat: null, exp: null }), /expires/);
    // An hour is the most by default, from iat, or from now when there is none.
    assert.match(await refused({ exp: 3601 }), /longer/);
    assert.match(await refused({ iat: null, exp: 3601 }), /longer/);
    assert.match(await refused({ iat: -600, exp: 3100 }), /longer/, 'issued 10 minutes ago, for 61');
    // A minute of clock drift between the issuer and the gateway is tolerated, more is not.
    assert.match(await refused({ iat: 120, exp: 420 }), /future/);
    for (const times of [{ exp: 3600 }, { iat: null, exp: 3600 }, { iat: 50, exp: 350 }]) {
      assert.equal((await me(await signed({}, demoKey, times))).status, 200, JSON.stringify(times));
    }
  });
});

describe('gateway trusting an external OpenID Connect issuer', () => {
  let idp: Server;
  let gateway: TestGateway;
  let issuer: string;
  let signingKey: CryptoKey;
  before(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    signingKey = privateKey;
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] };
    idp = createServer((request, response) => {
      response.setHeader('Content-Type', 'application/json');
      if (request.url === '/.well-known/openid-configuration')
        response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (request.url === '/jwks') response.end(JSON.stringify(jwks));
      else response.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as { port: number }).port}`;
    gateway = await startTestGateway('sqlite', {
      demoLogin: false,
      paymentProvider: 'simulated',
      oidc: { issuer, audience: 'comune-esempio' },
    });
  });
  after(async () => {
    await gateway?.close();
    idp?.close();
  });

  it('verifies its tokens through discovery and its JWKS, and has no demo sign-in', async () => {
    const token = await new SignJWT({ fiscal_number: `TINIT-${GIULIA}` })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .setIssuer(issuer)
      .setAudience('comune-esempio')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey);
    const response = await fetch(`${gateway.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    // Signed in, but without demo mode the registry holds no demo families.
    assert.equal(response.status, 404);
    assert.equal((await fetch(`${gateway.url}/demo-login/token`, json({ fiscalCode: GIULIA }))).status, 404);
  });
});

describe('gateway protections', () => {
  let gateway: TestGateway;
  // A site of its own, so this runs before anything is built.
  const siteRoot = mkdtempSync(join(tmpdir(), 'sportello-site-'));
  before(async () => {
    for (const folder of ['demo', 'dist/kiosk']) mkdirSync(join(siteRoot, folder), { recursive: true });
    writeFileSync(join(siteRoot, 'demo', 'index.html'), '<!doctype html><title>Comune</title>');
    writeFileSync(join(siteRoot, 'dist', 'sportello.js'), 'export {};');
    gateway = await startTestGateway('sqlite', {
      allowedOrigins: ['https://www.comune.esempio.it'],
      rateLimit: { max: 1000, windowMs: 60_000 },
      bodyLimitBytes: 2048,
      siteRoot,
    });
  });
  after(async () => {
    await gateway?.close();
    rmSync(siteRoot, { recursive: true, force: true });
  });

  it('sends security headers and a strict Content Security Policy', async () => {
    for (const path of ['/', '/api/health']) {
      const response = await fetch(gateway.url + path);
      assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self';/, path);
      assert.doesNotMatch(
        response.headers.get('content-security-policy') ?? '',
        /unsafe-inline|upgrade-insecure/,
      );
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      // One framing policy: CSP's, with no X-Frame-Options saying something else.
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(response.headers.get('x-frame-options'), null, path);
    }
  });

  it('allows cross-origin API calls only from the configured sites', async () => {
    const allowed = await fetch(`${gateway.url}/api/health`, {
      headers: { Origin: 'https://www.comune.esempio.it' },
    });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://www.comune.esempio.it');
    // The widgets on that site read the gateway's time off its answers (a device's clock may be off).
    assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /\bDate\b/);
    const other = await fetch(`${gateway.url}/api/health`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${gateway.url}/api/feedback`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://www.comune.esempio.it',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
  });

  it('serves the CDN bundle to any site, as module scripts need', async () => {
    const response = await fetch(`${gateway.url}/dist/sportello.js`, {
      method: 'HEAD',
      headers: { Origin: 'https://another.comune.it' },
    });
    if (response.status === 404) return assert.fail('build first: dist/sportello.js is missing');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
  });

  it('refuses bodies over the size limit with 413', async () => {
    const response = await fetch(
      `${gateway.url}/api/feedback`,
      json({ service: 'cie', rating: 5, comment: 'x'.repeat(4000) }),
    );
    assert.equal(response.status, 413);
    assert.equal((await response.json()).code, 'payload-too-large');
  });
});

describe('gateway clock', () => {
  it('dates its answers by the clock that times holds and appointments, not the system’s', async () => {
    const gateway = await startTestGateway('sqlite', { now: manualClock('2026-11-23T09:00:00+01:00').now });
    try {
      const answer = await fetch(`${gateway.url}/api/health`);
      assert.equal(answer.headers.get('date'), 'Mon, 23 Nov 2026 08:00:00 GMT');
      const refused = await fetch(`${gateway.url}/api/booking/slots?service=cie`);
      assert.equal(refused.status, 400);
      assert.equal(refused.headers.get('date'), 'Mon, 23 Nov 2026 08:00:00 GMT', 'errors too');
    } finally {
      await gateway.close();
    }
  });
});

describe('gateway rate limit', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startTestGateway('sqlite', { rateLimit: { max: 3, windowMs: 60_000 } });
  });
  after(() => gateway?.close());

  it('answers 429 with Retry-After once a client goes over the limit', async () => {
    const statuses = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await fetch(`${gateway.url}/api/health`);
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const body = await last!.json();
    assert.equal(body.code, 'rate-limited');
    assert.ok(Number(last!.headers.get('retry-after')) > 0);
    assert.equal(body.retryAfterSeconds, Number(last!.headers.get('retry-after')));
  });
});

describe('gateway logs', () => {
  let gateway: TestGateway;
  let logs = '';
  before(async () => {
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logs += chunk;
        done();
      },
    });
    gateway = await startTestGateway('sqlite', { logLevel: 'info' }, { logStream });
  });
  after(() => gateway?.close());

  it('never contain fiscal codes, names, emails, tokens or notice numbers', async () => {
    const token = await demoToken(gateway);
    await fetch(`${gateway.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    await fetch(`${gateway.url}/api/me`, { headers: { Authorization: 'Bearer garbage.token.value' } });
    await fetch(
      `${gateway.url}/api/feedback`,
      json({
        service: 'cie',
        rating: 2,
        comment: 'Sono Giulia Bianchi, giulia.bianchi@example.it, avviso 312202600000010178',
      }),
    );
    await fetch(`${gateway.url}/api/feedback/summary?service=312202600000010178&cf=${GIULIA}`);
    await fetch(`${gateway.url}/api/feedback`, json({ service: 'cie', rating: 'RSSMRA50C15L219Y' }));
    assert.match(logs, /"operation":"getCitizen"/, 'requests are logged');
    for (const secret of [
      GIULIA,
      'RSSMRA50C15L219Y',
      'Giulia',
      'Bianchi',
      'giulia.bianchi@example.it',
      '312202600000010178',
      token,
      'garbage.token',
      'Bearer',
    ]) {
      assert.ok(!logs.includes(secret), `the logs contain ${secret}`);
    }
  });
});

describe('gateway configuration', () => {
  it('reads a JSON file, then environment variables over it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sportello-config-'));
    const file = join(folder, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 8000, host: '0.0.0.0', oidc: { issuer: 'https://idp.example' } }),
    );
    try {
      const config = loadConfig({
        SPORTELLO_CONFIG: file,
        PORT: '9090',
        ALLOWED_ORIGINS: 'https://a.example, https://b.example',
        DEMO_LOGIN: 'false',
        PAYMENT_PROVIDER: 'pagopa-checkout',
        OIDC_AUDIENCE: 'comune',
        RATE_LIMIT_MAX: '50',
      });
      assert.equal(config.port, 9090);
      assert.equal(config.host, '0.0.0.0');
      assert.deepEqual(config.allowedOrigins, ['https://a.example', 'https://b.example']);
      assert.equal(config.demoLogin, false);
      assert.deepEqual(config.oidc, { issuer: 'https://idp.example', audience: 'comune' });
      assert.deepEqual(config.rateLimit, { max: 50, windowMs: 60_000 });
      assert.equal(config.databaseUrl, undefined);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses values it cannot use, saying which', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /^ConfigError: PORT must be a port number/);
    assert.throws(() => loadConfig({ DEMO_LOGIN: 'maybe' }), /DEMO_LOGIN must be true or false/);
  });

  it('simulates payments by default only in demo mode', () => {
    assert.equal(loadConfig({ DEMO_LOGIN: 'true' }).paymentProvider, 'simulated');
    // Anyone may choose a simulated payment's outcome, with no sign-in: outside demo mode that
    // would let anyone mark the municipality's real notices paid, so the operator must choose.
    assert.throws(
      () => loadConfig({ DEMO_LOGIN: 'false' }),
      /^ConfigError: PAYMENT_PROVIDER must be set when DEMO_LOGIN is false[^\n]*$/,
    );
    assert.throws(() => loadConfig({}), /PAYMENT_PROVIDER must be set/, 'demo mode is off by default');
    const folder = mkdtempSync(join(tmpdir(), 'sportello-config-'));
    try {
      const file = join(folder, 'config.json');
      writeFileSync(file, JSON.stringify({ demoLogin: false }));
      assert.throws(() => loadConfig({ SPORTELLO_CONFIG: file }), /PAYMENT_PROVIDER must be set/);
      writeFileSync(file, JSON.stringify({ demoLogin: false, paymentProvider: 'pagopa-checkout' }));
      assert.equal(loadConfig({ SPORTELLO_CONFIG: file }).paymentProvider, 'pagopa-checkout');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    assert.equal(
      loadConfig({ DEMO_LOGIN: 'false', PAYMENT_PROVIDER: 'pagopa-checkout' }).paymentProvider,
      'pagopa-checkout',
    );
    // A test installation may still simulate without the demo sign-in, when it says so.
    assert.equal(
      loadConfig({ DEMO_LOGIN: 'false', PAYMENT_PROVIDER: 'simulated' }).paymentProvider,
      'simulated',
    );
  });

  it('seeds a payment catalogue from a file, checked against the contract', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sportello-catalogue-'));
    const file = join(folder, 'catalogue.json');
    const item = {
      id: 'trasporto',
      name: { it: 'Trasporto scolastico', en: 'School bus' },
      amount: { kind: 'fixed', cents: 3500 },
      fields: [],
    };
    writeFileSync(file, JSON.stringify({ items: [item] }));
    const gateway = await startTestGateway('sqlite', {
      demoLogin: false,
      paymentProvider: 'simulated',
      catalogueFile: file,
    });
    try {
      const catalogue = await (await fetch(`${gateway.url}/api/payments/catalogue`)).json();
      assert.deepEqual(catalogue, { items: [item] });
    } finally {
      await gateway.close();
    }
    writeFileSync(file, JSON.stringify({ items: [{ ...item, amount: { kind: 'whatever' } }] }));
    await assertRefusesToStart(
      { catalogueFile: file },
      /not a valid payment catalogue: items\.0\.amount\.kind/,
    );
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses a payment catalogue it could not serve, saying why', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sportello-catalogue-'));
    const file = join(folder, 'catalogue.json');
    const withAmount = (amount: object) =>
      writeFileSync(
        file,
        JSON.stringify({ items: [{ id: 'x', name: { it: 'X', en: 'X' }, amount, fields: [] }] }),
      );
    try {
      withAmount({ kind: 'fixed' });
      await assertRefusesToStart(
        { catalogueFile: file },
        /not a valid payment catalogue: items\.0\.amount\.cents is required for a fixed amount/,
      );
      withAmount({ kind: 'entered', minCents: 20000, maxCents: 500 });
      await assertRefusesToStart(
        { catalogueFile: file },
        /items\.0\.amount\.minCents is more than amount\.maxCents/,
      );
      // Notices made here would be unknown to pagoPA's checkout.
      withAmount({ kind: 'fixed', cents: 1600 });
      await assertRefusesToStart(
        { catalogueFile: file, paymentProvider: 'pagopa-checkout' },
        /CATALOGUE_FILE cannot be used with PAYMENT_PROVIDER=pagopa-checkout/,
      );
      // Nor one seeded on an earlier start (the demo's here): pagoPA checkout serves no catalogue.
      const dataDir = join(folder, 'data');
      mkdirSync(dataDir);
      await (await startTestGateway('sqlite', { dataDir })).close();
      await assertRefusesToStart(
        { dataDir, paymentProvider: 'pagopa-checkout' },
        /cannot serve the payment catalogue this database holds from an earlier start/,
      );
      const withCheckout = await startTestGateway('sqlite', { paymentProvider: 'pagopa-checkout' });
      try {
        const catalogue = await (await fetch(`${withCheckout.url}/api/payments/catalogue`)).json();
        assert.deepEqual(catalogue, { items: [] }, 'not the demo one either');
      } finally {
        await withCheckout.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a municipality profile that breaks the contract, naming the field', async () => {
    await assertRefusesToStart(
      { municipalityFile: join(import.meta.dirname, '..', 'package.json') },
      /not a valid municipality profile: .*creditorFiscalCode/,
    );
  });
});
