import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { problem, type Problem } from '@sportello/core/contract';
import { validateCodiceFiscale } from '@sportello/core/validators';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';

/** SPID and CIE OpenID Connect put the fiscal code in this claim, as `TINIT-<code>`. */
export const FISCAL_NUMBER_CLAIM = 'fiscal_number';

const DEMO_TOKEN_LIFETIME_SECONDS = 15 * 60;

/** How far an issuer's clock may run ahead of the gateway's: a token issued (`iat`) later is refused. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export interface DemoIssuer {
  issuer: string;
  publicJwks: { keys: JWK[] };
  /** Signs a short-lived token for a citizen, as an OIDC provider would after SPID/CIE sign-in. */
  issueToken(citizen: { fiscalCode: string; givenName: string; familyName: string }): Promise<{
    access_token: string;
    token_type: 'Bearer';
    expires_in: number;
  }>;
}

/**
 * The demo's own OpenID Connect issuer. Its signing key is kept in the data folder (readable by
 * the gateway only) so tokens stay valid across restarts, and is never used outside the demo.
 */
export async function openDemoIssuer(options: {
  dataDir: string;
  issuer: string;
  audience: string;
  now: () => number;
}): Promise<DemoIssuer> {
  const file = join(options.dataDir, 'demo-issuer-key.json');
  let privateJwk: JWK;
  if (existsSync(file)) {
    privateJwk = JSON.parse(readFileSync(file, 'utf8'));
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256', use: 'sig' };
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const signingKey = await importJWK(privateJwk, 'ES256');
  return {
    issuer: options.issuer,
    publicJwks: { keys: [publicJwk] },
    async issueToken(citizen) {
      const issuedAt = Math.floor(options.now() / 1000);
      const token = await new SignJWT({
        [FISCAL_NUMBER_CLAIM]: `TINIT-${citizen.fiscalCode}`,
        given_name: citizen.givenName,
        family_name: citizen.familyName,
      })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid! })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        // A pairwise subject, as brokers give: not the fiscal code itself.
        .setSubject(
          createHash('sha256').update(`${options.issuer}|${citizen.fiscalCode}`).digest('hex').slice(0, 32),
        )
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + DEMO_TOKEN_LIFETIME_SECONDS)
        .setJti(randomUUID())
        .sign(signingKey);
      return { access_token: token, token_type: 'Bearer', expires_in: DEMO_TOKEN_LIFETIME_SECONDS };
    },
  };
}

export type Authenticate = (token: string | undefined) => Promise<{ citizen: string } | { problem: Problem }>;

/** A refused token: 401 with what was wrong. */
export const unauthorized = (detail: string) => ({ problem: problem(401, 'unauthorized', { detail }) });

/** Loads the issuer's JWKS address from its discovery document, once, when first needed. */
function discoveredKeySet(issuer: string): JWTVerifyGetKey {
  let keySet: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    keySet ??= fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
      .then((response) => {
        if (!response.ok) throw new Error(`OIDC discovery failed with ${response.status}`);
        return response.json() as Promise<{ jwks_uri: string }>;
      })
      .then((configuration) => createRemoteJWKSet(new URL(configuration.jwks_uri)))
      .catch((error) => {
        keySet = undefined; // try discovery again on the next request
        throw error;
      });
    return (await keySet)(header, token);
  };
}

/**
 * Verifies citizens' bearer tokens: signature (JWKS of the issuer), issuer, audience, expiry and
 * lifetime, then reads the fiscal code. Every failure is a 401 whose detail says what was wrong.
 *
 * A token must say when it ends (`exp`), and not end later than `maxLifetimeSeconds` after it was
 * issued (`iat`), or after now when it does not say: a token that stays good for days is a key left
 * under the mat, whoever signed it. An `iat` in the future (beyond a minute of clock drift) would
 * stretch that window, so it is refused too.
 */
export function tokenVerifier(options: {
  issuer: string;
  audience: string;
  keys: { jwks: { keys: JWK[] } } | { jwksUrl: string } | { discover: true };
  maxLifetimeSeconds: number;
  now: () => number;
}): Authenticate {
  const keySet: JWTVerifyGetKey =
    'jwks' in options.keys
      ? createLocalJWKSet(options.keys.jwks)
      : 'jwksUrl' in options.keys
        ? createRemoteJWKSet(new URL(options.keys.jwksUrl))
        : discoveredKeySet(options.issuer);
  return async (token) => {
    if (!token) return unauthorized('No citizen token: sign in first.');
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: options.issuer,
        audience: options.audience,
        currentDate: new Date(options.now()),
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      });
      const now = options.now() / 1000;
      if (payload.exp === undefined) return unauthorized('The token does not say when it expires (exp).');
      if (payload.iat !== undefined && payload.iat > now + CLOCK_TOLERANCE_SECONDS) {
        return unauthorized('The token is dated in the future (iat): check the issuer’s clock.');
      }
      if (payload.exp - (payload.iat ?? now) > options.maxLifetimeSeconds) {
        return unauthorized('The token lasts longer than this gateway accepts: sign in again.');
      }
      const fiscalNumber = payload[FISCAL_NUMBER_CLAIM];
      const fiscalCode = validateCodiceFiscale(
        typeof fiscalNumber === 'string' ? fiscalNumber.replace(/^TINIT-/, '') : '',
        { today: options.now() },
      );
      if (!fiscalCode.valid) return unauthorized('The token does not carry a fiscal code.');
      return { citizen: fiscalCode.value };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return unauthorized('The token has expired: sign in again.');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
        return unauthorized('The token was issued for another service (wrong audience).');
      }
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
        return unauthorized('The token comes from an issuer this gateway does not trust.');
      }
      if (
        error instanceof errors.JWSSignatureVerificationFailed ||
        error instanceof errors.JWKSNoMatchingKey
      ) {
        return unauthorized('The token’s signature is not valid.');
      }
      return unauthorized('The token is not valid.');
    }
  };
}
