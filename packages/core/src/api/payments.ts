// pagoPA rules shared by every implementation of the payment part of the contract.
import { dateInRome, formatDateTime, formatEuro } from '../format.js';
import { addDays } from './booking-rules.js';
import { noticeCheckDigits } from '../validators/notice-number.js';
import { problem, type Schemas } from './contract.js';
import { notFound, type ContractResponse } from './contract-server.js';
import type { PdfDocumentModel } from '../pdf/document.js';

/** Where a notice stands at its creditor, in pagoPA's terms. */
export type NoticeState = 'payable' | 'paid' | 'expired' | 'in-progress' | 'revoked' | 'creditor-timeout';

/** How long pagoPA keeps a notice locked while a payment of it is in progress. */
export const PAYMENT_LOCK_SECONDS = 30 * 60;

/**
 * How long a citizen should wait before retrying a notice locked by a pending payment started at
 * `createdAt`: the seconds left until that payment is released, rounded up, at least a minute and
 * never more than the whole lock (the `retryAfterSeconds` of `noticeStateProblem`).
 */
export function paymentLockSecondsLeft(createdAt: string, now: number): number {
  const releasedAt = Date.parse(createdAt) + PAYMENT_LOCK_SECONDS * 1000;
  const left = Math.ceil((releasedAt - now) / 1000);
  return Math.min(PAYMENT_LOCK_SECONDS, Math.max(60, left));
}

/** The answer for a notice that cannot be paid now; undefined when it can. */
export function noticeStateProblem(
  state: NoticeState,
  retryAfterSeconds = PAYMENT_LOCK_SECONDS,
): ContractResponse | undefined {
  switch (state) {
    case 'payable':
      return undefined;
    case 'paid':
      return { status: 409, body: problem(409, 'payment-duplicated') };
    case 'expired':
      return { status: 409, body: problem(409, 'payment-expired') };
    case 'revoked':
      return { status: 409, body: problem(409, 'payment-canceled') };
    case 'in-progress':
      return {
        status: 409,
        body: problem(409, 'payment-ongoing', { retryAfterSeconds }),
        headers: { 'Retry-After': String(retryAfterSeconds) },
      };
    case 'creditor-timeout':
      return { status: 504, body: problem(504, 'creditor-timeout') };
  }
}

export const paymentUnknown = (): ContractResponse => ({
  status: 404,
  body: problem(404, 'payment-unknown'),
});

/** The return address with `payment=<id>` added, where checkout sends the citizen back. */
export function returnUrlFor(returnUrl: string, paymentId: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set('payment', paymentId);
  return url.toString();
}

/** A receipt number readable over the phone: date and a short code. */
export function receiptNumber(paidAt: number, paymentId: string): string {
  // The day in Rome: a payment at 00:30 on New Year's Day is not dated 31 December.
  const day = dateInRome(paidAt).replaceAll('-', '');
  return `SPT-${day}-${paymentId.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

/** What the receipt PDF says, in Italian and English: the same for the gateway and the sandbox. */
export function receiptDocument(payment: Schemas['Payment']): PdfDocumentModel {
  const receipt = payment.receipt!;
  const paidAt = `${formatDateTime(receipt.paidAt, 'it')} (${formatDateTime(receipt.paidAt, 'en')})`;
  return {
    title: 'Ricevuta di pagamento / Payment receipt',
    language: 'it',
    subject: `pagoPA ${receipt.number}`,
    blocks: [
      {
        kind: 'rows',
        rows: [
          ['Numero ricevuta / Receipt no.', receipt.number],
          ['Data / Date', paidAt],
          ['Importo / Amount', formatEuro(payment.amountCents, 'it')],
        ],
      },
      ...payment.notices.flatMap((notice, index): PdfDocumentModel['blocks'] => [
        { kind: 'heading', text: `Avviso ${index + 1} / Notice ${index + 1}` },
        {
          kind: 'rows',
          rows: [
            ['Descrizione / Description', notice.description],
            ['Ente creditore / Payee', notice.payee],
            ['Codice fiscale ente / Payee tax code', notice.creditorFiscalCode],
            ['Codice avviso / Notice code', notice.noticeNumber.replace(/(.{4})(?=.)/g, '$1 ')],
            ['Importo / Amount', formatEuro(notice.amountCents, 'it')],
          ],
        },
      ]),
    ],
    footer: payment.simulated
      ? 'Pagamento simulato: nessun addebito reale. / Simulated payment: no money was taken.'
      : 'Pagamento eseguito tramite pagoPA. / Paid through pagoPA.',
  };
}

type CatalogueItem = Schemas['CatalogueItem'];
type CatalogueNoticeInput = Schemas['CatalogueNoticeInput'];

export function catalogueNoticeAmount(item: CatalogueItem, input: CatalogueNoticeInput): number {
  return item.amount.kind === 'fixed' ? item.amount.cents! : input.amountCents!;
}

/**
 * The notice number of the `sequence`-th notice created from the catalogue: aux digit 3, the
 * municipality's segregation code 12, a 13-digit base, and the mod-93 check digits.
 */
export function catalogueNoticeNumber(sequence: number): string {
  const first16 = `312${String(2026_000_001_000 + sequence).padStart(13, '0')}`;
  return first16 + noticeCheckDigits(first16);
}

/** Notices created from the catalogue are due thirty days later (calendar days in Rome). */
export function catalogueDueDate(now: number): string {
  return addDays(dateInRome(now), 30);
}

/**
 * The answer to a receipt request: the PDF of a paid payment; payment-ongoing while it is pending
 * (a receipt may still come); not-found for no such payment, or one that ended unpaid (cancelled
 * or failed: no receipt will ever come, so asking again is pointless).
 */
export async function receiptResponse(payment: Schemas['Payment'] | undefined): Promise<ContractResponse> {
  if (payment?.status === 'pending') return { status: 409, body: problem(409, 'payment-ongoing') };
  if (!payment?.receipt) return notFound();
  // The PDF writer and its fonts weigh far more than the rest of the contract: loaded (in a page,
  // downloaded as a lazy chunk) only when a receipt is asked for.
  const { renderPdf } = await import('../pdf/render.js');
  return {
    status: 200,
    body: await renderPdf(receiptDocument(payment)),
    headers: { 'Content-Type': 'application/pdf' },
  };
}
