import { define } from '@sportello/core';
import { SportelloBookingManage } from './booking-manage.js';

export { SportelloBookingManage };

define('sportello-booking-manage', SportelloBookingManage);

declare global {
  interface HTMLElementTagNameMap {
    'sportello-booking-manage': SportelloBookingManage;
  }
}
