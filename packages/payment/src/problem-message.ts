import { ApiError, NetworkError, type LocalizeController } from '@sportello/core';
import type { paymentMessages, PaymentMessageKey } from './messages.js';

const PAGOPA_PROBLEMS = new Set([
  'payment-unknown',
  'payment-duplicated',
  'payment-ongoing',
  'payment-expired',
  'payment-canceled',
  'payment-unavailable',
  'creditor-unreachable',
  'creditor-timeout',
]);

/** The citizen's message for a failed call: pagoPA's own cases, offline, timeout, or "try again". */
export function problemMessage(
  i18n: LocalizeController<(typeof paymentMessages)['it']>,
  error: unknown,
): string {
  if (error instanceof ApiError && PAGOPA_PROBLEMS.has(error.code)) {
    const minutes = Math.ceil((error.problem.retryAfterSeconds ?? 1800) / 60);
    return i18n.t(`problem.${error.code}` as PaymentMessageKey, { minutes });
  }
  if (error instanceof NetworkError && error.reason !== 'network') {
    return i18n.t(error.reason === 'offline' ? 'problem.offline' : 'problem.timeout');
  }
  return i18n.t('problem.generic');
}
