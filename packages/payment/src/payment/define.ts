import { define } from '@sportello/core';
import { SportelloPayment } from './payment.js';

export { SportelloPayment };

define('sportello-payment', SportelloPayment);

declare global {
  interface HTMLElementTagNameMap {
    'sportello-payment': SportelloPayment;
  }
}
