import { randomUUID } from 'node:crypto';
import {
  PAYMENT_LOCK_SECONDS,
  catalogueDueDate,
  catalogueNoticeAmount,
  catalogueNoticeNumber,
  catalogueNoticeProblems,
  normaliseCatalogueFields,
  noticeStateProblem,
  paymentLockSecondsLeft,
  paymentUnknown,
  notFound,
  problem,
  receiptNumber,
  receiptResponse,
  validationProblem,
  type ContractResponse,
  type Handler,
  type NoticeState,
  type Schemas,
} from '@sportello/core/contract';
import { demoNotices } from '@sportello/demo-data';
import type { Kysely } from 'kysely';
import { requestClient } from './client.js';
import type { Database, Tables } from './database.js';
import { Refusal, refusable } from './refusal.js';
import type { SeededData } from './seeded.js';

type Payment = Schemas['Payment'];

/**
 * Where the citizen pays. `simulated` (the default in demo mode only: see config.ts) is the
 * gateway's own checkout page where the tester picks the outcome; `pagopa-checkout` sends the
 * citizen to pagoPA's public checkout with the notice's link (one notice per payment; carts need
 * the creditor's carts contract). The tests never send anyone to pagoPA.
 *
 * pagoPA's checkout link tells this gateway nothing back: a payment sent there stays `pending`
 * here, because the citizen may well have paid. Its notices are freed after pagoPA's own lock, so
 * the citizen can try again; pagoPA itself refuses to take a notice twice.
 */
export interface PaymentProvider {
  /** The gateway's own checkout page, where every outcome is chosen: one left there past the lock is cancelled. */
  simulated: boolean;
  /** How many notices one payment may hold: pagoPA carts take five, a checkout link one. */
  maxNotices: number;
  /** `gatewayUrl`: where the citizen reached this gateway (PUBLIC_URL, or the request's origin). */
  checkoutUrl(paymentId: string, notices: Schemas['NoticeRef'][], gatewayUrl: string): string;
  /**
   * Makes notices for what the gateway itself charges (a certificate's stamp duty) and says when
   * one is paid; absent where the provider cannot, and then nothing is charged online (certificates
   * that owe the stamp are answered `stamp-not-online`). A real provider would open a debt position
   * with pagoPA's GPD services and read its payment receipt from there.
   */
  notices?: NoticeIssuer;
}

/** What a gateway charges for, as a notice the citizen then pays through `createCheckout`. */
export interface NoticeToIssue {
  creditorFiscalCode: string;
  payee: string;
  description: string;
  amountCents: number;
  dueDate: string;
  /** What the notice is for, kept with it (JSON): never personal data. */
  details: unknown;
}

export interface NoticeIssuer {
  /** Makes a payable notice; inside the caller's transaction (`database.current()`), if any. */
  createNotice(database: Database, notice: NoticeToIssue): Promise<Schemas['Notice']>;
  /** When the notice was paid (ISO date-time), or undefined while it is not. */
  paidAt(database: Database, ref: Schemas['NoticeRef']): Promise<string | undefined>;
  /**
   * Withdraws a notice nobody paid and nobody is paying now, so that it can no longer be paid
   * (pagoPA answers `payment-canceled`); false when it is paid or a payment of it is under way.
   */
  cancelNotice(database: Database, ref: Schemas['NoticeRef']): Promise<boolean>;
}

/**
 * The simulated provider's notices: rows of the gateway's own `notices` table, numbered from the
 * catalogue's counter (so no two notices of the municipality ever share a number), paid on the
 * simulated checkout like any other. Paid is the notice's own state, with the time of the payment
 * that settled it.
 */
const simulatedNotices: NoticeIssuer = {
  async createNotice(database, { details, ...notice }) {
    const made: Schemas['Notice'] = { ...notice, noticeNumber: await nextNoticeNumber(database.current()) };
    await insertNotice(database.current(), made, 'payable', details);
    return made;
  },
  async paidAt(database, ref) {
    const row = await database
      .current()
      .selectFrom('notices')
      .innerJoin('payments', 'payments.id', 'notices.payment_id')
      .select('payments.paid_at')
      .where('notices.creditor_fiscal_code', '=', ref.creditorFiscalCode)
      .where('notices.notice_number', '=', ref.noticeNumber)
      .where('notices.state', '=', 'paid')
      .where('payments.status', '=', 'paid')
      .executeTakeFirst();
    return row?.paid_at ?? undefined;
  },
  async cancelNotice(database, ref) {
    const { numUpdatedRows } = await database
      .current()
      .updateTable('notices')
      .set({ state: 'revoked' })
      .where('creditor_fiscal_code', '=', ref.creditorFiscalCode)
      .where('notice_number', '=', ref.noticeNumber)
      .where('state', '=', 'payable')
      .executeTakeFirst();
    return Number(numUpdatedRows) > 0;
  },
};

/**
 * The next number of a notice the gateway makes (from the catalogue, or for a stamp). Taking it
 * locks the counter's row: concurrent requests get distinct numbers.
 */
async function nextNoticeNumber(db: Kysely<Tables>): Promise<string> {
  const counter = await db
    .insertInto('counters')
    .values({ name: 'catalogue-notices', value: 1 })
    .onConflict((c) => c.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return catalogueNoticeNumber(Number(counter.value));
}

export function paymentProvider(name: string): PaymentProvider {
  if (name === 'pagopa-checkout') {
    return {
      simulated: false,
      maxNotices: 1,
      checkoutUrl: (_paymentId, [first]) =>
        `https://checkout.pagopa.it/${first!.creditorFiscalCode}${first!.noticeNumber}`,
    };
  }
  if (name !== 'simulated')
    throw new Error(`PAYMENT_PROVIDER must be simulated or pagopa-checkout, got "${name}"`);
  return {
    simulated: true,
    maxNotices: 5,
    checkoutUrl: (paymentId, _notices, gatewayUrl) => `${gatewayUrl}/simulated-pagopa/checkout/${paymentId}`,
    notices: simulatedNotices,
  };
}

const noticeOf = (row: Tables['notices'] | Tables['payment_notices']): Schemas['Notice'] => ({
  creditorFiscalCode: row.creditor_fiscal_code,
  noticeNumber: row.notice_number,
  payee: row.payee,
  description: row.description,
  amountCents: Number(row.amount_cents),
  dueDate: row.due_date,
});

const noticeKey = (ref: Schemas['NoticeRef']): string => `${ref.creditorFiscalCode}/${ref.noticeNumber}`;

/**
 * The order checkouts claim notices in: by creditor, then notice number (fixed-length digits, so
 * the keys compare as such; by code unit, so no locale can change the order).
 */
const byNotice = (a: Schemas['NoticeRef'], b: Schemas['NoticeRef']): number => {
  const [first, second] = [noticeKey(a), noticeKey(b)];
  return first < second ? -1 : first > second ? 1 : 0;
};

/*
 * Demo mode: every visitor meets the demo notices as the README's table says. A visitor (a browser,
 * told apart by a cookie holding a random id and nothing else) pays their own copy of a demo notice:
 * their checkout reserves it and their payment settles it for them alone, so after paying they are
 * told it is paid, and a checkout they leave open locks it for them only, while the next visitor
 * finds it as seeded. Their copy's state is read off their own payments (`payments.demo_visitor`);
 * the notice's row is never changed. Every other notice, and every notice outside demo mode, is one
 * for everyone, with pagoPA's rules. A request without the cookie is a new visitor: a page on
 * another site, whose requests carry no cookies, pays a fresh copy each time.
 */
const DEMO_VISITOR_COOKIE = 'sportello-demo-visitor';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The demo visitor a request's Cookie header names, if any (set by `createCheckout`). */
export function demoVisitorOf(cookieHeader: string | undefined): string | undefined {
  for (const cookie of cookieHeader?.split(';') ?? []) {
    const [name, value] = cookie.trim().split('=');
    if (name === DEMO_VISITOR_COOKIE && value && UUID.test(value)) return value;
  }
  return undefined;
}

export function paymentHandlers(
  database: Database,
  options: {
    now: () => number;
    provider: PaymentProvider;
    returnOrigins: string[];
    publicUrl: string;
    seeded: SeededData;
    /** Demo mode (the demo sign-in on): each visitor pays their own copy of the demo notices. */
    demo: boolean;
  },
): Record<string, Handler> {
  const { municipality, catalogue } = options.seeded;
  const demoNoticeKeys = new Set(options.demo ? demoNotices.map(noticeKey) : []);
  const isDemoCopy = (ref: Schemas['NoticeRef']) => demoNoticeKeys.has(noticeKey(ref));
  const visitorCookie = (visitor: string) =>
    `${DEMO_VISITOR_COOKIE}=${visitor}; Path=/api/payments; HttpOnly; SameSite=Lax` +
    (options.publicUrl.startsWith('https:') ? '; Secure' : '');

  async function loadPayment(id: string): Promise<Payment | undefined> {
    const db = database.current();
    const row = await db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const notices = await db
      .selectFrom('payment_notices')
      .selectAll()
      .where('payment_id', '=', id)
      .orderBy('position')
      .execute();
    return {
      id: row.id,
      status: row.status as Payment['status'],
      amountCents: Number(row.amount_cents),
      notices: notices.map(noticeOf),
      createdAt: row.created_at,
      simulated: Boolean(row.simulated),
      ...(row.status === 'pending' ? { checkoutUrl: row.checkout_url } : {}),
      ...(row.receipt_number && row.paid_at
        ? {
            receipt: {
              number: row.receipt_number,
              paidAt: row.paid_at,
              pdfUrl: `/api/payments/${row.id}/receipt.pdf`,
            },
          }
        : {}),
    };
  }

  /**
   * Frees the notices of payments left pending longer than pagoPA's lock (the citizen closed
   * checkout, a response was lost), so nobody can keep a notice from being paid. A simulated
   * payment ends as cancelled; one sent to pagoPA, whose outcome this gateway never learns, stays
   * pending (see PaymentProvider).
   */
  async function releaseAbandoned(): Promise<void> {
    const cutoff = new Date(options.now() - PAYMENT_LOCK_SECONDS * 1000).toISOString();
    const db = database.current();
    // Usually there are none: one read from the notices locked now (an index), no transaction.
    const stale = await db
      .selectFrom('notices')
      .innerJoin('payments', 'payments.id', 'notices.payment_id')
      .select(['payments.id', 'payments.simulated'])
      .distinct()
      .where('notices.state', '=', 'in-progress')
      .where('payments.status', '=', 'pending')
      .where('payments.created_at', '<', cutoff)
      .orderBy('payments.id')
      .execute();
    // A demo visitor's payments lock no notice row: this visitor's own are looked up (an index).
    const visitor = options.demo ? requestClient.getStore()?.demoVisitor : undefined;
    if (visitor) {
      stale.push(
        ...(await db
          .selectFrom('payments')
          .select(['id', 'simulated'])
          .where('demo_visitor', '=', visitor)
          .where('status', '=', 'pending')
          .where('created_at', '<', cutoff)
          .orderBy('id')
          .execute()),
      );
    }
    const unknown = stale.filter((payment) => !payment.simulated).map((payment) => payment.id);
    if (unknown.length > 0) {
      await db
        .updateTable('notices')
        .set({ state: 'payable', payment_id: null })
        .where('state', '=', 'in-progress')
        .where('payment_id', 'in', unknown)
        .execute();
    }
    const simulated = stale.filter((payment) => payment.simulated);
    if (simulated.length === 0) return;
    // endPayment ends only what is still pending: one a concurrent request ended is left alone.
    await database.transaction(async () => {
      for (const { id } of simulated) await endPayment(id, 'cancelled');
    });
  }

  /**
   * Ends a pending payment with its outcome, once: settles its notices when paid, frees them
   * otherwise. Returns false when the payment had already ended. Runs inside a transaction.
   */
  async function endPayment(id: string, outcome: 'paid' | 'cancelled' | 'failed'): Promise<boolean> {
    const db = database.current();
    const paidAt = options.now();
    const ended = await db
      .updateTable('payments')
      .set(
        outcome === 'paid'
          ? {
              status: 'paid',
              receipt_number: receiptNumber(paidAt, id),
              paid_at: new Date(paidAt).toISOString(),
            }
          : { status: outcome },
      )
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) !== 1) return false;
    await db
      .updateTable('notices')
      .set(outcome === 'paid' ? { state: 'paid' } : { state: 'payable', payment_id: null })
      .where('payment_id', '=', id)
      .execute();
    return true;
  }

  /**
   * The answer for a notice that cannot be paid now, undefined when it can. A notice locked by a
   * pending payment of this gateway can be retried once that payment is released; one seeded as
   * in progress, with no payment here, after the whole lock.
   */
  async function noticeProblem(
    row: Pick<Tables['notices'], 'state' | 'payment_id'>,
  ): Promise<ContractResponse | undefined> {
    const state = row.state as NoticeState;
    if (state !== 'in-progress' || row.payment_id === null) return noticeStateProblem(state);
    const payment = await database
      .current()
      .selectFrom('payments')
      .select('created_at')
      .where('id', '=', row.payment_id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return noticeStateProblem(
      state,
      payment ? paymentLockSecondsLeft(payment.created_at, options.now()) : undefined,
    );
  }

  /**
   * Where a notice stands for this request: its row, or for a demo notice in demo mode, the
   * visitor's own copy (their payment of it paid, or pending within the lock; else as seeded).
   */
  async function standingOf(
    ref: Schemas['NoticeRef'],
    row: Pick<Tables['notices'], 'state' | 'payment_id'>,
    visitor = requestClient.getStore()?.demoVisitor,
  ): Promise<Pick<Tables['notices'], 'state' | 'payment_id'>> {
    if (!isDemoCopy(ref) || !visitor) return row;
    const cutoff = new Date(options.now() - PAYMENT_LOCK_SECONDS * 1000).toISOString();
    const own = await database
      .current()
      .selectFrom('payments')
      .innerJoin('payment_notices', 'payment_notices.payment_id', 'payments.id')
      .select(['payments.id', 'payments.status'])
      .where('payments.demo_visitor', '=', visitor)
      .where('payment_notices.creditor_fiscal_code', '=', ref.creditorFiscalCode)
      .where('payment_notices.notice_number', '=', ref.noticeNumber)
      .where((eb) =>
        eb.or([
          eb('payments.status', '=', 'paid'),
          eb.and([eb('payments.status', '=', 'pending'), eb('payments.created_at', '>=', cutoff)]),
        ]),
      )
      .execute();
    const paid = own.find((payment) => payment.status === 'paid');
    if (paid) return { state: 'paid', payment_id: paid.id };
    return own[0] ? { state: 'in-progress', payment_id: own[0].id } : row;
  }

  /** The answer for a notice that cannot be paid now (unknown included), undefined when it can. */
  async function refusalFor(
    ref: Schemas['NoticeRef'],
    visitor?: string,
  ): Promise<ContractResponse | undefined> {
    const row = await database
      .current()
      .selectFrom('notices')
      .select(['state', 'payment_id'])
      .where('creditor_fiscal_code', '=', ref.creditorFiscalCode)
      .where('notice_number', '=', ref.noticeNumber)
      .executeTakeFirst();
    return row ? noticeProblem(await standingOf(ref, row, visitor)) : paymentUnknown();
  }

  /**
   * Why a cart cannot be paid: its first notice, in the citizen's order, that cannot be paid now,
   * as the sandbox answers, whatever order the notices were claimed in. `claimed`: the notices
   * this cart's own transaction has locked already (by noticeKey).
   */
  async function cartRefusal(
    notices: Schemas['NoticeRef'][],
    claimed: ReadonlyMap<string, unknown>,
    visitor: string | undefined,
  ): Promise<ContractResponse> {
    for (const ref of notices) {
      if (claimed.has(noticeKey(ref))) continue;
      const refusal = await refusalFor(ref, visitor);
      if (refusal) return refusal;
    }
    // Reached only if the notice that could not be claimed was freed again meanwhile (a race on
    // PostgreSQL): it is answered as the gateway always answered a notice it could not claim.
    return paymentUnknown();
  }

  return {
    async getPaymentCatalogue() {
      return { status: 200, body: { items: [...catalogue.values()] } };
    },

    async createCatalogueNotice({ params, body }) {
      const item = catalogue.get(params.itemId!);
      if (!item) return notFound();
      const input = body as Schemas['CatalogueNoticeInput'];
      const problems = catalogueNoticeProblems(item, input);
      if (problems.length > 0) return { status: 400, body: validationProblem(problems) };
      return database.transaction(async () => {
        const trx = database.current();
        const notice: Schemas['Notice'] = {
          creditorFiscalCode: municipality.creditorFiscalCode,
          noticeNumber: await nextNoticeNumber(trx),
          payee: municipality.name,
          description: item.name.it,
          amountCents: catalogueNoticeAmount(item, input),
          dueDate: catalogueDueDate(options.now()),
        };
        const fields = normaliseCatalogueFields(item, input.fields);
        await insertNotice(trx, notice, 'payable', { service: item.id, fields });
        return { status: 201, body: notice };
      });
    },

    async lookUpNotice({ body }) {
      const ref = body as Schemas['NoticeRef'];
      await releaseAbandoned();
      const row = await database
        .current()
        .selectFrom('notices')
        .selectAll()
        .where('creditor_fiscal_code', '=', ref.creditorFiscalCode)
        .where('notice_number', '=', ref.noticeNumber)
        .executeTakeFirst();
      if (!row) return paymentUnknown();
      return (await noticeProblem(await standingOf(ref, row))) ?? { status: 200, body: noticeOf(row) };
    },

    async createCheckout({ body }) {
      const input = body as Schemas['CheckoutInput'];
      // Checkout sends the citizen back there: only to this gateway's own site or an allowed one.
      const returnOrigin = URL.canParse(input.returnUrl) ? new URL(input.returnUrl).origin : '';
      if (!options.returnOrigins.includes(returnOrigin)) {
        return {
          status: 400,
          body: validationProblem([
            { field: 'returnUrl', code: 'not-allowed', message: 'must be on a site this gateway serves' },
          ]),
        };
      }
      if (input.notices.length > options.provider.maxNotices) {
        return {
          status: 400,
          body: validationProblem([
            {
              field: 'notices',
              code: 'count',
              message: `must hold at most ${options.provider.maxNotices} notice(s) here`,
            },
          ]),
        };
      }
      await releaseAbandoned();
      const id = randomUUID();
      const demoCopies = input.notices.some(isDemoCopy);
      const knownVisitor = requestClient.getStore()?.demoVisitor;
      // A visitor without the cookie gets one with this payment: it is theirs from now on.
      const visitor = demoCopies ? (knownVisitor ?? randomUUID()) : undefined;
      return refusable(async () => {
        await database.transaction(async () => {
          const db = database.current();
          let amountCents = 0;
          const claimed = new Map<string, Tables['notices']>();
          // Claimed in one order whatever the cart's: two carts listing the same notices in
          // different orders would each lock one and wait for the other, and PostgreSQL would
          // end one of them as a deadlock (a 500) instead of answering payment-ongoing.
          for (const ref of [...input.notices].sort(byNotice)) {
            // Claim the notice only if it is payable: of two concurrent checkouts, the second
            // waits for the first's transaction and then finds it no longer payable. A demo
            // copy leaves the row as it is, but the write still takes the row's lock: the
            // visitor's concurrent checkouts queue there, and each then reads the payment the
            // one before it committed (a new snapshot per statement in PostgreSQL).
            const row = await db
              .updateTable('notices')
              .set(isDemoCopy(ref) ? { state: 'payable' } : { state: 'in-progress', payment_id: id })
              .where('creditor_fiscal_code', '=', ref.creditorFiscalCode)
              .where('notice_number', '=', ref.noticeNumber)
              .where('state', '=', 'payable')
              .returningAll()
              .executeTakeFirst();
            const available =
              row && (!isDemoCopy(ref) || (await standingOf(ref, row, visitor)).state === 'payable');
            if (!available) throw new Refusal(await cartRefusal(input.notices, claimed, visitor));
            amountCents += Number(row.amount_cents);
            claimed.set(noticeKey(ref), row);
          }
          // The cart keeps the citizen's order (its positions, the receipt's lines).
          const snapshots = input.notices.map((ref) => claimed.get(noticeKey(ref))!);
          await db
            .insertInto('payments')
            .values({
              id,
              status: 'pending',
              amount_cents: amountCents,
              created_at: new Date(options.now()).toISOString(),
              return_url: input.returnUrl,
              checkout_url: options.provider.checkoutUrl(id, input.notices, options.publicUrl),
              simulated: options.provider.simulated ? 1 : 0,
              receipt_number: null,
              paid_at: null,
              demo_visitor: visitor ?? null,
            })
            .execute();
          for (const [position, row] of snapshots.entries()) {
            const { state: _state, payment_id: _payment, details: _details, ...notice } = row;
            await db
              .insertInto('payment_notices')
              .values({ ...notice, payment_id: id, position })
              .execute();
          }
        });
        const headers: Record<string, string> =
          visitor && visitor !== knownVisitor ? { 'Set-Cookie': visitorCookie(visitor) } : {};
        return { status: 201, body: await loadPayment(id), headers };
      });
    },

    async getPayment({ params }) {
      const payment = await loadPayment(params.paymentId!);
      return payment ? { status: 200, body: payment } : notFound();
    },

    async getReceiptPdf({ params }) {
      return receiptResponse(await loadPayment(params.paymentId!));
    },

    async setSimulatedOutcome({ params, body }) {
      if (!options.provider.simulated) return notFound();
      const { outcome } = body as Schemas['SimulatedOutcome'];
      const id = params.paymentId!;
      return database.transaction(async () => {
        await endPayment(id, outcome);
        const payment = await loadPayment(id);
        if (!payment) return notFound();
        if (payment.status !== outcome) return { status: 409, body: problem(409, 'payment-ended') };
        return { status: 200, body: payment };
      });
    },
  };
}

/** Stores a notice of the municipality (seeded, or created from the catalogue). */
export async function insertNotice(
  db: Kysely<Tables>,
  notice: Schemas['Notice'],
  state: NoticeState,
  details: unknown = null,
): Promise<void> {
  await db
    .insertInto('notices')
    .values({
      creditor_fiscal_code: notice.creditorFiscalCode,
      notice_number: notice.noticeNumber,
      payee: notice.payee,
      description: notice.description,
      amount_cents: notice.amountCents,
      due_date: notice.dueDate,
      state,
      payment_id: null,
      details: details === null ? null : JSON.stringify(details),
    })
    .execute();
}

/** Where the simulated checkout sends the citizen back, with the payment id added. */
export async function returnUrlOf(database: Database, paymentId: string): Promise<string | undefined> {
  const row = await database
    .current()
    .selectFrom('payments')
    .select('return_url')
    .where('id', '=', paymentId)
    .executeTakeFirst();
  return row?.return_url;
}
