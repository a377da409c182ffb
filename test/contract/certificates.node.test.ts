// The certificate part of the contract, against every implementation: the reference gateway over
// SQLite and over PostgreSQL (real HTTP), and the in-browser sandbox (its fetch, in Node). The flow
// of the "done when": Giulia, of the couple with a child, asks a family certificate for her
// daughter Sofia for a bank, pays its stamp on the simulated checkout, downloads the PDF, and the
// identifier printed on it and the seal in its QR both verify.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatCertificateId, normaliseCertificateId, verifySeal } from '@sportello/core/certificates';
import type { Schemas } from '@sportello/core/contract';
import { readPdf, scanQrCode } from '../support/pdf-reading.js';
import { bodyOf, post, problemOf, targets, type ContractTarget } from '../support/contract-targets.js';

// Monday 23 November 2026, 09:00 in Rome.
const NOW = '2026-11-23T09:00:00+01:00';

const GIULIA = 'BNCGLU85L62H501D';
const SOFIA = 'VRDSFO16D49H501H';
const MARIO = 'RSSMRA50C15L219Y';

for (const [name, start, skip] of targets(NOW)) {
  describe(`certificate contract: ${name}`, { skip }, () => {
    let target: ContractTarget;
    before(async () => {
      target = await start();
    });
    after(() => target?.close());

    const as = (token: string, init: RequestInit = {}): RequestInit => ({
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
    });
    const askCertificate = (token: string, input: Record<string, unknown>, key?: string) =>
      target.request(
        '/api/certificates/requests',
        as(token, post(input, key ? { 'Idempotency-Key': key } : {})),
      );
    const requestOf = async (token: string, id: string) =>
      bodyOf<Schemas['CertificateRequest']>(
        await target.request(`/api/certificates/requests/${id}`, as(token)),
        'CertificateRequest',
      );
    const downloadLink = (token: string, id: string) =>
      target.request(`/api/certificates/requests/${id}/download-links`, as(token, { method: 'POST' }));
    /** The link's document, as the browser that follows it gets it. */
    async function download(link: Schemas['DownloadLink']): Promise<Uint8Array> {
      const response = await target.request(link.url);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/pdf/);
      return new Uint8Array(await response.arrayBuffer());
    }

    it('lists the 14 kinds online with the stamp taken online', async () => {
      const list = await bodyOf<Schemas['CertificateKindList']>(
        await target.request('/api/certificates/kinds'),
        'CertificateKindList',
      );
      assert.equal(list.kinds.length, 14);
      assert.equal(list.stampOnline, true);
      assert.equal(list.stampCents, 1600);
      assert.deepEqual(
        list.kinds.find((kind) => kind.id === 'birth'),
        {
          id: 'birth',
          stamp: 'never',
          validity: 'unlimited',
        },
      );
    });

    it('issues a family certificate for a bank once its stamp is paid, and both its identifier and its seal verify', async () => {
      const giulia = await target.signIn(GIULIA);
      const asked = await bodyOf<Schemas['CertificateRequest']>(
        await askCertificate(
          giulia,
          { kind: 'family', subject: SOFIA, use: 'private-party' },
          'cert-key-0001',
        ),
        'CertificateRequest',
        201,
      );
      assert.equal(asked.status, 'awaiting-stamp');
      assert.deepEqual(asked.subject, { fiscalCode: SOFIA, givenName: 'Sofia', familyName: 'Verdi' });
      assert.equal(asked.stamp?.amountCents, 1600);
      assert.equal(asked.stamp?.paid, false);
      assert.equal(asked.certificate, undefined);
      const replay = await bodyOf<Schemas['CertificateRequest']>(
        await askCertificate(
          giulia,
          { kind: 'family', subject: SOFIA, use: 'private-party' },
          'cert-key-0001',
        ),
        'CertificateRequest',
        201,
      );
      assert.deepEqual(replay, asked, 'a retried request gets the same request and the same notice');

      // Not before the stamp is paid.
      const early = await downloadLink(giulia, asked.id);
      await problemOf(early, 409, 'stamp-unpaid');

      // The stamp's notice is an ordinary notice of the municipality: looked up and paid as any.
      const notice = await target.client.post('/api/payments/notice-lookups', { body: asked.stamp!.notice });
      assert.equal(notice.amountCents, 1600);
      assert.ok(
        !notice.description.includes('Sofia') && !notice.description.includes(SOFIA),
        notice.description,
      );
      const payment = await target.client.post('/api/payments/checkouts', {
        body: { notices: [asked.stamp!.notice], returnUrl: target.site },
      });
      target.clock.advance(5 * 60_000);
      const paid = await target.client.post('/api/payments/{paymentId}/simulated-outcome', {
        params: { paymentId: payment.id },
        body: { outcome: 'paid' },
      });
      assert.equal(paid.status, 'paid');

      const issued = await requestOf(giulia, asked.id);
      assert.equal(issued.status, 'issued');
      assert.equal(issued.stamp?.paid, true);
      assert.equal(issued.certificate?.issuedOn, '2026-11-23');
      assert.equal(issued.certificate?.validUntil, '2027-05-23');
      assert.deepEqual(await requestOf(giulia, asked.id), issued, 'issued once, however often asked');

      const link = await bodyOf<Schemas['DownloadLink']>(
        await downloadLink(giulia, asked.id),
        'DownloadLink',
        201,
      );
      assert.match(link.url, /^\/api\/certificates\/downloads\/[A-Za-z0-9_-]{22,64}$/);
      assert.ok(!link.url.includes(SOFIA) && !link.url.includes(issued.certificate!.id));
      assert.equal(Date.parse(link.expiresAt) - target.clock.now(), 15 * 60_000);
      const pdf = await download(link);

      // What a holder of the paper reads off it: the identifier (text) and the QR (an image).
      const reading = await readPdf(pdf);
      assert.equal(reading.info.Title, 'Certificato di stato di famiglia');
      assert.ok(reading.text.includes('Verdi Sofia'), reading.text);
      assert.ok(reading.text.includes('Il presente certificato non può essere prodotto'));
      assert.ok(reading.text.includes('Imposta di bollo assolta in modo virtuale tramite pagoPA'));
      const printed = /Identificativo ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(
        reading.text,
      )?.[1];
      assert.equal(printed, formatCertificateId(issued.certificate!.id));

      const verification = await bodyOf<Schemas['CertificateVerification']>(
        await target.request(
          '/api/certificates/verifications',
          post({ id: normaliseCertificateId(printed!) }),
        ),
        'CertificateVerification',
      );
      assert.equal(verification.status, 'valid');
      assert.equal(verification.face.kind, 'family');
      assert.equal(verification.face.subjectInitials, 'S. V.');
      assert.equal(verification.face.facts.members, 'G. B., L. V., S. V.');

      const seal = await scanQrCode(pdf);
      assert.ok(seal, 'the QR reads');
      const keys = await bodyOf<Schemas['SealKeySet']>(
        await target.request('/api/certificates/seal-keys'),
        'SealKeySet',
      );
      const verdict = await verifySeal(seal, keys.keys);
      assert.equal(verdict.status, 'genuine');
      assert.deepEqual(verdict.status === 'genuine' && verdict.face, verification.face);

      // A changed character: the identifier is unknown, the seal not genuine.
      const changedId = issued.certificate!.id.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      await problemOf(
        await target.request('/api/certificates/verifications', post({ id: changedId })),
        404,
        'certificate-unknown',
      );
      const middle = Math.floor(seal.length / 2);
      const changedSeal = seal.slice(0, middle) + (seal[middle] === 'A' ? 'B' : 'A') + seal.slice(middle + 1);
      assert.notEqual((await verifySeal(changedSeal, keys.keys)).status, 'genuine');
    });

    it('issues an exempt certificate at once, and a download link works once', async () => {
      const giulia = await target.signIn(GIULIA);
      const issued = await bodyOf<Schemas['CertificateRequest']>(
        await askCertificate(giulia, {
          kind: 'residence',
          subject: GIULIA,
          use: 'exempt',
          exemption: 'separation-divorce',
        }),
        'CertificateRequest',
        201,
      );
      assert.equal(issued.status, 'issued');
      assert.equal(issued.stamp, undefined);
      const link = await bodyOf<Schemas['DownloadLink']>(
        await downloadLink(giulia, issued.id),
        'DownloadLink',
        201,
      );
      const reading = await readPdf(await download(link));
      assert.ok(
        reading.text.includes('Esente da imposta di bollo: Legge 74/1987, articolo 19.'),
        reading.text,
      );

      await problemOf(await target.request(link.url), 410, 'download-expired');
      await problemOf(
        await target.request('/api/certificates/downloads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
        404,
      );
    });

    it('lets a download link run out after 15 minutes', async () => {
      const giulia = await target.signIn(GIULIA);
      const issued = await bodyOf<Schemas['CertificateRequest']>(
        await askCertificate(giulia, { kind: 'birth', subject: SOFIA, use: 'private-party' }),
        'CertificateRequest',
        201,
      );
      assert.equal(issued.status, 'issued', 'a birth certificate never owes the stamp');
      assert.equal(issued.certificate?.validUntil, null);
      const link = await bodyOf<Schemas['DownloadLink']>(
        await downloadLink(giulia, issued.id),
        'DownloadLink',
        201,
      );
      target.clock.advance(15 * 60_000 + 1000);
      await problemOf(await target.request(link.url), 410, 'download-expired');
    });

    it('gives a self-declaration for a public office, free, through a link', async () => {
      const giulia = await target.signIn(GIULIA);
      const link = await bodyOf<Schemas['DownloadLink']>(
        await target.request(
          '/api/certificates/self-declarations',
          as(giulia, post({ subject: SOFIA, kinds: ['birth', 'residence'] })),
        ),
        'DownloadLink',
        201,
      );
      const pdf = await download(link);
      const reading = await readPdf(pdf);
      assert.equal(reading.info.Title, 'Dichiarazione sostitutiva di certificazione');
      for (const text of [
        'La sottoscritta Giulia Bianchi',
        'DICHIARA',
        '– che Sofia Verdi, codice fiscale VRDSFO16D49H501H, è nata a Roma (RM) il 9 aprile 2016;',
        'articolo 76',
        'Luogo e data: Esempio, 23 novembre 2026',
      ]) {
        assert.ok(reading.text.includes(text), `"${text}" in ${reading.text}`);
      }
      assert.equal(await scanQrCode(pdf), undefined, 'not sealed: no QR');
      await problemOf(await target.request(link.url), 410, 'download-expired');
    });

    it('refuses someone outside the family (403), what the registry cannot state (409), another exemption without its reason (400)', async () => {
      const giulia = await target.signIn(GIULIA);
      await problemOf(
        await askCertificate(giulia, { kind: 'residence', subject: MARIO, use: 'private-party' }),
        403,
        'not-in-family',
      );
      await problemOf(
        await target.request(
          '/api/certificates/self-declarations',
          as(giulia, post({ subject: MARIO, kinds: ['residence'] })),
        ),
        403,
        'not-in-family',
      );
      await problemOf(
        await askCertificate(giulia, { kind: 'marriage', subject: SOFIA, use: 'private-party' }),
        409,
        'certificate-not-applicable',
      );

      for (const exemptionReason of [undefined, '   ']) {
        const refused = await problemOf(
          await askCertificate(giulia, {
            kind: 'residence',
            subject: GIULIA,
            use: 'exempt',
            exemption: 'other',
            ...(exemptionReason !== undefined && { exemptionReason }),
          }),
          400,
          'validation-failed',
        );
        assert.equal(refused.field, 'exemptionReason');
        assert.equal((refused.errors as { code: string }[])[0]!.code, 'required');
      }
      const withReason = await bodyOf<Schemas['CertificateRequest']>(
        await askCertificate(giulia, {
          kind: 'residence',
          subject: GIULIA,
          use: 'exempt',
          exemption: 'other',
          exemptionReason: 'Pratica presso la cassa mutua aziendale',
        }),
        'CertificateRequest',
        201,
      );
      assert.equal(withReason.status, 'issued');
    });

    it('keeps a citizen’s requests to them: another citizen’s is not found, and no token is a 401', async () => {
      const giulia = await target.signIn(GIULIA);
      const issued = await bodyOf<Schemas['CertificateRequest']>(
        await askCertificate(giulia, {
          kind: 'citizenship',
          subject: GIULIA,
          use: 'exempt',
          exemption: 'court-case',
        }),
        'CertificateRequest',
        201,
      );
      const mario = await target.signIn(MARIO);
      await problemOf(await target.request(`/api/certificates/requests/${issued.id}`, as(mario)), 404);
      await problemOf(await downloadLink(mario, issued.id), 404);
      await problemOf(await target.request(`/api/certificates/requests/${issued.id}`), 401, 'unauthorized');
    });
  });
}
