// What the gateway's answers say besides their bodies: which a cache may keep (none that holds
// personal data or a secret, checked operation by operation from the contract), which are
// compressed (public ones only), and Strict-Transport-Security only over HTTPS.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { manualClock } from '@sportello/core/node';
import { operations } from '@sportello/core/contract';
import { DEMO_OPERATOR_TOKEN, demoKiosk } from '@sportello/demo-data';
import { precompressFile } from '../../../scripts/precompress.mjs';
import { startTestGateway, type TestGateway } from '../../../test/support/gateway.js';
import { PUBLIC_ANSWERS } from './app.js';

// Monday 23 November 2026, 09:00 in Rome: the demo town's counters take bookings from 11:00.
const NOW = '2026-11-23T09:00:00+01:00';
const GIULIA = 'BNCGLU85L62H501D';
const EC = '80001234568';
const CIE = { service: 'cie', office: 'anagrafe-centrale' };
const KIOSK = { 'Sportello-Kiosk-Key': demoKiosk.key };
const APPLICANT = { givenName: 'Mario', familyName: 'Rossi', email: 'mario.rossi@example.it' };

/** A request without fetch's decoding: the bytes as they came, and the headers. */
function raw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** What every step of the walk below may use from the ones before it. */
interface Made {
  token: string;
  notice: { creditorFiscalCode: string; noticeNumber: string };
  paymentId: string;
  holdId: string;
  reference: string;
  manageCode: string;
  handOffCode: string;
  certificateRequestId: string;
  certificateId: string;
  downloadUrl: string;
}

describe('gateway caching', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startTestGateway('sqlite', { now: manualClock(NOW).now });
  });
  after(() => gateway?.close());

  const call = (path: string, init: RequestInit = {}) => fetch(`${gateway.url}${path}`, init);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const hold = async (start: string) => {
    const response = await post('/api/booking/holds', { ...CIE, start });
    assert.equal(response.status, 201);
    return ((await response.json()) as { id: string }).id;
  };

  /**
   * A successful request for each operation of the contract, in an order where each may use what
   * the ones before made (a payment, a hold, an appointment and its manage code).
   */
  const successes: Record<string, (made: Made) => Promise<Response>> = {
    getHealth: () => call('/api/health'),
    getMunicipality: () => call('/api/municipality'),
    getCitizen: (made) => call('/api/me', { headers: { Authorization: `Bearer ${made.token}` } }),
    createFeedback: () => post('/api/feedback', { service: 'cie', rating: 5 }),
    getFeedbackSummary: () => call('/api/feedback/summary?service=cie'),
    lookUpNotice: () =>
      post('/api/payments/notice-lookups', { creditorFiscalCode: EC, noticeNumber: '312202600000010178' }),
    getPaymentCatalogue: () => call('/api/payments/catalogue'),
    createCatalogueNotice: async (made) => {
      const response = await post('/api/payments/catalogue/bollo-certificato/notices', { fields: {} });
      const { creditorFiscalCode, noticeNumber } = await response.clone().json();
      made.notice = { creditorFiscalCode, noticeNumber };
      return response;
    },
    createCheckout: async (made) => {
      const response = await post('/api/payments/checkouts', {
        notices: [made.notice],
        returnUrl: `${gateway.url}/`,
      });
      made.paymentId = (await response.clone().json()).id;
      return response;
    },
    setSimulatedOutcome: (made) =>
      post(`/api/payments/${made.paymentId}/simulated-outcome`, { outcome: 'paid' }),
    getPayment: (made) => call(`/api/payments/${made.paymentId}`),
    getReceiptPdf: (made) => call(`/api/payments/${made.paymentId}/receipt.pdf`),
    getBookingServices: () => call('/api/booking/services'),
    getBookingAvailability: () =>
      call(`/api/booking/availability?service=cie&office=anagrafe-centrale&month=2026-11`),
    getBookingSlots: () => call(`/api/booking/slots?service=cie&office=anagrafe-centrale&date=2026-11-25`),
    createBookingHold: async (made) => {
      const response = await post('/api/booking/holds', { ...CIE, start: '2026-11-25T09:10:00+01:00' });
      made.holdId = (await response.clone().json()).id;
      return response;
    },
    createAppointment: async (made) => {
      const response = await post('/api/booking/appointments', {
        holdId: made.holdId,
        reason: 'scadenza',
        applicant: APPLICANT,
        language: 'it',
      });
      const { appointment, manageCode } = await response.clone().json();
      Object.assign(made, { reference: appointment.reference, manageCode });
      return response;
    },
    getAppointment: (made) =>
      call(`/api/booking/appointments/${made.reference}`, {
        headers: { 'Sportello-Manage-Code': made.manageCode },
      }),
    rescheduleAppointment: async (made) =>
      post(
        `/api/booking/appointments/${made.reference}/reschedule`,
        { holdId: await hold('2026-11-25T09:30:00+01:00') },
        { 'Sportello-Manage-Code': made.manageCode },
      ),
    releaseBookingHold: async () =>
      call(`/api/booking/holds/${await hold('2026-11-25T10:10:00+01:00')}`, { method: 'DELETE' }),
    cancelAppointment: (made) =>
      call(`/api/booking/appointments/${made.reference}`, {
        method: 'DELETE',
        headers: { 'Sportello-Manage-Code': made.manageCode },
      }),
    createHoldHandOff: async (made) => {
      const response = await call(`/api/booking/holds/${await hold('2026-11-25T10:30:00+01:00')}/hand-offs`, {
        method: 'POST',
        headers: KIOSK,
      });
      made.handOffCode = (await response.clone().json()).code;
      return response;
    },
    claimHoldHandOff: (made) => post('/api/booking/hand-off-claims', { code: made.handOffCode }),
    sendKioskHeartbeat: () =>
      post(
        '/api/kiosks/heartbeat',
        { version: '0.1.0', serviceWorker: 'active', storageUsedBytes: 0 },
        KIOSK,
      ),
    getKiosk: () => call('/api/kiosks/me', { headers: KIOSK }),
    listKiosks: () => call('/api/kiosks', { headers: { 'Sportello-Operator-Token': DEMO_OPERATOR_TOKEN } }),
    listCertificateKinds: () => call('/api/certificates/kinds'),
    getSealKeys: () => call('/api/certificates/seal-keys'),
    createCertificateRequest: async (made) => {
      const response = await post(
        '/api/certificates/requests',
        { kind: 'family', subject: GIULIA, use: 'exempt', exemption: 'court-case' },
        { Authorization: `Bearer ${made.token}` },
      );
      const { id, certificate } = await response.clone().json();
      Object.assign(made, { certificateRequestId: id, certificateId: certificate.id });
      return response;
    },
    getCertificateRequest: (made) =>
      call(`/api/certificates/requests/${made.certificateRequestId}`, {
        headers: { Authorization: `Bearer ${made.token}` },
      }),
    createCertificateDownloadLink: async (made) => {
      const response = await call(`/api/certificates/requests/${made.certificateRequestId}/download-links`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${made.token}` },
      });
      made.downloadUrl = (await response.clone().json()).url;
      return response;
    },
    downloadCertificate: (made) => call(made.downloadUrl),
    createSelfDeclaration: (made) =>
      post(
        '/api/certificates/self-declarations',
        { subject: GIULIA, kinds: ['birth'] },
        { Authorization: `Bearer ${made.token}` },
      ),
    verifyCertificate: (made) => post('/api/certificates/verifications', { id: made.certificateId }),
  };

  it('lists as public only answers about no one', () => {
    for (const id of Object.keys(PUBLIC_ANSWERS)) {
      const operation = operations.find((candidate) => candidate.id === id);
      assert.ok(operation, `${id} is in the contract`);
      assert.equal(operation.method, 'GET', `${id} reads`);
      assert.equal(operation.citizen, false, `${id} needs no citizen`);
      assert.equal(operation.headerNames, undefined, `${id} takes no manage code`);
    }
  });

  it('answers every operation of the contract with no-store, unless it is public', async () => {
    const missing = operations.filter((operation) => !(operation.id in successes)).map((o) => o.id);
    assert.deepEqual(missing, [], 'each operation has a successful request here');
    const tokenAnswer = await post('/demo-login/token', { fiscalCode: GIULIA });
    const made = { token: (await tokenAnswer.json()).access_token } as Made;
    for (const [id, succeed] of Object.entries(successes)) {
      const response = await succeed(made);
      assert.ok(response.ok, `${id}: ${response.status} ${await response.clone().text()}`);
      const expected = PUBLIC_ANSWERS[id]?.cacheControl ?? 'no-store';
      assert.equal(response.headers.get('cache-control'), expected, id);
    }
  });

  it('answers every refusal with no-store, public operations’ included', async () => {
    for (const operation of operations) {
      // Every operation refuses an unknown query parameter.
      const path = operation.url.replaceAll(/\{\w+\}/g, 'x');
      const response = await call(`${path}?unknown=1`, { method: operation.method });
      assert.ok(response.status >= 400, `${operation.id}: ${response.status}`);
      assert.equal(response.headers.get('cache-control'), 'no-store', operation.id);
    }
    const signedOut = await call('/api/me');
    assert.equal(signedOut.status, 401);
    assert.equal(signedOut.headers.get('cache-control'), 'no-store');
  });

  it('keeps the demo’s tokens, citizens and mailbox out of caches', async () => {
    const answers = [
      await post('/demo-login/token', { fiscalCode: GIULIA }),
      await call('/demo-login/citizens'),
      await call('/demo/mailbox/messages.json'),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 200, answer.url);
      assert.equal(answer.headers.get('cache-control'), 'no-store', answer.url);
    }
  });
});

describe('gateway compression', () => {
  let gateway: TestGateway;
  const siteRoot = mkdtempSync(join(tmpdir(), 'sportello-site-'));
  // Text that compresses well, as a bundle does.
  const bundle = `export const words = ${JSON.stringify('Paga un avviso pagoPA. '.repeat(400))};\n`;
  before(async () => {
    for (const folder of ['demo', 'dist/kiosk']) mkdirSync(join(siteRoot, folder), { recursive: true });
    writeFileSync(
      join(siteRoot, 'demo', 'index.html'),
      `<!doctype html><title>Comune</title>${'<p>'.repeat(500)}`,
    );
    writeFileSync(join(siteRoot, 'dist', 'sportello.js'), bundle);
    precompressFile(join(siteRoot, 'dist', 'sportello.js'));
    mkdirSync(join(siteRoot, 'packages', 'core'), { recursive: true });
    const manifest = { modules: Array.from({ length: 50 }, (_, i) => ({ path: `src/module-${i}.ts` })) };
    writeFileSync(join(siteRoot, 'packages', 'core', 'custom-elements.json'), JSON.stringify(manifest));
    gateway = await startTestGateway('sqlite', { now: manualClock(NOW).now, siteRoot });
  });
  after(async () => {
    await gateway?.close();
    rmSync(siteRoot, { recursive: true, force: true });
  });

  it('compresses public JSON answers as asked, saying Vary, and they decode to the same JSON', async () => {
    const path = `${gateway.url}/api/booking/availability?service=cie&office=anagrafe-centrale&month=2026-12`;
    const plain = await raw(path);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.length > 1024, 'big enough to be worth compressing');
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const answer = await raw(path, { 'Accept-Encoding': encoding });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['content-encoding'], encoding);
      assert.match(String(answer.headers.vary), /accept-encoding/i);
      assert.ok(answer.body.length < plain.body.length / 2);
      assert.deepEqual(JSON.parse(decode(answer.body).toString()), JSON.parse(plain.body.toString()));
    }
  });

  it('never compresses an answer about someone, nor one with a manage code; none is cached', async () => {
    const token = (
      await (
        await fetch(`${gateway.url}/demo-login/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ fiscalCode: GIULIA }),
        })
      ).json()
    ).access_token;
    const me = await raw(`${gateway.url}/api/me`, {
      'Accept-Encoding': 'br, gzip',
      Authorization: `Bearer ${token}`,
    });
    assert.equal(me.status, 200);
    assert.equal(me.headers['content-encoding'], undefined);
    assert.equal(me.headers['cache-control'], 'no-store');

    const held = await fetch(`${gateway.url}/api/booking/holds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...CIE, start: '2026-11-26T09:10:00+01:00' }),
    });
    const confirmed = await fetch(`${gateway.url}/api/booking/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Encoding': 'br, gzip' },
      body: JSON.stringify({
        holdId: (await held.json()).id,
        reason: 'scadenza',
        // Text an attacker could choose, beside the secret code in the same answer (BREACH).
        applicant: { ...APPLICANT, givenName: 'M'.repeat(60), familyName: 'R'.repeat(60) },
        notes: 'n'.repeat(500),
        language: 'it',
      }),
    });
    assert.equal(confirmed.status, 201);
    assert.ok((await confirmed.json()).manageCode);
    assert.equal(confirmed.headers.get('content-encoding'), null);
    assert.equal(confirmed.headers.get('cache-control'), 'no-store');
  });

  it('sends a bundle file as the build compressed it, and the demo pages compressed as they go', async () => {
    const file = join(siteRoot, 'dist', 'sportello.js');
    for (const encoding of ['br', 'gzip'] as const) {
      const answer = await raw(`${gateway.url}/dist/sportello.js`, { 'Accept-Encoding': encoding });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['content-encoding'], encoding);
      assert.match(String(answer.headers.vary), /accept-encoding/i);
      const precompressed = readFileSync(`${file}.${encoding === 'br' ? 'br' : 'gz'}`);
      assert.ok(answer.body.equals(precompressed), `the build's ${encoding} copy, as it is`);
      assert.match(String(answer.headers['content-type']), /javascript/);
      assert.equal(answer.headers['access-control-allow-origin'], '*');
    }
    const plain = await raw(`${gateway.url}/dist/sportello.js`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), bundle);

    const page = await raw(`${gateway.url}/`, { 'Accept-Encoding': 'gzip' });
    assert.equal(page.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(page.body).toString(), /<title>Comune<\/title>/);
    const manifest = await raw(`${gateway.url}/manifests/core.json`, { 'Accept-Encoding': 'br' });
    assert.equal(manifest.headers['content-encoding'], 'br');
    assert.equal(JSON.parse(brotliDecompressSync(manifest.body).toString()).modules.length, 50);
  });
});

describe('gateway Strict-Transport-Security', () => {
  const hsts = (response: Response) => response.headers.get('strict-transport-security');

  it('is sent only when the request came over HTTPS through a trusted proxy', async () => {
    const behindProxy = await startTestGateway('sqlite', { trustProxy: '127.0.0.1' });
    try {
      const overHttps = await fetch(`${behindProxy.url}/api/health`, {
        headers: { 'X-Forwarded-Proto': 'https' },
      });
      assert.match(hsts(overHttps) ?? '', /^max-age=\d+/);
      const overHttp = await fetch(`${behindProxy.url}/api/health`, {
        headers: { 'X-Forwarded-Proto': 'http' },
      });
      assert.equal(hsts(overHttp), null);
      assert.equal(hsts(await fetch(`${behindProxy.url}/api/health`)), null);
    } finally {
      await behindProxy.close();
    }
  });

  it('is not sent over plain HTTP, whatever an untrusted client says', async () => {
    const direct = await startTestGateway('sqlite');
    try {
      assert.equal(hsts(await fetch(`${direct.url}/api/health`)), null);
      const claimed = await fetch(`${direct.url}/api/health`, { headers: { 'X-Forwarded-Proto': 'https' } });
      assert.equal(hsts(claimed), null);
    } finally {
      await direct.close();
    }
  });
});
