import { defineCatalogue, type Translation } from '@sportello/core';

// The catalogue's own words; problems (offline, timeout) come from the payment catalogue.

/** An entered amount's limits, formatted; `max` is '' when the service sets none. */
type Range = { min: string; max: string };

const it = {
  'catalogue.heading': 'Paga un servizio del Comune',
  'catalogue.intro': 'Scegli cosa vuoi pagare: prepari un avviso pagoPA e lo paghi subito.',
  'catalogue.fixedAmount': 'Importo: {amount}',
  'catalogue.enteredAmount': ({ min, max }: Range) =>
    max ? `Importo da ${min} a ${max}` : `Importo da ${min} in su`,
  'catalogue.amount': 'Importo in euro',
  'catalogue.amountHint': ({ min, max }: Range) =>
    `${max ? `Da ${min} a ${max}` : `Almeno ${min}`}. Per i centesimi usa la virgola: 12,50.`,
  'catalogue.amountInvalid': 'Scrivi un importo in euro, per esempio 12,50.',
  'catalogue.amountRange': ({ min, max }: Range) =>
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

const en: Translation<typeof it> = {
  'catalogue.heading': 'Pay for a municipal service',
  'catalogue.intro': 'Choose what to pay: you prepare a pagoPA notice and pay it straight away.',
  'catalogue.fixedAmount': 'Amount: {amount}',
  'catalogue.enteredAmount': ({ min, max }: Range) =>
    max ? `Amount from ${min} to ${max}` : `Amount from ${min} up`,
  'catalogue.amount': 'Amount in euro',
  'catalogue.amountHint': ({ min, max }: Range) =>
    `${max ? `From ${min} to ${max}` : `At least ${min}`}. Use a point or a comma for cents: 12.50.`,
  'catalogue.amountInvalid': 'Type an amount in euro, for example 12.50.',
  'catalogue.amountRange': ({ min, max }: Range) =>
    max ? `The amount must be between ${min} and ${max}.` : `The amount must be at least ${min}.`,
  'catalogue.required': 'This field is required.',
  'catalogue.plateInvalid': 'Type the plate as it is on the vehicle, for example AB 123 CD.',
  'catalogue.violationInvalid': 'The fine number contains only digits, letters, / and -.',
  'catalogue.continue': 'Prepare the notice',
  'catalogue.preparing': 'Preparing the notice…',
  'catalogue.changedMeanwhile':
    'You changed the details while we were preparing the notice. Check them and press “Prepare the notice” again.',
  'catalogue.back': 'Choose another service',
  'catalogue.reload': 'Try loading the services again',
};

export const catalogueMessages = defineCatalogue({ it, en });
