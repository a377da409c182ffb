import { defineCatalogue, type Translation } from '@sportello/core';

// The catalogue's own words; problems (offline, timeout) come from the payment catalogue.
const it = {
  'catalogue.heading': 'Paga un servizio del Comune',
  'catalogue.intro': 'Scegli cosa vuoi pagare: prepari un avviso pagoPA e lo paghi subito.',
  'catalogue.fixedAmount': 'Importo: {amount}',
  'catalogue.enteredAmount': 'Importo da {min} a {max}',
  'catalogue.amount': 'Importo in euro',
  'catalogue.amountHint': 'Da {min} a {max}. Per i centesimi usa la virgola: 12,50.',
  'catalogue.amountInvalid': 'Scrivi un importo in euro, per esempio 12,50.',
  'catalogue.amountRange': 'L’importo deve essere tra {min} e {max}.',
  'catalogue.required': 'Questo campo è obbligatorio.',
  'catalogue.plateInvalid': 'Scrivi la targa come è sul veicolo, per esempio AB 123 CD.',
  'catalogue.violationInvalid': 'Il numero del verbale contiene solo cifre, lettere, / e -.',
  'catalogue.continue': 'Prepara l’avviso',
  'catalogue.preparing': 'Preparazione dell’avviso…',
  'catalogue.back': 'Scegli un altro servizio',
};

const en: Translation<typeof it> = {
  'catalogue.heading': 'Pay for a municipal service',
  'catalogue.intro': 'Choose what to pay: you prepare a pagoPA notice and pay it straight away.',
  'catalogue.fixedAmount': 'Amount: {amount}',
  'catalogue.enteredAmount': 'Amount from {min} to {max}',
  'catalogue.amount': 'Amount in euro',
  'catalogue.amountHint': 'From {min} to {max}. Use a point or a comma for cents: 12.50.',
  'catalogue.amountInvalid': 'Type an amount in euro, for example 12.50.',
  'catalogue.amountRange': 'The amount must be between {min} and {max}.',
  'catalogue.required': 'This field is required.',
  'catalogue.plateInvalid': 'Type the plate as it is on the vehicle, for example AB 123 CD.',
  'catalogue.violationInvalid': 'The fine number contains only digits, letters, / and -.',
  'catalogue.continue': 'Prepare the notice',
  'catalogue.preparing': 'Preparing the notice…',
  'catalogue.back': 'Choose another service',
};

export const catalogueMessages = defineCatalogue({ it, en });
