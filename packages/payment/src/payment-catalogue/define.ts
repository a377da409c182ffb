import { define } from '@sportello/core';
import { SportelloPaymentCatalogue } from './payment-catalogue.js';

export { SportelloPaymentCatalogue };

define('sportello-payment-catalogue', SportelloPaymentCatalogue);

declare global {
  interface HTMLElementTagNameMap {
    'sportello-payment-catalogue': SportelloPaymentCatalogue;
  }
}
