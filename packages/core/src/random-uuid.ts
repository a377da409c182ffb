/**
 * A random UUID (version 4), for Idempotency-Keys and ids made in the browser. `crypto.randomUUID`
 * exists only in secure contexts, so a page served over plain http (an intranet, a test server)
 * gets one made from `crypto.getRandomValues`, which exists everywhere: a write must never fail,
 * or a button stay busy, for want of a key.
 */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
