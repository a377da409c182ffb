// One suite, three implementations of the contract: the reference gateway over SQLite and over
// PostgreSQL (real HTTP), and the in-browser sandbox (its fetch, in Node). If they drift, this fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, createApiClient } from '@sportello/core';
import { parseNoticeNumber } from '@sportello/core/validators';
import { post, problemOf, targets, type ContractTarget } from '../support/contract-targets.js';
import { readPdf } from '../support/pdf-reading.js';

const GIULIA = 'BNCGLU85L62H501D';
const MARIO = 'RSSMRA50C15L219Y';
const ANNA = 'SPSNNA70A70F839Q';
const EC = '80001234568';

for (const [name, start, skip] of targets('2026-11-23T09:00:00Z')) {
  describe(`API contract: ${name}`, { skip }, () => {
    let target: ContractTarget;
    before(async () => {
      target = await start();
    });
    after(() => target?.close());
    /** The notice's lookup; its codes go in the body, never in a URL that proxies log. */
    const lookUp = (noticeNumber: string) =>
      target.request('/api/payments/notice-lookups', post({ creditorFiscalCode: EC, noticeNumber }));

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

    it('looks up a payable notice: payee, description, amount and due date', async () => {
      const notice = await target.client.post('/api/payments/notice-lookups', {
        body: { creditorFiscalCode: EC, noticeNumber: '312202600000010178' },
      });
      assert.deepEqual(notice, {
        creditorFiscalCode: EC,
        noticeNumber: '312202600000010178',
        payee: 'Comune di Esempio',
        description: 'Mensa scolastica - ottobre 2026',
        amountCents: 4560,
        dueDate: '2026-12-31',
      });
    });

    it('answers every other seeded notice with its own pagoPA problem', async () => {
      const cases: [string, number, string][] = [
        ['312202600000010380', 409, 'payment-duplicated'],
        ['312202600000010481', 409, 'payment-expired'],
        ['312202600000010582', 409, 'payment-ongoing'],
        ['312202600000010683', 409, 'payment-canceled'],
        ['312202600000010784', 504, 'creditor-timeout'],
        ['312202600000099999', 404, 'payment-unknown'],
      ];
      for (const [noticeNumber, status, code] of cases) {
        const response = await lookUp(noticeNumber);
        assert.equal(response.status, status, noticeNumber);
        const body = await problemOf(response);
        assert.equal(body.code, code, noticeNumber);
        if (code === 'payment-ongoing') assert.equal(body.retryAfterSeconds, 1800);
      }
      const malformed = await lookUp('4122026');
      assert.equal((await problemOf(malformed)).field, 'noticeNumber');
    });

    it('pays notices once: checkout reserves them, the outcome settles or releases them', async () => {
      const tari = { creditorFiscalCode: EC, noticeNumber: '312202600000010279' };
      const canteen = { creditorFiscalCode: EC, noticeNumber: '312202600000010178' };
      const outcome = (id: string, value: 'paid' | 'cancelled' | 'failed') =>
        target.client.post('/api/payments/{paymentId}/simulated-outcome', {
          params: { paymentId: id },
          body: { outcome: value },
        });

      const abandoned = await target.client.post('/api/payments/checkouts', {
        body: { notices: [tari], returnUrl: target.site },
      });
      assert.equal(abandoned.status, 'pending');
      assert.equal(abandoned.simulated, true);
      // A page to go to, or the practice checkout the widget shows itself (the sandbox).
      assert.ok(abandoned.checkoutUrl || abandoned.checkoutInPage);
      const busy = await lookUp(tari.noticeNumber);
      assert.equal((await problemOf(busy)).code, 'payment-ongoing');
      assert.equal((await outcome(abandoned.id, 'cancelled')).status, 'cancelled');

      const key = 'checkout-key-0001';
      const payment = await target.client.post('/api/payments/checkouts', {
        body: { notices: [canteen, tari], returnUrl: target.site },
        idempotencyKey: key,
      });
      const replay = await target.client.post('/api/payments/checkouts', {
        body: { notices: [canteen, tari], returnUrl: target.site },
        idempotencyKey: key,
      });
      assert.equal(replay.id, payment.id, 'a retried request gets the same checkout');
      assert.equal(payment.amountCents, 4560 + 12300);
      assert.deepEqual(
        payment.notices.map((n) => n.noticeNumber),
        [canteen.noticeNumber, tari.noticeNumber],
      );
      const second = await target.request(
        '/api/payments/checkouts',
        post({ notices: [canteen], returnUrl: target.site }),
      );
      assert.equal(second.status, 409);
      assert.equal((await problemOf(second)).code, 'payment-ongoing');

      const paid = await outcome(payment.id, 'paid');
      assert.equal(paid.status, 'paid');
      assert.match(paid.receipt!.number, /^SPT-\d{8}-/);
      assert.equal(paid.checkoutUrl, undefined);
      assert.deepEqual(
        await target.client.get('/api/payments/{paymentId}', { params: { paymentId: payment.id } }),
        paid,
      );
      assert.equal(
        (await outcome(payment.id, 'paid')).status,
        'paid',
        'the same outcome again changes nothing',
      );
      const changed = await target.request(
        `/api/payments/${payment.id}/simulated-outcome`,
        post({ outcome: 'failed' }),
      );
      assert.equal((await problemOf(changed)).code, 'payment-ended');

      const again = await lookUp(canteen.noticeNumber);
      assert.equal((await problemOf(again)).code, 'payment-duplicated');
      const pdf = await target.request(paid.receipt!.pdfUrl);
      assert.equal(pdf.status, 200);
      assert.match(pdf.headers.get('content-type') ?? '', /^application\/pdf/);
      const bytes = new Uint8Array(await pdf.arrayBuffer());
      const receipt = await readPdf(bytes);
      assert.equal(receipt.info.Title, 'Ricevuta di pagamento / Payment receipt');
      assert.ok(receipt.text.includes(paid.receipt!.number), receipt.text);
    });

    it('lets every visitor meet the demo notices as the README’s table says, however others used them', async () => {
      const canteen = { creditorFiscalCode: EC, noticeNumber: '312202600000010178' };
      type Visitor = ReturnType<ContractTarget['anotherVisitor']>;
      const checkOut = (visitor: Visitor) =>
        visitor.client.post('/api/payments/checkouts', {
          body: { notices: [canteen], returnUrl: target.site },
        });
      const lookUpBy = (visitor: Visitor) => visitor.request('/api/payments/notice-lookups', post(canteen));

      // One visitor pays it, and is then told it is paid...
      const first = target.anotherVisitor();
      const checkout = await checkOut(first);
      const paid = await first.client.post('/api/payments/{paymentId}/simulated-outcome', {
        params: { paymentId: checkout.id },
        body: { outcome: 'paid' },
      });
      assert.equal((await problemOf(await lookUpBy(first), 409)).code, 'payment-duplicated');
      // ...another leaves a checkout open, and finds it in progress...
      const leaving = target.anotherVisitor();
      await checkOut(leaving);
      assert.equal((await problemOf(await lookUpBy(leaving), 409)).code, 'payment-ongoing');
      // ...and the next one finds it payable, and goes on to pay it.
      const next = target.anotherVisitor();
      assert.equal((await lookUpBy(next)).status, 200);
      assert.equal((await checkOut(next)).status, 'pending');

      const returning = await first.client.get('/api/payments/{paymentId}', {
        params: { paymentId: checkout.id },
      });
      assert.deepEqual(returning, paid, 'the first visitor’s receipt is still theirs to read');
    });

    it('creates payable notices from the catalogue, checking amount and fields', async () => {
      const { items } = await target.client.get('/api/payments/catalogue');
      assert.deepEqual(
        items.map((item) => item.id),
        ['mensa-ricarica', 'sanzione-cds', 'bollo-certificato'],
      );

      const canteen = await target.client.post('/api/payments/catalogue/{itemId}/notices', {
        params: { itemId: 'mensa-ricarica' },
        body: { amountCents: 2500, fields: { pupilFiscalCode: 'vrdsfo16d49h501h' } },
        idempotencyKey: 'catalogue-key-1',
      });
      assert.equal(canteen.amountCents, 2500);
      assert.equal(canteen.description, 'Ricarica mensa scolastica');
      assert.deepEqual(parseNoticeNumber(canteen.noticeNumber, { strict: true }).problems, []);
      const replay = await target.client.post('/api/payments/catalogue/{itemId}/notices', {
        params: { itemId: 'mensa-ricarica' },
        body: { amountCents: 2500, fields: { pupilFiscalCode: 'vrdsfo16d49h501h' } },
        idempotencyKey: 'catalogue-key-1',
      });
      assert.equal(replay.noticeNumber, canteen.noticeNumber);
      const found = await target.client.post('/api/payments/notice-lookups', {
        body: { creditorFiscalCode: EC, noticeNumber: canteen.noticeNumber },
      });
      assert.deepEqual(found, canteen);

      const stamp = await target.client.post('/api/payments/catalogue/{itemId}/notices', {
        params: { itemId: 'bollo-certificato' },
        body: { fields: {} },
      });
      assert.equal(stamp.amountCents, 1600);
      assert.notEqual(stamp.noticeNumber, canteen.noticeNumber);

      const badCode = await target.request(
        '/api/payments/catalogue/mensa-ricarica/notices',
        post({ amountCents: 2500, fields: { pupilFiscalCode: 'VRDSFO16D49H501X' } }),
      );
      assert.equal((await problemOf(badCode)).field, 'fields.pupilFiscalCode');
      const noAmount = await target.request(
        '/api/payments/catalogue/sanzione-cds/notices',
        post({ fields: { violationNumber: '2026/123', plate: 'AB123CD' } }),
      );
      assert.equal((await problemOf(noAmount)).field, 'amountCents');
      const badPlate = await target.request(
        '/api/payments/catalogue/sanzione-cds/notices',
        post({ amountCents: 4200, fields: { violationNumber: '2026/123', plate: 'ABC' } }),
      );
      assert.equal((await problemOf(badPlate)).field, 'fields.plate');
      const unknown = await target.request('/api/payments/catalogue/nothing/notices', post({ fields: {} }));
      assert.equal(unknown.status, 404);
    });

    it('a refused cart reserves nothing; an abandoned checkout frees its notices after 30 minutes, and says when', async () => {
      const stamp = await target.client.post('/api/payments/catalogue/{itemId}/notices', {
        params: { itemId: 'bollo-certificato' },
        body: { fields: {} },
      });
      const free = { creditorFiscalCode: EC, noticeNumber: stamp.noticeNumber };
      const paid = { creditorFiscalCode: EC, noticeNumber: '312202600000010380' };
      const refused = await target.request(
        '/api/payments/checkouts',
        post({ notices: [free, paid], returnUrl: target.site }, { 'Idempotency-Key': 'refused-cart-1' }),
      );
      assert.equal((await problemOf(refused)).code, 'payment-duplicated');
      const stillFree = await lookUp(free.noticeNumber);
      assert.equal(stillFree.status, 200, 'the first notice of the refused cart was not kept');

      const abandoned = await target.client.post('/api/payments/checkouts', {
        body: { notices: [free], returnUrl: target.site },
      });
      // Five minutes later, the lookup and a second checkout say to retry when the lock ends: in 25.
      target.clock.advance(5 * 60_000);
      const lookup = await lookUp(free.noticeNumber);
      const second = await target.request(
        '/api/payments/checkouts',
        post({ notices: [free], returnUrl: target.site }, { 'Idempotency-Key': 'second-checkout-1' }),
      );
      for (const locked of [lookup, second]) {
        assert.equal(locked.status, 409);
        assert.equal(locked.headers.get('Retry-After'), '1500');
        const problem = await problemOf(locked);
        assert.equal(problem.code, 'payment-ongoing');
        assert.equal(problem.retryAfterSeconds, 1500, '25 of the 30 minutes are left');
      }
      const seeded = await lookUp('312202600000010582');
      assert.equal(seeded.headers.get('Retry-After'), '1800', 'in progress elsewhere: the whole lock');

      target.clock.advance(26 * 60_000);
      assert.equal((await lookUp(free.noticeNumber)).status, 200);
      const ended = await target.client.get('/api/payments/{paymentId}', {
        params: { paymentId: abandoned.id },
      });
      assert.equal(ended.status, 'cancelled');

      // A "retry later" is not kept for its Idempotency-Key: the citizen whose answer was lost on the
      // way retries with the same key and gets the checkout now, then the same one on a replay.
      const retried = () =>
        target.request(
          '/api/payments/checkouts',
          post({ notices: [free], returnUrl: target.site }, { 'Idempotency-Key': 'second-checkout-1' }),
        );
      const now = await retried();
      assert.equal(now.status, 201, 'the key is run again, not answered "in progress" again');
      const replayed = await retried();
      assert.equal(replayed.status, 201);
      assert.equal((await replayed.json()).id, (await now.json()).id);
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
