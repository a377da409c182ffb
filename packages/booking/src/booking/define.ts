import { define } from '@sportello/core';
import { SportelloBooking } from './booking.js';

export { SportelloBooking };

define('sportello-booking', SportelloBooking);

declare global {
  interface HTMLElementTagNameMap {
    'sportello-booking': SportelloBooking;
  }
}
