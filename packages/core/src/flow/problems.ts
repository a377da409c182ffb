import { ApiError, NetworkError } from '../api/client.js';
import { defineCatalogue } from '../i18n/catalogue.js';

// The failures every element can meet, said the same way everywhere: the citizen learns one
// sentence for "no network" and one for "the service is not answering", whichever widget it is.
const it = {
  'problem.offline':
    'Non sei collegato a internet. Quello che hai scritto resta qui: riprova quando torna la connessione.',
  'problem.noAnswer': 'Il servizio non risponde. Quello che hai scritto resta qui: riprova tra poco.',
  'problem.rateLimited': ({ minutes }: { minutes: number }) =>
    `Sono arrivate troppe richieste in poco tempo. Riprova tra ${minutes === 1 ? 'un minuto' : `${minutes} minuti`}.`,
  'problem.notNow': 'Il servizio non è disponibile in questo momento. Riprova tra qualche minuto.',
  'problem.serverError': 'Qualcosa non ha funzionato dalla parte del Comune. Riprova tra poco.',
  'problem.generic': 'Qualcosa non ha funzionato. Riprova tra poco.',
};

/** The words in Italian, the source language: what every translation has, key by key. */
export type FlowProblemMessages = typeof it;

/** Core's catalogue of transport and generic problems, used by every element through `StepFlow`. */
export const flowProblemMessages = defineCatalogue({
  it,
  en: () => import('./problems.en.js').then((module) => module.en),
});
export type FlowProblemKey = keyof typeof it;

/**
 * The generic problem a failed call is: no network, no answer, too many requests, "not now", the
 * gateway's own failure, or anything else. Elements say their own words first for the problems of
 * their domain (a notice already paid, a time taken) and fall back to this.
 */
export function genericProblem(error: unknown): { key: FlowProblemKey; minutes?: number } {
  if (error instanceof NetworkError) {
    return { key: error.reason === 'offline' ? 'problem.offline' : 'problem.noAnswer' };
  }
  if (error instanceof ApiError) {
    const minutes = Math.max(1, Math.ceil((error.problem.retryAfterSeconds ?? 60) / 60));
    if (error.status === 429) return { key: 'problem.rateLimited', minutes };
    // A proxy in front of the gateway got no answer from it, or none in time.
    if (error.status === 502 || error.status === 504) return { key: 'problem.noAnswer' };
    if (error.status === 503 || (error.status < 500 && error.problem.retryAfterSeconds !== undefined)) {
      return { key: 'problem.notNow' };
    }
    if (error.status >= 500) return { key: 'problem.serverError' };
  }
  return { key: 'problem.generic' };
}
