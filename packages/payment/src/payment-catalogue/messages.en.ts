import type { Translation } from '@sportello/core';
import type { CatalogueMessages, AmountRange } from './messages.js';

// Loaded the first time an element speaks English (see defineCatalogue in core).
export const en: Translation<CatalogueMessages> = {
  'catalogue.heading': 'Pay for a municipal service',
  'catalogue.intro': 'Choose what to pay: you prepare a pagoPA notice and pay it straight away.',
  'catalogue.fixedAmount': 'Amount: {amount}',
  'catalogue.enteredAmount': ({ min, max }: AmountRange) =>
    max ? `Amount from ${min} to ${max}` : `Amount from ${min} up`,
  'catalogue.amount': 'Amount in euro',
  'catalogue.amountHint': ({ min, max }: AmountRange) =>
    `${max ? `From ${min} to ${max}` : `At least ${min}`}. Use a point or a comma for cents: 12.50.`,
  'catalogue.amountInvalid': 'Type an amount in euro, for example 12.50.',
  'catalogue.amountRange': ({ min, max }: AmountRange) =>
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
