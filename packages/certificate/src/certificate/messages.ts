import { defineCatalogue } from '@sportello/core';

// The words of the first steps, signing in and "what for", in plain words with one next step each;
// those of the later steps load with them (steps-messages.ts). The names and lines of the uses,
// exemptions and certificates are not here: they live with their rules in
// `@sportello/core/certificates`, in both languages.
const it = {
  'step.next': 'Avanti',
  loading: 'Caricamento in corso…',
  'signIn.heading': 'Accedi per chiedere un certificato',
  'signIn.why':
    'I certificati contengono dati personali: per darli a te, il Comune deve sapere chi sei. Accedi con SPID o CIE.',
  'signIn.expired':
    'La sessione è scaduta. Accedi di nuovo con SPID o CIE: le risposte che hai dato restano qui.',
  'signIn.button': 'Accedi con SPID o CIE',
  'signIn.kiosk':
    'Su questo totem non si accede con SPID o CIE, per proteggere la tua identità. Inquadra il codice con il telefono: lì accedi e chiedi il certificato.',
  'signIn.qrLabel': 'Codice QR per aprire la pagina dei certificati sul telefono',
  'use.heading': 'A cosa ti serve?',
  'use.missing': 'Scegli a cosa ti serve.',
  'use.exemption': 'Per quale uso esente dal bollo?',
  'use.exemptionMissing': 'Scegli l’uso esente dal bollo.',
  'use.reason': 'Motivo dell’esenzione',
  'use.reasonHint': 'Scrivi il motivo e la legge che prevede l’esenzione, in non più di {max} caratteri.',
};

/** The words in Italian, the source language: what every translation has, key by key. */
export type CertificateMessages = typeof it;

export const certificateMessages = defineCatalogue({
  it,
  en: () => import('./messages.en.js').then((module) => module.en),
});
export type CertificateMessageKey = keyof typeof it;
