import { define } from '@sportello/core';
import { SportelloCertificateVerify } from './certificate-verify.js';

export { SportelloCertificateVerify };

define('sportello-certificate-verify', SportelloCertificateVerify);

declare global {
  interface HTMLElementTagNameMap {
    'sportello-certificate-verify': SportelloCertificateVerify;
  }
}
