import { define } from '@sportello/core';
import { SportelloKeyboard } from './keyboard.js';

export { SportelloKeyboard };

define('sportello-keyboard', SportelloKeyboard);

declare global {
  interface HTMLElementTagNameMap {
    'sportello-keyboard': SportelloKeyboard;
  }
}
