import { ApiError, NetworkError, type LocalizeController } from '@sportello/core';
import { paymentMessages, type PaymentMessageKey } from './messages.js';

/** The citizen's message for a failed call: pagoPA's own cases, offline, timeout, or "try again". */
export function problemMessage(
  i18n: LocalizeController<(typeof paymentMessages)['it']>,
  error: unknown,
): string {
  // pagoPA's cases are the ones the catalogue has a `problem.<code>` message for.
  if (error instanceof ApiError && `problem.${error.code}` in paymentMessages.it) {
    const minutes = Math.ceil((error.problem.retryAfterSeconds ?? 1800) / 60);
    return i18n.t(`problem.${error.code}` as PaymentMessageKey, { minutes });
  }
  // The back end's way to pagoPA takes fewer notices per payment than the cart holds.
  if (
    error instanceof ApiError &&
    error.problem.errors?.some((e) => e.field === 'notices' && e.code === 'count')
  ) {
    return i18n.t('problem.tooManyNotices');
  }
  if (error instanceof NetworkError && error.reason !== 'network') {
    return i18n.t(error.reason === 'offline' ? 'problem.offline' : 'problem.timeout');
  }
  return i18n.t('problem.generic');
}
