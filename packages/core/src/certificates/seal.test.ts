// The seal in Chromium: the page verifies with WebCrypto's Ed25519 what the gateway sealed in Node.
import { expect } from '@esm-bundle/chai';
import {
  generateSealKeys,
  importSealSigningKey,
  publicSealJwk,
  sealCertificate,
  verifySeal,
  type CertificateFace,
  type SealPrivateJwk,
} from '@sportello/core/certificates';

// A test vector made once in Node 20 (`generateSealKeys('test-vector-2026')` and `sealCertificate`):
// a key for tests only, never configured anywhere.
const VECTOR_KEY: SealPrivateJwk = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'sR7YUw35ApnJYYt7hkC6U8Nz81j1bFrjMMstWenxlig',
  kid: 'test-vector-2026',
  alg: 'EdDSA',
  use: 'sig',
  d: 'QkZ9QjM-kSTxoxCgBslUIQ8KybZt8x8urpLZ9Zkfv30',
};
const VECTOR_FACE: CertificateFace = {
  kind: 'family',
  subjectInitials: 'G. R.',
  facts: { municipality: 'Comune di Esempio', members: 'G. R., M. R., L. B.' },
  issuedOn: '2026-12-07',
  validUntil: '2027-06-07',
  issuer: '00112233445',
  id: '7K3MQ9TX2B4DHV81',
};
const VECTOR_SEAL =
  'S1.WyJmYW1pbHkiLCJHLiBSLiIseyJtZW1iZXJzIjoiRy4gUi4sIE0uIFIuLCBMLiBCLiIsIm11bmljaXBhbGl0eSI6IkNvbXVuZSBkaSBFc2VtcGlvIn0sIjIwMjYtMTItMDciLCIyMDI3LTA2LTA3IiwiMDAxMTIyMzM0NDUiLCI3SzNNUTlUWDJCNERIVjgxIiwidGVzdC12ZWN0b3ItMjAyNiJd.G9iKvfXz9Q9Aphei_c0cORdqB19ukCt9wiFbSsA8O3NXtj9Fq2ApT95I7HD9SnACd10bR8NCTx6VuaMOqXkoCQ';

describe('certificate seal in the browser', () => {
  it('verifies offline, with WebCrypto, a seal the gateway made in Node', async () => {
    const verdict = await verifySeal(VECTOR_SEAL, [publicSealJwk(VECTOR_KEY)]);
    expect(verdict).to.deep.equal({ status: 'genuine', face: VECTOR_FACE, keyId: 'test-vector-2026' });
  });

  it('seals byte for byte as Node does (Ed25519 is deterministic)', async () => {
    const key = await importSealSigningKey(VECTOR_KEY);
    expect(await sealCertificate(VECTOR_FACE, key, 'test-vector-2026')).to.equal(VECTOR_SEAL);
  });

  it('tells a changed character and another municipality’s key from a genuine seal', async () => {
    const keys = [publicSealJwk(VECTOR_KEY)];
    // "G. R." becomes "G. S.": still well formed, but not what was signed.
    const payload = VECTOR_SEAL.split('.')[1]!;
    const changed = VECTOR_SEAL.replace(payload, payload.replace('LCJHLiBSLiIs', 'LCJHLiBTLiIs'));
    expect(changed).to.not.equal(VECTOR_SEAL);
    expect(await verifySeal(changed, keys)).to.deep.equal({ status: 'altered' });
    expect(await verifySeal(`${VECTOR_SEAL.slice(0, -1)}D`, keys)).to.deep.equal({ status: 'malformed' });

    const other = await generateSealKeys('altro-comune');
    const foreign = await sealCertificate(
      VECTOR_FACE,
      await importSealSigningKey(other.privateJwk),
      'altro-comune',
    );
    expect(await verifySeal(foreign, keys)).to.deep.equal({ status: 'unknown-key' });
    expect((await verifySeal(foreign, [...keys, other.publicJwk])).status).to.equal('genuine');
  });
});
