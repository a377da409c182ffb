import { define } from '@sportello/core';
import { SportelloCertificate } from './certificate.js';

export { SportelloCertificate };

define('sportello-certificate', SportelloCertificate);

declare global {
  interface HTMLElementTagNameMap {
    'sportello-certificate': SportelloCertificate;
  }
}
