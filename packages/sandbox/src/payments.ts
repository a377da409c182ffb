import {
  PAYMENT_LOCK_SECONDS,
  catalogueDueDate,
  catalogueNoticeAmount,
  catalogueNoticeNumber,
  catalogueNoticeProblems,
  noticeStateProblem,
  paymentLockSecondsLeft,
  paymentUnknown,
  notFound,
  problem,
  receiptNumber,
  receiptResponse,
  type ContractResponse,
  type Handler,
  type NoticeState,
  type Schemas,
  validationProblem,
} from '@sportello/core/contract';
import { randomUuid } from '@sportello/core';
import { demoCatalogue, demoMunicipality, demoNotices } from '@sportello/demo-data';

type Payment = Schemas['Payment'];

const key = (ref: Schemas['NoticeRef']) => `${ref.creditorFiscalCode}/${ref.noticeNumber}`;

/** What the sandbox charges for itself (a certificate's stamp duty), as the gateway's payment provider does. */
export interface SandboxNotices {
  /** A payable notice of the demo municipality, numbered after the catalogue's, due in 30 days. */
  createNotice(charge: { description: string; amountCents: number }): Schemas['Notice'];
  /** When the notice was paid on the simulated checkout (ISO date-time), or undefined while it is not. */
  paidAt(ref: Schemas['NoticeRef']): string | undefined;
}

/** The payment operations in memory, with the simulated pagoPA checkout opening in the page. */
export function sandboxPayments(now: () => number): {
  handlers: Record<string, Handler>;
  notices: SandboxNotices;
} {
  const notices = new Map(
    demoNotices.map(({ state, ...notice }) => [key(notice), { notice, state: state as NoticeState }]),
  );
  const payments = new Map<string, Payment>();
  let createdNotices = 0;

  const found = (id: string | undefined): Payment | undefined => (id ? payments.get(id) : undefined);

  /** As the gateway: payments pending longer than pagoPA's lock end, freeing their notices. */
  function releaseAbandoned(): void {
    const cutoff = now() - PAYMENT_LOCK_SECONDS * 1000;
    for (const payment of payments.values()) {
      if (payment.status !== 'pending' || Date.parse(payment.createdAt) >= cutoff) continue;
      const { checkoutInPage: _abandoned, ...rest } = payment;
      payments.set(payment.id, { ...rest, status: 'cancelled' });
      for (const notice of payment.notices) notices.get(key(notice))!.state = 'payable';
    }
  }
  const ok = (status: number, body: unknown): ContractResponse => ({ status, body });

  /** A new notice of the municipality, numbered from the one counter (no two ever share a number). */
  function createNotice(charge: { description: string; amountCents: number }): Schemas['Notice'] {
    const notice: Schemas['Notice'] = {
      creditorFiscalCode: demoMunicipality.creditorFiscalCode,
      noticeNumber: catalogueNoticeNumber(++createdNotices),
      payee: demoMunicipality.name,
      ...charge,
      dueDate: catalogueDueDate(now()),
    };
    notices.set(key(notice), { notice, state: 'payable' });
    return notice;
  }

  const charges: SandboxNotices = {
    createNotice,
    paidAt(ref) {
      if (notices.get(key(ref))?.state !== 'paid') return undefined;
      const settled = [...payments.values()].find(
        (payment) => payment.status === 'paid' && payment.notices.some((notice) => key(notice) === key(ref)),
      );
      return settled?.receipt?.paidAt;
    },
  };

  /**
   * As the gateway: a notice locked by one of the sandbox's pending payments can be retried once
   * that payment is released; a demo notice in progress, with no payment here, after the whole lock.
   */
  function noticeProblem(ref: Schemas['NoticeRef'], state: NoticeState): ContractResponse | undefined {
    if (state !== 'in-progress') return noticeStateProblem(state);
    const payment = [...payments.values()].find(
      (candidate) =>
        candidate.status === 'pending' && candidate.notices.some((notice) => key(notice) === key(ref)),
    );
    return noticeStateProblem(state, payment ? paymentLockSecondsLeft(payment.createdAt, now()) : undefined);
  }

  const handlers: Record<string, Handler> = {
    async getPaymentCatalogue() {
      return ok(200, { items: demoCatalogue });
    },

    async createCatalogueNotice({ params, body }) {
      const item = demoCatalogue.find((entry) => entry.id === params.itemId);
      if (!item) return notFound();
      const input = body as Schemas['CatalogueNoticeInput'];
      const problems = catalogueNoticeProblems(item, input);
      if (problems.length > 0) return { status: 400, body: validationProblem(problems) };
      const notice = createNotice({
        description: item.name.it,
        amountCents: catalogueNoticeAmount(item, input),
      });
      return ok(201, notice);
    },

    async lookUpNotice({ body }) {
      releaseAbandoned();
      const entry = notices.get(key(body as Schemas['NoticeRef']));
      if (!entry) return paymentUnknown();
      return noticeProblem(entry.notice, entry.state) ?? ok(200, entry.notice);
    },

    async createCheckout({ body }) {
      const input = body as Schemas['CheckoutInput'];
      releaseAbandoned();
      const entries = [];
      for (const ref of input.notices) {
        const entry = notices.get(key(ref));
        if (!entry) return paymentUnknown();
        const refused = noticeProblem(ref, entry.state);
        if (refused) return refused;
        entries.push(entry);
      }
      for (const entry of entries) entry.state = 'in-progress';
      // Unique as the gateway's: a tab keeps the payments it reported (sessionStorage) across reloads
      // and new sandboxes, and the receipt number is read off the id.
      const id = randomUuid();
      const payment: Payment = {
        id,
        status: 'pending',
        amountCents: entries.reduce((sum, entry) => sum + entry.notice.amountCents, 0),
        notices: entries.map((entry) => entry.notice),
        createdAt: new Date(now()).toISOString(),
        // No page to go to: a widget on the sandbox shows the simulated checkout itself.
        checkoutInPage: true,
        simulated: true,
      };
      payments.set(id, payment);
      return ok(201, payment);
    },

    async getPayment({ params }) {
      const payment = found(params.paymentId);
      return payment ? ok(200, payment) : notFound();
    },

    async getReceiptPdf({ params }) {
      return receiptResponse(found(params.paymentId));
    },

    async setSimulatedOutcome({ params, body }) {
      const payment = found(params.paymentId);
      if (!payment) return notFound();
      const { outcome } = body as Schemas['SimulatedOutcome'];
      if (payment.status !== 'pending') {
        return payment.status === outcome
          ? ok(200, payment)
          : { status: 409, body: problem(409, 'payment-ended') };
      }
      for (const notice of payment.notices)
        notices.get(key(notice))!.state = outcome === 'paid' ? 'paid' : 'payable';
      const { checkoutInPage: _done, ...rest } = payment;
      const paidAt = now();
      const ended: Payment =
        outcome === 'paid'
          ? {
              ...rest,
              status: 'paid',
              receipt: {
                number: receiptNumber(paidAt, payment.id),
                paidAt: new Date(paidAt).toISOString(),
                pdfUrl: `/api/payments/${payment.id}/receipt.pdf`,
              },
            }
          : { ...rest, status: outcome };
      payments.set(payment.id, ended);
      return ok(200, ended);
    },
  };
  return { handlers, notices: charges };
}
