import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  SEAL_MAX_LENGTH,
  generateSealKeys,
  importSealSigningKey,
  isExpired,
  newCertificateId,
  publicSealJwk,
  sealCertificate,
  verifySeal,
  type CertificateFace,
  type SealPrivateJwk,
  type SealPublicJwk,
} from '@sportello/core/certificates';
import { drawQr } from '../qr/qr-encoder.js';

/** A family certificate for the demo couple's child, as a bank would receive it. */
const face: CertificateFace = {
  kind: 'family',
  subjectInitials: 'G. R.',
  facts: {
    municipality: 'Comune di Esempio',
    address: 'Via Roma 1',
    members: 'G. R., M. R., L. B.',
  },
  issuedOn: '2026-12-07',
  validUntil: '2027-06-07',
  issuer: '00112233445',
  id: '7K3MQ9TX2B4DHV81',
};

/** The longest family the demo might print: a household of eight with accented names. */
const largeFace: CertificateFace = {
  ...face,
  kind: 'family-with-kinship',
  facts: {
    municipality: 'Comune di Sant’Agata sul Santerno',
    address: 'Via Nazionale per Bologna 1234, interno 15',
    members:
      'À. R. (intestatario), M. B. (coniuge), L. R. (figlio), G. R. (figlia), P. R. (figlio), ' +
      'E. R. (figlia), C. B. (suocera), F. B. (suocero)',
  },
};

let signing: { privateJwk: SealPrivateJwk; publicJwk: SealPublicJwk; key: CryptoKey };
let other: { privateJwk: SealPrivateJwk; publicJwk: SealPublicJwk; key: CryptoKey };

before(async () => {
  const made = await generateSealKeys('comune-2026');
  signing = { ...made, key: await importSealSigningKey(made.privateJwk) };
  const otherMade = await generateSealKeys('altro-comune');
  other = { ...otherMade, key: await importSealSigningKey(otherMade.privateJwk) };
});

describe('certificate seal', () => {
  it('round-trips: what is sealed is what verifies, with the key that sealed it', async () => {
    const text = await sealCertificate(face, signing.key, 'comune-2026');
    assert.match(text, /^S1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    assert.deepEqual(await verifySeal(text, [signing.publicJwk]), {
      status: 'genuine',
      face,
      keyId: 'comune-2026',
    });
    // A JWKS with other keys beside it, and surrounding spaces from a scanner.
    const verdict = await verifySeal(` ${text}\n`, [other.publicJwk, signing.publicJwk]);
    assert.equal(verdict.status, 'genuine');
  });

  it('is deterministic: the same face, whatever the order of its facts, gives the same text', async () => {
    const reordered = { ...face, facts: Object.fromEntries(Object.entries(face.facts).reverse()) };
    assert.equal(
      await sealCertificate(reordered, signing.key, 'comune-2026'),
      await sealCertificate(face, signing.key, 'comune-2026'),
    );
  });

  it('is never genuine with one character changed, anywhere', async () => {
    const text = await sealCertificate(face, signing.key, 'comune-2026');
    const seen = new Set<string>();
    for (let position = 0; position < text.length; position++) {
      // Two replacements per position: a neighbour in the alphabet and a character outside it.
      for (const replacement of [neighbour(text[position]!), '=']) {
        const changed = text.slice(0, position) + replacement + text.slice(position + 1);
        const { status } = await verifySeal(changed, [signing.publicJwk]);
        assert.notEqual(status, 'genuine', `changed at ${position}`);
        seen.add(status);
      }
    }
    // A change in the payload's data is caught by the signature; elsewhere by the form.
    assert.ok(seen.has('altered'));
    assert.ok(seen.has('malformed'));
  });

  it('is never genuine with one byte of its payload changed (any value), only altered or malformed', async () => {
    const text = await sealCertificate(face, signing.key, 'comune-2026');
    const [version, payload, signature] = text.split('.') as [string, string, string];
    const bytes = Buffer.from(payload, 'base64url');
    const keyIdAt = bytes.indexOf('comune-2026');
    for (let position = 0; position < bytes.length; position++) {
      for (const flip of [0x01, 0x20, 0x80]) {
        const changed = Buffer.from(bytes);
        changed[position]! ^= flip;
        const { status } = await verifySeal(`${version}.${changed.toString('base64url')}.${signature}`, [
          signing.publicJwk,
        ]);
        assert.notEqual(status, 'genuine', `byte ${position}`);
        // Naming a key the municipality does not have is the one other answer, and only there.
        if (position < keyIdAt || position >= keyIdAt + 'comune-2026'.length) {
          assert.ok(status === 'altered' || status === 'malformed', `byte ${position}: ${status}`);
        }
      }
    }
  });

  it('answers unknown-key for a seal from another key, even one that claims our key id', async () => {
    const foreign = await sealCertificate(face, other.key, 'altro-comune');
    assert.deepEqual(await verifySeal(foreign, [signing.publicJwk]), { status: 'unknown-key' });
    assert.deepEqual(await verifySeal(foreign, []), { status: 'unknown-key' });
    // Another key that names ours: the signature does not hold under the key it names.
    const impostor = await sealCertificate(face, other.key, 'comune-2026');
    assert.deepEqual(await verifySeal(impostor, [signing.publicJwk]), { status: 'altered' });
  });

  it('calls anything that is not a version-1 seal malformed', async () => {
    const text = await sealCertificate(face, signing.key, 'comune-2026');
    const [, payload, signature] = text.split('.') as [string, string, string];
    const respelled = Buffer.from(
      JSON.stringify(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), null, 1),
    ).toString('base64url');
    for (const bad of [
      '',
      'S1',
      'hello world',
      `S2.${payload}.${signature}`,
      `S1.${payload}`,
      `S1.${payload}.${signature}.x`,
      `S1.${payload}.${signature.slice(0, 43)}`,
      `S1.${respelled}.${signature}`,
      `S1.${Buffer.from('{"kind":"family"}').toString('base64url')}.${signature}`,
      `S1.${Buffer.from('[]').toString('base64url')}.${signature}`,
    ]) {
      assert.deepEqual(await verifySeal(bad, [signing.publicJwk]), { status: 'malformed' }, bad);
    }
  });

  it('trusts only the public half, published as a JWKS key with its kid', async () => {
    assert.deepEqual(Object.keys(signing.publicJwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    assert.deepEqual(publicSealJwk(signing.privateJwk), signing.publicJwk);
    // A JWKS fetched from elsewhere may spell alg differently or carry key_ops: the key still verifies.
    const text = await sealCertificate(face, signing.key, 'comune-2026');
    const published = {
      kty: 'OKP',
      crv: 'Ed25519',
      x: signing.publicJwk.x,
      kid: 'comune-2026',
      alg: 'Ed25519',
    };
    assert.equal((await verifySeal(text, [published])).status, 'genuine');
  });

  it('refuses to seal a face that is not well formed', async () => {
    const sealing = (changes: Partial<CertificateFace>) =>
      sealCertificate({ ...face, ...changes } as CertificateFace, signing.key, 'comune-2026');
    await assert.rejects(sealing({ kind: 'stato-di-famiglia' as 'family' }), TypeError);
    await assert.rejects(sealing({ issuedOn: '07/12/2026' }), TypeError);
    await assert.rejects(sealing({ validUntil: '2026-01-01' }), TypeError);
    await assert.rejects(sealing({ id: 'short' }), TypeError);
    await assert.rejects(sealing({ subjectInitials: ' ' }), TypeError);
    await assert.rejects(sealing({ facts: { members: 'x'.repeat(SEAL_MAX_LENGTH) } }), RangeError);
  });

  it('fits a QR code at error correction M that a phone reads from paper', async () => {
    for (const sample of [face, largeFace, { ...face, kind: 'birth' as const, validUntil: null }]) {
      const text = await sealCertificate({ ...sample, id: newCertificateId() }, signing.key, 'comune-2026');
      assert.ok(text.length < SEAL_MAX_LENGTH, `${text.length} characters`);
      // 17 + 4 × version modules a side: at most version 20 (97 modules), about 1 mm a module at 10 cm.
      const { side } = drawQr(text, 'M');
      assert.ok(side - 8 <= 97, `${text.length} characters need ${side - 8} modules`);
    }
    const typical = await sealCertificate(face, signing.key, 'comune-2026');
    assert.ok(typical.length < 360, `${typical.length} characters`);
  });

  it('leaves expiry to the caller’s clock: the day after the last valid day in Rome', () => {
    assert.equal(isExpired(face, Date.parse('2027-06-07T12:00:00Z')), false);
    assert.equal(isExpired(face, Date.parse('2027-06-08T12:00:00Z')), true);
    assert.equal(isExpired({ validUntil: null }, Date.parse('2099-01-01T00:00:00Z')), false);
  });
});

/** Another character of the base64url alphabet (or of the version), so the text stays well spelt. */
function neighbour(character: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const index = alphabet.indexOf(character);
  return index < 0 ? 'A' : alphabet[(index + 1) % alphabet.length]!;
}
