// The seal in a certificate's verification QR: the certificate's face data, signed by the
// municipality with Ed25519, so that anyone holding the paper can check it offline with the
// municipality's published public key (as the EU digital COVID certificate and ICAO's visible
// digital seal do). Through WebCrypto (`crypto.subtle`, Ed25519 in Node 20 and Chromium), so the
// gateway seals and the page verifies with no library. WebCrypto exists only in secure contexts:
// the verify element needs https (or localhost).
//
// Text form, version 1 (`S1`), three parts joined by dots:
//
//   S1.<payload>.<signature>
//
// - payload: base64url (no padding) of the UTF-8 of a JSON array, in this order and nothing else:
//   [kind, subjectInitials, facts, issuedOn, validUntil, issuer, id, keyId]
//   `facts` is an object of strings with its keys in code-unit order, `validUntil` a date or null;
//   JSON.stringify with no spaces. One face has one payload: sealing is deterministic, and a payload
//   in any other form is refused as malformed, so there is never a second spelling of a seal.
// - signature: base64url of the 64-byte Ed25519 signature over the ASCII of `S1.<payload>` (the
//   version is signed too, as in JWS: a seal cannot be passed off as another version).
//
// Why not CBOR (as the COVID certificate) or a binary form: a decoder would cost more bytes in the
// page than the seal saves in the QR, and JSON is readable with any tool. Why not a JWS: its header
// alone adds about 40 characters. Measured: a family certificate's seal is about 330 characters, a
// QR of version 14 (73 modules) at error correction M in byte mode; a birth certificate's about 240,
// version 11. Printed 4 cm wide, a module is over half a millimetre (see seal.node.test.ts).
import { certificateKind, isPastValidity, type CertificateKindId } from './kinds.js';
import { isCertificateId } from './certificate-id.js';

/** What the certificate prints, and no more: the verify element shows it to compare with the paper. */
export interface CertificateFace {
  kind: CertificateKindId;
  /** The subject's initials, `M. R.`: the seal never carries a full name or a fiscal code. */
  subjectInitials: string;
  /** The facts printed, by a short stable key (`municipality`, `members`...): what the kind states. */
  facts: Readonly<Record<string, string>>;
  /** Issue date, `YYYY-MM-DD` in Rome. */
  issuedOn: string;
  /** Last valid day, `YYYY-MM-DD`, or null for a certificate that never expires. */
  validUntil: string | null;
  /** The issuing municipality: its fiscal code (as creditor) or its name. */
  issuer: string;
  /** The certificate's identifier in canonical form (see certificate-id.ts). */
  id: string;
}

/** A public seal key as published in the gateway's JWKS (RFC 8037). */
export interface SealPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  /** `EdDSA` (RFC 8037) or the newer `Ed25519` (RFC 9864). */
  alg?: 'EdDSA' | 'Ed25519';
  use?: 'sig';
}

/** The private half, as the gateway's configuration file holds it. */
export interface SealPrivateJwk extends SealPublicJwk {
  d: string;
}

export type SealVerdict =
  | { status: 'genuine'; face: CertificateFace; keyId: string }
  | { status: 'altered' }
  | { status: 'unknown-key' }
  | { status: 'malformed' };

export const SEAL_VERSION = 'S1';
/** Longest seal accepted: past this a printed QR gets too dense to scan from a phone. */
export const SEAL_MAX_LENGTH = 600;

const ED25519 = { name: 'Ed25519' } as const;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A new seal key pair, as JWKs: the private one for the gateway's configuration, the public one to publish. */
export async function generateSealKeys(keyId: string): Promise<{
  privateJwk: SealPrivateJwk;
  publicJwk: SealPublicJwk;
}> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { x, d } = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicJwk: SealPublicJwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: x!,
    kid: keyId,
    alg: 'EdDSA',
    use: 'sig',
  };
  return { privateJwk: { ...publicJwk, d: d! }, publicJwk };
}

/** The public half of a private key, to publish: never the `d`. */
export function publicSealJwk({ kty, crv, x, kid, alg, use }: SealPrivateJwk): SealPublicJwk {
  return { kty, crv, x, kid, ...(alg ? { alg } : {}), ...(use ? { use } : {}) };
}

/** The signing key from the configuration's private JWK. */
export function importSealSigningKey(jwk: SealPrivateJwk): Promise<CryptoKey> {
  const { kty, crv, x, d } = jwk;
  return crypto.subtle.importKey('jwk', { kty, crv, x, d }, ED25519, false, ['sign']);
}

function faceProblem(face: CertificateFace, keyId: string): string | undefined {
  if (!certificateKind(face.kind)) return 'kind';
  if (typeof face.subjectInitials !== 'string' || !face.subjectInitials.trim()) return 'subjectInitials';
  if (typeof face.facts !== 'object' || face.facts === null || Array.isArray(face.facts)) return 'facts';
  if (Object.values(face.facts).some((value) => typeof value !== 'string')) return 'facts';
  if (typeof face.issuedOn !== 'string' || !DATE.test(face.issuedOn)) return 'issuedOn';
  if (face.validUntil !== null && (typeof face.validUntil !== 'string' || !DATE.test(face.validUntil)))
    return 'validUntil';
  if (face.validUntil !== null && face.validUntil < face.issuedOn) return 'validUntil';
  if (typeof face.issuer !== 'string' || !face.issuer.trim()) return 'issuer';
  if (typeof face.id !== 'string' || !isCertificateId(face.id)) return 'id';
  if (typeof keyId !== 'string' || !keyId) return 'keyId';
  return undefined;
}

function canonicalPayload(face: CertificateFace, keyId: string): string {
  const facts = Object.fromEntries(
    Object.keys(face.facts)
      .sort()
      .map((key) => [key, face.facts[key]]),
  );
  return JSON.stringify([
    face.kind,
    face.subjectInitials,
    facts,
    face.issuedOn,
    face.validUntil,
    face.issuer,
    face.id,
    keyId,
  ]);
}

const encoder = new TextEncoder();

/**
 * The QR text sealing `face` with `privateKey` (named `keyId` in the published JWKS). Throws a
 * TypeError for a face that is not well formed (a bug in the caller), a RangeError for one too long
 * to print as a scannable QR.
 */
export async function sealCertificate(
  face: CertificateFace,
  privateKey: CryptoKey,
  keyId: string,
): Promise<string> {
  const problem = faceProblem(face, keyId);
  if (problem) throw new TypeError(`Cannot seal a certificate: its ${problem} is not valid`);
  const signingInput = `${SEAL_VERSION}.${toBase64Url(encoder.encode(canonicalPayload(face, keyId)))}`;
  const signature = await crypto.subtle.sign(ED25519, privateKey, encoder.encode(signingInput));
  const text = `${signingInput}.${toBase64Url(new Uint8Array(signature))}`;
  if (text.length > SEAL_MAX_LENGTH) {
    throw new RangeError(
      `A seal of ${text.length} characters is too long for a QR code (${SEAL_MAX_LENGTH})`,
    );
  }
  return text;
}

/** The face and key id a payload carries, or undefined when it is not a version-1 payload in canonical form. */
function parsePayload(bytes: Uint8Array): { face: CertificateFace; keyId: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (!Array.isArray(json) || json.length !== 8) return undefined;
  const [kind, subjectInitials, facts, issuedOn, validUntil, issuer, id, keyId] = json as unknown[];
  const face = { kind, subjectInitials, facts, issuedOn, validUntil, issuer, id } as CertificateFace;
  if (faceProblem(face, keyId as string)) return undefined;
  // One face, one spelling: anything else (spaces, key order, escapes) is not a seal we made.
  const canonical = encoder.encode(canonicalPayload(face, keyId as string));
  if (canonical.length !== bytes.length || canonical.some((byte, index) => byte !== bytes[index]))
    return undefined;
  return { face: { ...face, facts: { ...face.facts } }, keyId: keyId as string };
}

function verificationKey(keys: readonly JsonWebKey[], keyId: string): Promise<CryptoKey | undefined> {
  const jwk = keys.find(
    (key) => (key as { kid?: unknown }).kid === keyId && key.kty === 'OKP' && key.crv === 'Ed25519' && key.x,
  );
  if (!jwk) return Promise.resolve(undefined);
  // Only the key material: `alg` is spelt `EdDSA` or `Ed25519` by different publishers, and
  // `key_ops` from a JWKS must not decide what the key may do here.
  return crypto.subtle
    .importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, ED25519, false, ['verify'])
    .catch(() => undefined);
}

/**
 * Checks a seal read from a QR against the keys the municipality publishes (its JWKS's `keys`).
 * Genuine only when the text is a well-formed seal, its key is one of `keys` and the signature
 * holds; expiry is a separate question (`isExpired`), as the paper may be old but genuine.
 */
export async function verifySeal(text: string, keys: readonly JsonWebKey[]): Promise<SealVerdict> {
  const parts = typeof text === 'string' ? text.trim().split('.') : [];
  if (parts.length !== 3 || parts[0] !== SEAL_VERSION) return { status: 'malformed' };
  const payloadBytes = fromBase64Url(parts[1]!);
  const signature = fromBase64Url(parts[2]!);
  if (!payloadBytes || signature?.length !== 64) return { status: 'malformed' };
  const sealed = parsePayload(payloadBytes);
  if (!sealed) return { status: 'malformed' };
  const key = await verificationKey(keys, sealed.keyId);
  if (!key) return { status: 'unknown-key' };
  const signingInput = encoder.encode(`${parts[0]}.${parts[1]}`);
  const holds = await crypto.subtle.verify(ED25519, key, signature, signingInput);
  return holds ? { status: 'genuine', face: sealed.face, keyId: sealed.keyId } : { status: 'altered' };
}

/** True once the day in Rome (`now` injected: the clock of the caller) is past the face's last valid day. */
export function isExpired(face: Pick<CertificateFace, 'validUntil'>, now: Date | number): boolean {
  return isPastValidity(face.validUntil, now);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    const characters = Math.min(4, Math.ceil(((bytes.length - index) * 8) / 6));
    for (let position = 0; position < characters; position++) {
      text += BASE64URL[(chunk >> (18 - 6 * position)) & 63];
    }
  }
  return text;
}

/**
 * Strict base64url: only its alphabet, no padding, and the one spelling of those bytes (the unused
 * low bits of the last character zero), so a changed character can never decode to the same bytes.
 */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (const character of text) {
    buffer = ((buffer << 6) | BASE64URL.indexOf(character)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}
