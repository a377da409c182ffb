// A certificate's identifier ("contrassegno"): printed on the PDF, typed into the verify element,
// looked up online. 80 random bits, so that guessing a valid one is hopeless under rate limiting; in
// Crockford's base32 (as booking's manage codes), because people copy it by hand from paper: no
// I, L, O or U, any case, any spaces or hyphens, and URL-safe as it is.
import { inGroupsOfFour, randomCrockford } from '../random-code.js';

const CERTIFICATE_ID = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** A new identifier: 16 characters of 5 random bits each (80 bits), canonical form (no hyphens). */
export function newCertificateId(): string {
  return randomCrockford(16);
}

/**
 * The identifier as typed (any case, spaces or hyphens, O for 0, I or L for 1) in its canonical
 * form, or undefined when it cannot be one: the element says "check it" without asking the server.
 */
export function normaliseCertificateId(typed: string): string | undefined {
  const id = typed
    .toUpperCase()
    .replace(/[\s\u00a0\-\u2010-\u2015]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return CERTIFICATE_ID.test(id) ? id : undefined;
}

/** True for an identifier in canonical form (what the seal and the contract carry). */
export function isCertificateId(id: string): boolean {
  return CERTIFICATE_ID.test(id);
}

/** As printed: four groups of four, `7K3M-Q9TX-2B4D-HV8R`. */
export function formatCertificateId(id: string): string {
  return inGroupsOfFour(id);
}
