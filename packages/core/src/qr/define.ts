import { define } from '../define.js';
import { SportelloQr } from './qr.js';

export { SportelloQr };

define('sportello-qr', SportelloQr);

declare global {
  interface HTMLElementTagNameMap {
    'sportello-qr': SportelloQr;
  }
}
