import type { Translation } from '../i18n/catalogue.js';
import type { FlowProblemMessages } from './problems.js';

// Loaded the first time an element speaks English (see defineCatalogue in core).
export const en: Translation<FlowProblemMessages> = {
  'problem.offline':
    'You are not connected to the internet. What you typed stays here: try again when the connection is back.',
  'problem.noAnswer': 'The service is not answering. What you typed stays here: try again shortly.',
  'problem.rateLimited': ({ minutes }: { minutes: number }) =>
    `Too many requests arrived in a short time. Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
  'problem.notNow': 'The service is not available right now. Try again in a few minutes.',
  'problem.serverError': 'Something went wrong on the municipality’s side. Try again shortly.',
  'problem.generic': 'Something went wrong. Try again shortly.',
};
