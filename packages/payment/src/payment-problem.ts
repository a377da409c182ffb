import { ApiError, type LocalizeController } from '@sportello/core';
import { paymentMessages, type PaymentMessageKey } from './messages.js';

/**
 * The payment's own words for a failed call: pagoPA's cases, and a cart too big for the gateway's
 * way to pagoPA. Anything else (offline, no answer, the gateway failing) is said in core's words,
 * the same in every element (see `StepFlow.showError`).
 */
export function paymentProblem(
  i18n: LocalizeController<(typeof paymentMessages)['it']>,
  error: unknown,
): string | undefined {
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
  return undefined;
}
