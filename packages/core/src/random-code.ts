// Codes people copy by hand or read over the phone (a booking's manage code, a certificate's
// identifier): random, in Crockford's base32, which has no I, L, O or U to mistake for 1 and 0.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` characters of 5 random bits each, from the platform's cryptographic random source. */
export function randomCrockford(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((byte) => CROCKFORD[byte & 31]).join('');
}

/** A code as printed: groups of four joined by hyphens, `7K3M-Q9TX-2B4D-HV8R`. */
export function inGroupsOfFour(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}
