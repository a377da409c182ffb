import { defineCatalogue } from '@sportello/core';

// The catalogue's own words; problems (offline, timeout) come from the payment catalogue.

/** An entered amount's limits, formatted; `max` is '' when the service sets none. */
export type AmountRange = { min: string; max: string };

const it = {
  'catalogue.heading': 'Paga un servizio del Comune',
  'catalogue.intro': 'Scegli cosa vuoi pagare: prepari un avviso pagoPA e lo paghi subito.',
  'catalogue.fixedAmount': 'Importo: {amount}',
  'catalogue.enteredAmount': ({ min, max }: AmountRange) =>
    max ? `Importo da ${min} a ${max}` : `Importo da ${min} in su`,
  'catalogue.amount': 'Importo in euro',
  'catalogue.amountHint': ({ min, max }: AmountRange) =>
    `${max ? `Da ${min} a ${max}` : `Almeno ${min}`}. Per i centesimi usa la virgola: 12,50.`,
  'catalogue.amountInvalid': 'Scrivi un importo in euro, per esempio 12,50.',
  'catalogue.amountRange': ({ min, max }: AmountRange) =>
    max ? `L’importo deve essere tra ${min} e ${max}.` : `L’importo deve essere almeno ${min}.`,
  'catalogue.required': 'Questo campo è obbligatorio.',
  'catalogue.plateInvalid': 'Scrivi la targa come è sul veicolo, per esempio AB 123 CD.',
  'catalogue.violationInvalid': 'Il numero del verbale contiene solo cifre, lettere, / e -.',
  'catalogue.continue': 'Prepara l’avviso',
  'catalogue.preparing': 'Preparazione dell’avviso…',
  'catalogue.changedMeanwhile':
    'Hai cambiato i dati mentre preparavamo l’avviso. Controllali e premi di nuovo «Prepara l’avviso».',
  'catalogue.back': 'Scegli un altro servizio',
  'catalogue.reload': 'Riprova a caricare i servizi',
};

/** The words in Italian, the source language: what every translation has, key by key. */
export type CatalogueMessages = typeof it;

export const catalogueMessages = defineCatalogue({
  it,
  en: () => import('./messages.en.js').then((module) => module.en),
});
