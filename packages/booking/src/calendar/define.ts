import { define } from '@sportello/core';
import { SportelloCalendar } from './calendar.js';

export { SportelloCalendar };

define('sportello-calendar', SportelloCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'sportello-calendar': SportelloCalendar;
  }
}
