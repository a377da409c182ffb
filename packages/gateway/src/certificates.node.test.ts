// Registry certificates in the reference gateway: signed-in citizens only, for themselves or their
// registry family; the use decides the stamp, and "another exemption" needs its reason; a
// certificate that owes the stamp is issued once its notice is paid on the simulated checkout,
// exactly once however many ask at the same moment, on one instance or two; links download once,
// within 15 minutes, and carry nobody's data; anyone verifies a certificate by its identifier
// (valid, expired, revoked, unknown) within a rate limit, and its seal with the published keys.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { generateSealKeys, importSealSigningKey, verifySeal } from '@sportello/core/certificates';
import type { Schemas } from '@sportello/core/contract';
import { demoRegistry } from '@sportello/demo-data';
import { manualClock, type ManualClock } from '@sportello/core/node';
import {
  skipUnless,
  startTestGateway,
  startTestGateways,
  type TestGateway,
  type TestGatewayGroup,
} from '../../../test/support/gateway.js';
import { certificateCommand } from './certificate-command.js';
import { VERIFICATIONS_PER_CLIENT, certificateHandlers } from './certificates.js';
import type { Database } from './database.js';
import { openDemoIssuer } from './identity.js';
import { paymentProvider } from './payments.js';
import { simulatedRegistry } from './registry.js';
import { openSealKeys } from './seal-key.js';

// Monday 23 November 2026, 09:00 in Rome.
const NOW = '2026-11-23T09:00:00+01:00';
const GIULIA = 'BNCGLU85L62H501D';
const LUCA = 'VRDLCU83S02F205C';
const SOFIA = 'VRDSFO16D49H501H';
const MARIO = 'RSSMRA50C15L219Y';
/** What must never reach a log or a link: the demo family's codes and names. */
const PERSONAL = [GIULIA, LUCA, SOFIA, 'Giulia', 'Bianchi', 'Sofia', 'Verdi', 'Via Roma'];
const CODE_URL = /^\/api\/certificates\/downloads\/[A-Za-z0-9_-]{32}$/;

type CertificateRequest = Schemas['CertificateRequest'];
interface Problem {
  status: number;
  code: string;
  field?: string;
  errors?: { field: string; code: string }[];
  retryAfterSeconds?: number;
}

/**
 * Requests to one gateway, as the certificate element and the payment element send them; `site`:
 * where checkout sends the citizen back (a page of the gateway's own site).
 */
function client(base: () => string, site = () => `${base()}/certificati`) {
  const call = (path: string, init: RequestInit = {}) => fetch(base() + path, init);
  const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const bearer = (token?: string): Record<string, string> =>
    token ? { Authorization: `Bearer ${token}` } : {};
  return {
    call,
    async signIn(fiscalCode = GIULIA): Promise<string> {
      const response = await call('/demo-login/token', json('POST', { fiscalCode }));
      assert.equal(response.status, 200);
      return ((await response.json()) as { access_token: string }).access_token;
    },
    ask: (body: unknown, token?: string, headers: Record<string, string> = {}) =>
      call('/api/certificates/requests', json('POST', body, { ...bearer(token), ...headers })),
    get: (id: string, token?: string) => call(`/api/certificates/requests/${id}`, { headers: bearer(token) }),
    link: (id: string, token?: string) =>
      call(`/api/certificates/requests/${id}/download-links`, { method: 'POST', headers: bearer(token) }),
    declare: (body: unknown, token?: string) =>
      call('/api/certificates/self-declarations', json('POST', body, bearer(token))),
    verify: (id: string, from = '192.0.2.1') =>
      call('/api/certificates/verifications', json('POST', { id }, { 'X-Forwarded-For': from })),
    /** Pays a notice on the simulated checkout, as the citizen would choose "paid" there. */
    async pay(notice: Schemas['NoticeRef']): Promise<void> {
      const checkout = await call(
        '/api/payments/checkouts',
        json('POST', { notices: [notice], returnUrl: site() }),
      );
      assert.equal(checkout.status, 201, await checkout.clone().text());
      const { id } = (await checkout.json()) as Schemas['Payment'];
      const paid = await call(`/api/payments/${id}/simulated-outcome`, json('POST', { outcome: 'paid' }));
      assert.equal(paid.status, 200);
    },
  };
}

async function problemOf(response: Response, status: number, code: string): Promise<Problem> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text) as Problem;
  assert.equal(body.code, code, text);
  return body;
}

async function bodyOf<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
}

const familyForBank = { kind: 'family', subject: SOFIA, use: 'private-party' } as const;

/** Stamp notices made so far (by their description). */
async function stampNotices(database: Database): Promise<number> {
  const { count } = await database.db
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('description', 'like', 'Imposta di bollo - %')
    .executeTakeFirstOrThrow();
  return Number(count);
}

const logCollector = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  return { stream, text: () => text };
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`certificates on ${kind}`, { skip: skipUnless(kind) }, () => {
    let gateway: TestGateway;
    let clock: ManualClock;
    const logs = logCollector();
    const api = client(() => gateway.url);
    before(async () => {
      clock = manualClock(NOW);
      gateway = await startTestGateway(
        kind,
        { now: clock.now, trustProxy: true, rateLimit: { max: 10_000, windowMs: 60_000 }, logLevel: 'info' },
        { logStream: logs.stream },
      );
    });
    after(() => gateway?.close());

    it('lists the 14 kinds and the stamp, and publishes the seal keys, both cacheable', async () => {
      const listed = await api.call('/api/certificates/kinds');
      assert.equal(listed.headers.get('cache-control'), 'public, max-age=300');
      const kinds = await bodyOf<Schemas['CertificateKindList']>(listed, 200);
      assert.equal(kinds.kinds.length, 14);
      assert.deepEqual(
        kinds.kinds.find((entry) => entry.id === 'birth'),
        {
          id: 'birth',
          stamp: 'never',
          validity: 'unlimited',
        },
      );
      assert.equal(kinds.stampOnline, true);
      assert.equal(kinds.stampCents, 1600);
      const keys = await api.call('/api/certificates/seal-keys');
      assert.equal(keys.headers.get('cache-control'), 'no-cache');
      const { keys: published } = await bodyOf<Schemas['SealKeySet']>(keys, 200);
      assert.equal(published.length, 1);
      assert.equal(published[0]!.crv, 'Ed25519');
      assert.ok(!('d' in published[0]!), 'never the private part');
    });

    it('answers 401 to every operation of a citizen without a token', async () => {
      const id = crypto.randomUUID();
      for (const response of [
        await api.ask(familyForBank),
        await api.get(id),
        await api.link(id),
        await api.declare({ subject: SOFIA, kinds: ['birth'] }),
      ]) {
        await problemOf(response, 401, 'unauthorized');
        assert.equal(response.headers.get('cache-control'), 'no-store');
      }
    });

    it('refuses someone outside the citizen’s registry family with 403 not-in-family', async () => {
      const token = await api.signIn();
      await problemOf(await api.ask({ ...familyForBank, subject: MARIO }, token), 403, 'not-in-family');
      await problemOf(await api.declare({ subject: MARIO, kinds: ['birth'] }, token), 403, 'not-in-family');
    });

    it('refuses a certificate the registry has nothing for with 409 certificate-not-applicable', async () => {
      const token = await api.signIn();
      const marriage = { kind: 'marriage', subject: SOFIA, use: 'private-party' };
      await problemOf(await api.ask(marriage, token), 409, 'certificate-not-applicable');
      await problemOf(
        await api.ask(
          { kind: 'residence-abroad', subject: GIULIA, use: 'exempt', exemption: 'court-case' },
          token,
        ),
        409,
        'certificate-not-applicable',
      );
      await problemOf(
        await api.declare({ subject: SOFIA, kinds: ['birth', 'marriage'] }, token),
        409,
        'certificate-not-applicable',
      );
    });

    it('needs an exemption for an exempt use, and a reason for another exemption only, naming the field', async () => {
      const token = await api.signIn();
      const refused = async (body: Record<string, unknown>, field: string, code: string) => {
        const problem = await problemOf(
          await api.ask({ ...familyForBank, ...body }, token),
          400,
          'validation-failed',
        );
        assert.equal(problem.field, field);
        assert.deepEqual(
          problem.errors?.map((error) => [error.field, error.code]),
          [[field, code]],
        );
      };
      await refused({ use: 'exempt' }, 'exemption', 'required');
      await refused({ use: 'exempt', exemption: 'other' }, 'exemptionReason', 'required');
      await refused(
        { use: 'exempt', exemption: 'other', exemptionReason: '   ' },
        'exemptionReason',
        'required',
      );
      await refused(
        { use: 'exempt', exemption: 'court-case', exemptionReason: 'Causa civile' },
        'exemptionReason',
        'not-allowed',
      );
      await refused({ exemption: 'court-case' }, 'exemption', 'not-allowed');
      // The contract's own limit, in characters.
      await refused(
        { use: 'exempt', exemption: 'other', exemptionReason: 'x'.repeat(257) },
        'exemptionReason',
        'length',
      );
    });

    it('issues at once what owes no stamp: an exempt use, or a birth certificate for anyone', async () => {
      const token = await api.signIn();
      const exempt = await bodyOf<CertificateRequest>(
        await api.ask(
          {
            kind: 'family',
            subject: SOFIA,
            use: 'exempt',
            exemption: 'other',
            exemptionReason: ' Legge 123/2020, articolo 4 ',
          },
          token,
        ),
        201,
      );
      assert.equal(exempt.status, 'issued');
      assert.equal(exempt.stamp, undefined);
      assert.equal(exempt.exemptionReason, 'Legge 123/2020, articolo 4');
      assert.deepEqual(exempt.subject, { fiscalCode: SOFIA, givenName: 'Sofia', familyName: 'Verdi' });
      assert.match(exempt.certificate!.id, /^[0-9A-HJKMNP-TV-Z]{16}$/);
      assert.deepEqual(
        { issuedOn: exempt.certificate!.issuedOn, validUntil: exempt.certificate!.validUntil },
        { issuedOn: '2026-11-23', validUntil: '2027-05-23' },
      );
      const birth = await bodyOf<CertificateRequest>(
        await api.ask({ kind: 'birth', subject: LUCA, use: 'private-party' }, token),
        201,
      );
      assert.equal(birth.status, 'issued');
      assert.equal(birth.stamp, undefined);
      assert.equal(birth.certificate!.validUntil, null);
    });

    it('waits for the stamp, paid on the simulated checkout, then issues once under 10 requests at once', async () => {
      const token = await api.signIn();
      const asked = await bodyOf<CertificateRequest>(await api.ask(familyForBank, token), 201);
      assert.equal(asked.status, 'awaiting-stamp');
      assert.equal(asked.certificate, undefined);
      assert.deepEqual(
        { ...asked.stamp, notice: undefined },
        { amountCents: 1600, paid: false, notice: undefined },
      );
      // The notice is the municipality's, for the stamp, payable like any other.
      const notice = await bodyOf<Schemas['Notice']>(
        await api.call('/api/payments/notice-lookups', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(asked.stamp!.notice),
        }),
        200,
      );
      assert.equal(notice.description, 'Imposta di bollo - Certificato di stato di famiglia');
      assert.equal(notice.amountCents, 1600);
      assert.equal(notice.creditorFiscalCode, '80001234568');
      await problemOf(await api.link(asked.id, token), 409, 'stamp-unpaid');
      assert.equal(
        (await bodyOf<CertificateRequest>(await api.get(asked.id, token), 200)).status,
        'awaiting-stamp',
      );

      await api.pay(asked.stamp!.notice);
      const answers = await Promise.all(
        Array.from({ length: 10 }, async (_, index) => {
          // Half of them ask for a download link, which issues it too.
          if (index % 2 === 1) return (await api.link(asked.id, token)).status;
          return bodyOf<CertificateRequest>(await api.get(asked.id, token), 200);
        }),
      );
      const requests = answers.filter((answer): answer is CertificateRequest => typeof answer === 'object');
      assert.deepEqual(
        answers.filter((answer) => typeof answer === 'number'),
        [201, 201, 201, 201, 201],
      );
      assert.equal(new Set(requests.map((request) => request.certificate?.id)).size, 1, 'one certificate');
      for (const request of requests) {
        assert.equal(request.status, 'issued');
        assert.equal(request.stamp?.paid, true);
      }
      const stored = await gateway.gateway.database.db
        .selectFrom('certificate_requests')
        .select(['certificate_id', 'stamp_paid_at'])
        .where('id', '=', asked.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.certificate_id, requests[0]!.certificate!.id);
      assert.ok(stored.stamp_paid_at, 'the time the stamp was paid, for the PDF');
    });

    it('issues once when ten requests side by side find the stamp paid, on one connection too', async () => {
      // The handlers called in this process at the same moment: their reads, seals and updates
      // interleave at every await, whatever the HTTP server's timing.
      const handlers = certificateHandlers(gateway.gateway.database, {
        now: clock.now,
        registry: simulatedRegistry(),
        sealKeys: await openSealKeys({ dataDir: gateway.config.dataDir, demo: true, now: clock.now() }),
        payments: paymentProvider('simulated'),
        municipality: { name: 'Comune di Esempio', creditorFiscalCode: '80001234568' },
      });
      const input = { query: {}, headers: {}, citizen: GIULIA };
      const asked = await handlers.createCertificateRequest!({ ...input, params: {}, body: familyForBank });
      const { id, stamp } = asked.body as CertificateRequest;
      await api.pay(stamp!.notice);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          handlers.getCertificateRequest!({ ...input, params: { requestId: id }, body: undefined }),
        ),
      );
      const issued = answers.map((answer) => (answer.body as CertificateRequest).certificate?.id);
      assert.equal(new Set(issued).size, 1, issued.join(' '));
      const { certificate_id } = await gateway.gateway.database.db
        .selectFrom('certificate_requests')
        .select('certificate_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(certificate_id, issued[0]);
    });

    it('makes one request and one notice for retries with the same Idempotency-Key', async () => {
      const token = await api.signIn();
      const before = await stampNotices(gateway.gateway.database);
      const key = crypto.randomUUID();
      const first = await bodyOf<CertificateRequest>(
        await api.ask(familyForBank, token, { 'Idempotency-Key': key }),
        201,
      );
      const retries = await Promise.all(
        Array.from({ length: 3 }, async () =>
          bodyOf<CertificateRequest>(await api.ask(familyForBank, token, { 'Idempotency-Key': key }), 201),
        ),
      );
      for (const retry of retries) assert.deepEqual(retry, first);
      assert.equal(await stampNotices(gateway.gateway.database), before + 1);
      // Another request is another stamp.
      await bodyOf(await api.ask(familyForBank, token, { 'Idempotency-Key': crypto.randomUUID() }), 201);
      assert.equal(await stampNotices(gateway.gateway.database), before + 2);
    });

    it('answers another citizen’s request as unknown', async () => {
      const token = await api.signIn();
      const mine = await bodyOf<CertificateRequest>(
        await api.ask({ kind: 'birth', subject: SOFIA, use: 'private-party' }, token),
        201,
      );
      const stranger = await api.signIn(MARIO);
      await problemOf(await api.get(mine.id, stranger), 404, 'not-found');
      await problemOf(await api.link(mine.id, stranger), 404, 'not-found');
    });

    it('downloads a certificate once through a link with nobody’s data in it, then answers 410', async () => {
      const token = await api.signIn();
      const issued = await bodyOf<CertificateRequest>(
        await api.ask({ kind: 'family', subject: SOFIA, use: 'exempt', exemption: 'adoption' }, token),
        201,
      );
      const link = await bodyOf<Schemas['DownloadLink']>(await api.link(issued.id, token), 201);
      assert.match(link.url, CODE_URL);
      for (const word of [...PERSONAL, issued.id, issued.certificate!.id]) {
        assert.ok(!link.url.includes(word), `${word} in the link`);
      }
      assert.equal(Date.parse(link.expiresAt), clock.now() + 15 * 60_000);
      const downloads = await Promise.all(Array.from({ length: 5 }, () => api.call(link.url)));
      const statuses = downloads.map((response) => response.status).sort();
      assert.deepEqual(statuses, [200, 410, 410, 410, 410]);
      const pdf = downloads.find((response) => response.status === 200)!;
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.headers.get('content-disposition'), 'attachment; filename="certificato-family.pdf"');
      assert.equal(pdf.headers.get('cache-control'), 'no-store');
      const bytes = new Uint8Array(await pdf.arrayBuffer());
      assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-');
      for (const refused of downloads.filter((response) => response.status === 410)) {
        await problemOf(refused, 410, 'download-expired');
      }
      await problemOf(await api.call(link.url), 410, 'download-expired');
      await problemOf(await api.call(`/api/certificates/downloads/${'A'.repeat(32)}`), 404, 'not-found');
    });

    it('lets a link run out after 15 minutes, and housekeeping deletes used and old links', async () => {
      const token = await api.signIn();
      const issued = await bodyOf<CertificateRequest>(
        await api.ask({ kind: 'birth', subject: GIULIA, use: 'private-party' }, token),
        201,
      );
      const late = await bodyOf<Schemas['DownloadLink']>(await api.link(issued.id, token), 201);
      const inTime = await bodyOf<Schemas['DownloadLink']>(await api.link(issued.id, token), 201);
      clock.advance(15 * 60_000 - 1);
      assert.equal((await api.call(inTime.url)).status, 200);
      clock.advance(1);
      await problemOf(await api.call(late.url), 410, 'download-expired');
      const round = await gateway.gateway.housekeeping.run();
      assert.ok(round.certificateDownloads >= 2);
      const left = await gateway.gateway.database.db
        .selectFrom('certificate_downloads')
        .select('code_hash')
        .where((eb) => eb.or([eb('used_at_ms', 'is not', null), eb('expires_at_ms', '<=', clock.now())]))
        .execute();
      assert.deepEqual(left, []);
    });

    it('makes a self-declaration for a family member, free, keeping nothing but its link', async () => {
      const token = await api.signIn();
      const requestsBefore = await gateway.gateway.database.db
        .selectFrom('certificate_requests')
        .select('id')
        .execute();
      const noticesBefore = await stampNotices(gateway.gateway.database);
      const link = await bodyOf<Schemas['DownloadLink']>(
        await api.declare({ subject: SOFIA, kinds: ['birth', 'residence', 'family'] }, token),
        201,
      );
      assert.match(link.url, CODE_URL);
      const pdf = await api.call(link.url);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-disposition'), 'attachment; filename="autocertificazione.pdf"');
      assert.equal(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 5)), '%PDF-');
      await problemOf(await api.call(link.url), 410, 'download-expired');
      const kept = await gateway.gateway.database.db
        .selectFrom('certificate_downloads')
        .select('self_declaration')
        .where('kind', '=', 'self-declaration')
        .execute();
      assert.ok(
        kept.every((row) => row.self_declaration === null),
        'its data went with the download',
      );
      const requestsAfter = await gateway.gateway.database.db
        .selectFrom('certificate_requests')
        .select('id')
        .execute();
      assert.equal(requestsAfter.length, requestsBefore.length);
      assert.equal(await stampNotices(gateway.gateway.database), noticesBefore);
    });

    it('verifies a certificate online (valid, revoked, unknown) and its seal with the published keys', async () => {
      const token = await api.signIn();
      const issued = await bodyOf<CertificateRequest>(
        await api.ask(
          { kind: 'family-with-kinship', subject: GIULIA, use: 'exempt', exemption: 'separation-divorce' },
          token,
        ),
        201,
      );
      const id = issued.certificate!.id;
      const valid = await bodyOf<Schemas['CertificateVerification']>(await api.verify(id), 200);
      assert.equal(valid.status, 'valid');
      assert.equal(valid.face.id, id);
      assert.equal(valid.face.subjectInitials, 'G. B.');
      assert.equal(valid.face.issuer, '80001234568');
      assert.ok(!JSON.stringify(valid).includes(GIULIA), 'no fiscal code in the face');

      const { seal } = await gateway.gateway.database.db
        .selectFrom('certificate_requests')
        .select('seal')
        .where('certificate_id', '=', id)
        .executeTakeFirstOrThrow();
      const { keys } = await bodyOf<Schemas['SealKeySet']>(
        await api.call('/api/certificates/seal-keys'),
        200,
      );
      const verdict = await verifySeal(seal!, keys);
      assert.equal(verdict.status, 'genuine');
      assert.deepEqual(verdict.status === 'genuine' && verdict.face, valid.face);
      const other = await generateSealKeys(keys[0]!.kid);
      assert.equal(
        (await verifySeal(seal!, [other.publicJwk])).status,
        'altered',
        'another key under its id',
      );

      await problemOf(await api.verify('0000000000000000'), 404, 'certificate-unknown');
      const printed: string[] = [];
      const run = (...args: string[]) =>
        certificateCommand(args, gateway.gateway.database, {
          now: clock.now,
          out: (line) => printed.push(line),
          err: (line) => printed.push(line),
        });
      // As printed on the paper, in groups of four and lower case.
      const typed = id.toLowerCase().replace(/(.{4})(?!$)/g, '$1-');
      assert.equal(await run('revoke', typed), 0, printed.join('\n'));
      assert.equal(
        (await bodyOf<Schemas['CertificateVerification']>(await api.verify(id), 200)).status,
        'revoked',
      );
      assert.equal(await run('revoke', id), 1, 'revoked already');
      assert.equal(await run('revoke', '0000000000000000'), 1, 'unknown');
      assert.equal(await run('revoke', 'not-an-id'), 2);
      // A revoked certificate is not handed out again.
      await problemOf(await api.link(issued.id, token), 404, 'not-found');
    });

    it('limits online verifications per client, with the time to wait', async () => {
      const from = '192.0.2.77';
      for (let count = 0; count < VERIFICATIONS_PER_CLIENT; count++) {
        await problemOf(await api.verify('0000000000000000', from), 404, 'certificate-unknown');
      }
      clock.advance(20_000);
      const refused = await api.verify('0000000000000000', from);
      const problem = await problemOf(refused, 429, 'rate-limited');
      assert.equal(problem.retryAfterSeconds, 40);
      assert.equal(refused.headers.get('retry-after'), '40');
      await problemOf(await api.verify('0000000000000000', '192.0.2.78'), 404, 'certificate-unknown');
      clock.advance(40_000);
      await problemOf(await api.verify('0000000000000000', from), 404, 'certificate-unknown');
      assert.ok(
        (await gateway.gateway.housekeeping.run()).certificateVerifications >= VERIFICATIONS_PER_CLIENT,
      );
    });

    it('forgets the registry’s details 30 days on: issued ones still verify, unpaid ones are withdrawn', async () => {
      const before = await api.signIn();
      const issued = await bodyOf<CertificateRequest>(
        await api.ask({ kind: 'residence', subject: GIULIA, use: 'exempt', exemption: 'court-case' }, before),
        201,
      );
      const waiting = await bodyOf<CertificateRequest>(await api.ask(familyForBank, before), 201);
      assert.equal(waiting.status, 'awaiting-stamp');
      const paidInTime = await bodyOf<CertificateRequest>(await api.ask(familyForBank, before), 201);
      await api.pay(paidInTime.stamp!.notice);
      clock.advance(30 * 86_400_000 + 60_000);
      const round = await gateway.gateway.housekeeping.run();
      assert.ok(round.erasedCertificateRequests >= 1);
      assert.ok(round.abandonedCertificateRequests >= 1);
      const stored = await gateway.gateway.database.db
        .selectFrom('certificate_requests')
        .select(['id', 'registry'])
        .where('id', 'in', [issued.id, waiting.id, paidInTime.id])
        .execute();
      const registryOf = (id: string) => stored.find((row) => row.id === id)!.registry;
      for (const id of [issued.id, waiting.id]) {
        for (const word of PERSONAL) assert.ok(!registryOf(id).includes(word), `${word} kept`);
      }
      assert.match(registryOf(paidInTime.id), /VRDSFO16D49H501H/, 'paid, not yet asked for: kept to issue');
      const token = await api.signIn();
      await problemOf(await api.get(issued.id, token), 404, 'not-found');
      await problemOf(await api.link(issued.id, token), 404, 'not-found');
      await problemOf(await api.get(waiting.id, token), 404, 'not-found');
      // Its notice can no longer be paid: nobody pays for a certificate that will not come.
      const checkout = await api.call('/api/payments/checkouts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          notices: [waiting.stamp!.notice],
          returnUrl: `${gateway.url}/certificati`,
        }),
      });
      await problemOf(checkout, 409, 'payment-canceled');
      assert.equal(
        (await bodyOf<CertificateRequest>(await api.get(paidInTime.id, token), 200)).status,
        'issued',
      );
      const checked = await bodyOf<Schemas['CertificateVerification']>(
        await api.verify(issued.certificate!.id, '192.0.2.91'),
        200,
      );
      assert.equal(checked.status, 'valid');
      assert.equal(checked.face.subjectInitials, 'G. B.');
      clock.set(NOW); // the tests after this one count their dates from it
    });

    it('answers expired past the validity, and never before for what cannot change', async () => {
      const token = await api.signIn();
      const family = await bodyOf<CertificateRequest>(
        await api.ask({ kind: 'residence', subject: LUCA, use: 'exempt', exemption: 'court-case' }, token),
        201,
      );
      const birth = await bodyOf<CertificateRequest>(
        await api.ask({ kind: 'birth', subject: LUCA, use: 'exempt', exemption: 'court-case' }, token),
        201,
      );
      const validUntil = family.certificate!.validUntil!;
      assert.equal(validUntil, '2027-05-23');
      // The last minute of its last day in Rome (summer time then).
      clock.set(`${validUntil}T23:59:00+02:00`);
      assert.equal(
        (
          await bodyOf<Schemas['CertificateVerification']>(
            await api.verify(family.certificate!.id, '192.0.2.90'),
            200,
          )
        ).status,
        'valid',
      );
      clock.advance(60_000);
      assert.equal(
        (
          await bodyOf<Schemas['CertificateVerification']>(
            await api.verify(family.certificate!.id, '192.0.2.90'),
            200,
          )
        ).status,
        'expired',
      );
      clock.advance(20 * 365 * 86_400_000);
      assert.equal(
        (
          await bodyOf<Schemas['CertificateVerification']>(
            await api.verify(birth.certificate!.id, '192.0.2.90'),
            200,
          )
        ).status,
        'valid',
      );
    });

    it('keeps names and fiscal codes out of the log', () => {
      const text = logs.text();
      assert.match(text, /"operation":"createCertificateRequest"/);
      for (const word of PERSONAL) assert.ok(!text.includes(word), `${word} in the log`);
    });
  });
}

describe('certificates from a registry of the gateway’s own', () => {
  // Giulia's family as another registry holds it: with eleven children and grandchildren more.
  const [giulia, luca, sofia] = demoRegistry[1]!.members;
  const relatives = Array.from({ length: 11 }, (_, index) => ({
    ...sofia!,
    fiscalCode: `VRDNPT${String(10 + index)}A01H501Z`,
    givenName: `Nipote ${index + 1}`,
    relationship: 'grandchild' as const,
  }));
  const largeFamily = { ...demoRegistry[1]!, members: [giulia!, luca!, sofia!, ...relatives] };

  it('lists the registry’s family for “for whom?”, the one its rules go by', async () => {
    const gateway = await startTestGateway(
      'sqlite',
      { now: manualClock(NOW).now },
      {
        registry: simulatedRegistry([largeFamily]),
      },
    );
    try {
      const calls = client(() => gateway.url);
      const token = await calls.signIn();
      const me = await bodyOf<Schemas['Citizen']>(
        await calls.call('/api/me', { headers: { Authorization: `Bearer ${token}` } }),
        200,
      );
      assert.equal(me.family.length, 14);
      assert.equal(me.family.at(-1)!.givenName, 'Nipote 11');
    } finally {
      await gateway.close();
    }
  });

  it('refuses, before any stamp is asked for, a certificate that states more than its QR carries', async () => {
    const gateway = await startTestGateway(
      'sqlite',
      { now: manualClock(NOW).now },
      {
        registry: simulatedRegistry([largeFamily]),
      },
    );
    try {
      const calls = client(() => gateway.url);
      const token = await calls.signIn();
      const before = await stampNotices(gateway.gateway.database);
      const refused = await problemOf(
        await calls.ask({ kind: 'family-with-kinship', subject: GIULIA, use: 'private-party' }, token),
        409,
        'certificate-not-applicable',
      );
      assert.match((refused as { detail?: string }).detail ?? '', /registry office/);
      assert.equal(await stampNotices(gateway.gateway.database), before, 'no notice to pay');
      // The same family's residence certificate states no members: issued.
      const residence = await bodyOf<CertificateRequest>(
        await calls.ask(
          { kind: 'residence', subject: GIULIA, use: 'exempt', exemption: 'court-case' },
          token,
        ),
        201,
      );
      assert.equal(residence.status, 'issued');
    } finally {
      await gateway.close();
    }
  });
});

describe('certificates where the registry fails', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startTestGateway('sqlite', { now: manualClock(NOW).now });
  });
  after(() => gateway?.close());

  it('answers 503 registry-unavailable, and logs no one’s data', async () => {
    const errors: unknown[] = [];
    const handlers = certificateHandlers(gateway.gateway.database, {
      now: gateway.config.now,
      registry: {
        name: 'down',
        familyOf: async (fiscalCode) => {
          throw new Error(`ANPR timed out for ${fiscalCode}`);
        },
      },
      sealKeys: {
        publicKeys: [],
        signing: { keyId: 'k', key: await importSealSigningKey((await generateSealKeys('k')).privateJwk) },
      },
      payments: paymentProvider('simulated'),
      municipality: { name: 'Comune di Esempio', creditorFiscalCode: '80001234568' },
      onRegistryError: (error) => errors.push(error),
    });
    const input = { params: {}, query: {}, headers: {}, citizen: GIULIA };
    const asked = await handlers.createCertificateRequest!({ ...input, body: familyForBank });
    assert.equal(asked.status, 503);
    assert.equal((asked.body as Problem).code, 'registry-unavailable');
    const declared = await handlers.createSelfDeclaration!({
      ...input,
      body: { subject: SOFIA, kinds: ['birth'] },
    });
    assert.equal(declared.status, 503);
    assert.equal(errors.length, 2, 'told to the log (as app.ts logs errors: kind and code only)');
  });
});

describe('certificates where they are off or the stamp cannot be paid online', () => {
  const api = (gateway: TestGateway) => client(() => gateway.url);

  it('without a registry: no kinds listed, requests answered 404 (not 503: nothing to retry)', async () => {
    const gateway = await startTestGateway('sqlite', { now: manualClock(NOW).now, registryProvider: 'none' });
    try {
      const calls = api(gateway);
      const kinds = await bodyOf<Schemas['CertificateKindList']>(
        await calls.call('/api/certificates/kinds'),
        200,
      );
      assert.deepEqual(kinds, { kinds: [], stampOnline: false, stampCents: 1600 });
      const token = await calls.signIn();
      await problemOf(await calls.ask(familyForBank, token), 404, 'not-found');
      await problemOf(await calls.declare({ subject: SOFIA, kinds: ['birth'] }, token), 404, 'not-found');
      await problemOf(await calls.get(crypto.randomUUID(), token), 404, 'not-found');
      // Checking certificates needs no registry.
      await problemOf(await calls.verify('0000000000000000'), 404, 'certificate-unknown');
    } finally {
      await gateway.close();
    }
  });

  it('with pagoPA’s checkout link: stamp-not-online, while exempt certificates and self-declarations work', async () => {
    const gateway = await startTestGateway('sqlite', {
      now: manualClock(NOW).now,
      paymentProvider: 'pagopa-checkout',
    });
    try {
      const calls = api(gateway);
      const kinds = await bodyOf<Schemas['CertificateKindList']>(
        await calls.call('/api/certificates/kinds'),
        200,
      );
      assert.equal(kinds.stampOnline, false);
      assert.equal(kinds.kinds.length, 14);
      const token = await calls.signIn();
      await problemOf(await calls.ask(familyForBank, token), 409, 'stamp-not-online');
      const exempt = await bodyOf<CertificateRequest>(
        await calls.ask({ ...familyForBank, use: 'exempt', exemption: 'non-profit' }, token),
        201,
      );
      assert.equal(exempt.status, 'issued');
      const birth = await bodyOf<CertificateRequest>(
        await calls.ask({ ...familyForBank, kind: 'birth' }, token),
        201,
      );
      assert.equal(birth.status, 'issued', 'a birth certificate never owes the stamp');
      await bodyOf(await calls.declare({ subject: SOFIA, kinds: ['family'] }, token), 201);
    } finally {
      await gateway.close();
    }
  });
});

describe(
  'certificates on two gateways sharing one PostgreSQL database',
  { skip: skipUnless('postgres') },
  () => {
    let group: TestGatewayGroup;
    const shared = mkdtempSync(join(tmpdir(), 'sportello-certificates-'));
    const PUBLIC_URL = 'http://sportello.test';
    const instance = (index: number) => group.running[index % group.running.length]!;
    const on = (index: number) =>
      client(
        () => instance(index).url,
        () => `${PUBLIC_URL}/certificati`,
      );

    before(async () => {
      const clock = manualClock(NOW);
      // What every instance shares: the seal key's file, and for the test's sign-in the demo issuer
      // (one name, one key), as instances behind one address would.
      const { privateJwk } = await generateSealKeys('seal-test');
      writeFileSync(join(shared, 'seal-key.json'), JSON.stringify(privateJwk), { mode: 0o600 });
      await openDemoIssuer({
        dataDir: shared,
        issuer: `${PUBLIC_URL}/demo-login`,
        audience: 'sportello',
        now: clock.now,
      });
      group = await startTestGateways(2, {
        now: clock.now,
        dataDir: shared,
        publicUrl: PUBLIC_URL,
        sealKeyFile: join(shared, 'seal-key.json'),
        trustProxy: true,
      });
    });
    after(async () => {
      await group?.close();
      rmSync(shared, { recursive: true, force: true });
    });

    it('issue a paid certificate once, download it once and count verifications together', async () => {
      assert.equal(
        group.running.length,
        2,
        String(group.started.find((result) => result.status === 'rejected')),
      );
      const token = await on(0).signIn();
      const asked = await bodyOf<CertificateRequest>(await on(0).ask(familyForBank, token), 201);
      await on(1).pay(asked.stamp!.notice);
      const answers = await Promise.all(
        Array.from({ length: 10 }, async (_, index) =>
          bodyOf<CertificateRequest>(await on(index).get(asked.id, token), 200),
        ),
      );
      const ids = new Set(answers.map((answer) => answer.certificate?.id));
      assert.equal(ids.size, 1);
      assert.ok(answers[0]!.certificate?.id);

      const link = await bodyOf<Schemas['DownloadLink']>(await on(1).link(asked.id, token), 201);
      const downloads = await Promise.all(Array.from({ length: 4 }, (_, index) => on(index).call(link.url)));
      assert.deepEqual(downloads.map((response) => response.status).sort(), [200, 410, 410, 410]);

      // Both publish the one key that sealed it.
      for (const index of [0, 1]) {
        const { keys } = await bodyOf<Schemas['SealKeySet']>(
          await on(index).call('/api/certificates/seal-keys'),
          200,
        );
        assert.deepEqual(
          keys.map((key) => key.kid),
          ['seal-test'],
        );
      }

      const id = answers[0]!.certificate!.id;
      for (let count = 0; count < VERIFICATIONS_PER_CLIENT; count++) {
        assert.equal((await on(count).verify(id, '192.0.2.200')).status, 200);
      }
      await problemOf(await on(0).verify(id, '192.0.2.200'), 429, 'rate-limited');
      await problemOf(await on(1).verify(id, '192.0.2.200'), 429, 'rate-limited');
    });
  },
);
