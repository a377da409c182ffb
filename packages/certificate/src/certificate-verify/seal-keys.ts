// The public keys that seal a municipality's certificates, kept on this device for each gateway, so
// that a certificate's QR code can be checked with no network once the page has been online. Only
// what the gateway publishes to anyone (its JWKS) is kept here; never a certificate's data, nor
// what was checked. In localStorage rather than core's IndexedDB store: a few hundred bytes, read
// at once, and nobody's personal data to wipe at the end of a kiosk session.
const KEPT = 'sportello.sealKeys:';

/** The keys last downloaded from `gateway`, or undefined when this device has none. */
export function keptSealKeys(gateway: string): JsonWebKey[] | undefined {
  try {
    const keys = JSON.parse(localStorage.getItem(KEPT + gateway) ?? 'null') as unknown;
    return Array.isArray(keys) && keys.length ? (keys as JsonWebKey[]) : undefined;
  } catch {
    return undefined; // storage refused (a privacy setting) or spoilt: as if never downloaded
  }
}

/** Keeps the keys just downloaded from `gateway`, in place of any kept before. */
export function keepSealKeys(gateway: string, keys: readonly JsonWebKey[]): void {
  try {
    localStorage.setItem(KEPT + gateway, JSON.stringify(keys));
  } catch {
    // Storage refused: the keys serve this check, and the next one downloads them again.
  }
}
