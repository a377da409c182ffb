import { ApiError, type LocalizeController } from '@sportello/core';
import { stepsMessages, type StepsMessageKey } from './steps-messages.js';

/**
 * The certificate's own words for a failed call: the registry's and the stamp's cases, each with
 * what to do next. Anything else (offline, no answer, the gateway failing) is said in core's words,
 * the same in every element (see `StepFlow.showError`); a refused token is not a message but the
 * sign-in step (see the element).
 */
export function certificateProblem(
  i18n: LocalizeController<(typeof stepsMessages)['it']>,
  error: unknown,
): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  // The request named by the page's address is unknown, or another citizen's (answered alike).
  if (error.status === 404) return i18n.t('problem.requestUnknown');
  const key = `problem.${error.code}`;
  return key in stepsMessages.it ? i18n.t(key as StepsMessageKey) : undefined;
}
