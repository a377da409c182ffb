// The municipality's seal key: the Ed25519 private key that seals every certificate's QR, read from
// the file SEAL_KEY_FILE names (the same file for every instance, or certificates sealed by one would
// not verify against the keys another publishes), and the older public keys still published.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  generateSealKeys,
  importSealSigningKey,
  publicSealJwk,
  type SealPrivateJwk,
  type SealPublicJwk,
} from '@sportello/core/certificates';
import type { Schemas } from '@sportello/core/contract';
import { ConfigError } from './config.js';

/** A public key as the contract publishes it (checked against the contract's rules when read). */
export type PublishedSealKey = Schemas['SealKeySet']['keys'][number];

/** What seals certificates here, and what is published for checking them. */
export interface SealKeys {
  /** The key that seals new certificates, when there is one (SEAL_KEY_FILE, or the demo's). */
  signing?: { keyId: string; key: CryptoKey };
  /**
   * What getSealKeys publishes: the signing key's public half first, then the older keys of
   * SEAL_PUBLIC_KEYS_FILE (certificates they sealed are still valid). Empty when there are none.
   */
  publicKeys: PublishedSealKey[];
}

const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{43}$/;
/** The contract's SealKeySet: `kid` of 1 to 64 characters. */
const KEY_ID = /^[!-~]{1,64}$/;

/** Where demo mode keeps the key it made, beside the demo sign-in's key. */
export const DEMO_SEAL_KEY_FILE = 'seal-key.json';

/** A new key id: the day and a few random characters, so that two keys made one day differ. */
export function newSealKeyId(now: number): string {
  return `seal-${new Date(now).toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
}

function readJson(file: string, setting: string): unknown {
  let content: string;
  try {
    content = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new ConfigError(`${setting} (${file}) cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(content);
  } catch {
    // Not the parser's message: it may quote the file, and the file holds a private key.
    throw new ConfigError(`${setting} (${file}) is not valid JSON`);
  }
}

/** Why `jwk` is not a public Ed25519 JWK as the contract publishes it, or undefined. */
function publicKeyProblem(jwk: Record<string, unknown>): string | undefined {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') return 'is not an Ed25519 key (kty "OKP", crv "Ed25519")';
  if (typeof jwk.x !== 'string' || !BASE64URL_32_BYTES.test(jwk.x)) {
    return 'has no valid public part (x: 43 base64url characters)';
  }
  if (typeof jwk.kid !== 'string' || !KEY_ID.test(jwk.kid)) {
    return 'has no valid key id (kid: 1 to 64 printable characters, no spaces)';
  }
  if (jwk.alg !== undefined && jwk.alg !== 'EdDSA' && jwk.alg !== 'Ed25519')
    return 'has an alg other than EdDSA';
  if (jwk.use !== undefined && jwk.use !== 'sig') return 'has a use other than sig';
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The private key in `file`, checked: an Ed25519 private JWK whose private part (`d`) belongs to its
 * public part (`x`), tried by sealing a probe and checking it. A `ConfigError` names what is wrong,
 * never the key's content.
 */
export async function readSealPrivateKey(
  file: string,
  setting = 'SEAL_KEY_FILE',
): Promise<{ jwk: SealPrivateJwk; key: CryptoKey }> {
  const jwk = readJson(file, setting);
  const expected = `${setting} (${file}) must hold an Ed25519 private key as a JWK (make one with \`sportello-gateway seal-key generate\`)`;
  if (!isObject(jwk)) throw new ConfigError(`${expected}: it holds no JSON object`);
  const problem = publicKeyProblem(jwk);
  if (problem) throw new ConfigError(`${expected}: it ${problem}`);
  if (typeof jwk.d !== 'string' || !BASE64URL_32_BYTES.test(jwk.d)) {
    throw new ConfigError(`${expected}: it has no valid private part (d: 43 base64url characters)`);
  }
  const privateJwk = jwk as unknown as SealPrivateJwk;
  const mismatched = `${expected}: its private part (d) does not belong to its public part (x)`;
  let key: CryptoKey;
  try {
    // Node refuses a `d` that does not give `x` (the key's parts are all checked above).
    key = await importSealSigningKey(privateJwk);
  } catch {
    throw new ConfigError(mismatched);
  }
  // Not every WebCrypto checks that at import: a probe signed with `d` must verify with `x`, or
  // every certificate would be sealed with a key nobody can check.
  const probe = new TextEncoder().encode('sportello seal key check');
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, key, probe);
  const publicKey = await crypto.subtle.importKey(
    'jwk',
    { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x },
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  if (!(await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, probe))) {
    throw new ConfigError(mismatched);
  }
  return { jwk: privateJwk, key };
}

/** The public keys in a JWKS file (`{ "keys": [...] }`), checked; never a private one. */
export function readSealPublicKeys(file: string, setting = 'SEAL_PUBLIC_KEYS_FILE'): PublishedSealKey[] {
  const jwks = readJson(file, setting);
  const expected = `${setting} (${file}) must hold a JWKS of Ed25519 public keys ({ "keys": [...] })`;
  if (!isObject(jwks) || !Array.isArray(jwks.keys))
    throw new ConfigError(`${expected}: it has no "keys" list`);
  return jwks.keys.map((jwk: unknown, index: number) => {
    if (!isObject(jwk)) throw new ConfigError(`${expected}: keys.${index} is not an object`);
    // A private key published by mistake would let anyone seal certificates in the municipality's name.
    if ('d' in jwk) {
      throw new ConfigError(
        `${setting} (${file}): keys.${index} holds a private part (d); list public keys only, and make a new seal key: this one may have been shared`,
      );
    }
    const problem = publicKeyProblem(jwk);
    if (problem) throw new ConfigError(`${expected}: keys.${index} ${problem}`);
    return publicSealJwk({ ...(jwk as unknown as SealPublicJwk), d: '' }) as PublishedSealKey;
  });
}

/**
 * The demo's own seal key: made in the data folder at the first start (readable by the gateway
 * only), then read from there, as the demo sign-in's key is. Two instances starting at once on one
 * folder both find the one file: it is created only if it is not there (`wx`).
 */
async function demoSealKey(dataDir: string, now: number): Promise<string> {
  const file = join(dataDir, DEMO_SEAL_KEY_FILE);
  if (existsSync(file)) return file;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { privateJwk } = await generateSealKeys(`demo-${newSealKeyId(now).slice(5)}`);
  try {
    writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  return file;
}

/**
 * The seal keys of the configuration: SEAL_KEY_FILE and SEAL_PUBLIC_KEYS_FILE, checked (a
 * `ConfigError` for a file that will not do, before anything opens); in demo mode without
 * SEAL_KEY_FILE, the demo's own key. Without any, no certificate is issued (see certificates.ts).
 */
export async function openSealKeys(options: {
  sealKeyFile?: string;
  sealPublicKeysFile?: string;
  dataDir: string;
  demo: boolean;
  now: number;
}): Promise<SealKeys> {
  const older = options.sealPublicKeysFile ? readSealPublicKeys(options.sealPublicKeysFile) : [];
  const file =
    options.sealKeyFile ?? (options.demo ? await demoSealKey(options.dataDir, options.now) : undefined);
  if (!file) return { publicKeys: older };
  const { jwk, key } = await readSealPrivateKey(
    file,
    options.sealKeyFile ? 'SEAL_KEY_FILE' : 'The demo seal key',
  );
  const current = publicSealJwk(jwk) as PublishedSealKey;
  // A verifier picks a key by its id: two keys under one id would make one of them unverifiable.
  if (older.some((key) => key.kid === current.kid && key.x !== current.x)) {
    throw new ConfigError(
      `SEAL_PUBLIC_KEYS_FILE (${options.sealPublicKeysFile}) lists another key under the seal key’s id "${current.kid}": give each key its own id`,
    );
  }
  return {
    signing: { keyId: jwk.kid, key },
    // The current key first; listed again among the older ones, it is published once.
    publicKeys: [current, ...older.filter((key) => key.kid !== current.kid)],
  };
}
