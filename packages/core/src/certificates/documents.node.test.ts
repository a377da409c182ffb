// What the certificate and the self-declaration print, read back from the PDF as a viewer and a
// screen reader read it (pdfjs): the text a bank or an office reads, in Italian.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { readPdf, type PdfReading, type StructureNode } from '../../../../test/support/pdf-reading.js';
import type { PdfQrCode } from '../pdf/document.js';
import {
  certificateDocument,
  certificatePdf,
  NOT_FOR_PUBLIC_OFFICES,
  selfDeclarationDocument,
  selfDeclarationPdf,
  type IssuedCertificate,
} from './documents.js';
import { formatCertificateId, newCertificateId } from './certificate-id.js';
import type { CertificateKindId } from './kinds.js';
import { certificateFaceFor, type RegistryFamily, type RegistryPerson } from './registry.js';
import { generateSealKeys, importSealSigningKey, sealCertificate, verifySeal } from './seal.js';

// The demo registry's couple with a child and the man who lives alone (core imports no package,
// so not from @sportello/demo-data: the same people, written out).
const giulia: RegistryPerson = {
  fiscalCode: 'BNCGLU85L62H501D',
  givenName: 'Giulia',
  familyName: 'Bianchi',
  birthDate: '1985-07-22',
  relationship: 'head',
  sex: 'F',
  birthPlace: 'Roma (RM)',
  citizenship: { it: 'italiana', en: 'Italian' },
  civilStatus: 'married',
  union: { date: '2012-06-16', place: 'Esempio' },
};
const luca: RegistryPerson = {
  ...giulia,
  fiscalCode: 'VRDLCU83S02F205C',
  givenName: 'Luca',
  familyName: 'Verdi',
  birthDate: '1983-11-02',
  relationship: 'spouse',
  sex: 'M',
  birthPlace: 'Milano (MI)',
};
const sofia: RegistryPerson = {
  fiscalCode: 'VRDSFO16D49H501H',
  givenName: 'Sofia',
  familyName: 'Verdi',
  birthDate: '2016-04-09',
  relationship: 'child',
  sex: 'F',
  birthPlace: 'Roma (RM)',
  citizenship: { it: 'italiana', en: 'Italian' },
  civilStatus: 'unmarried',
};
const couple: RegistryFamily = {
  municipality: 'Comune di Esempio',
  address: 'Via Roma 1, 12345 Esempio',
  members: [giulia, luca, sofia],
};
const mario: RegistryPerson = {
  fiscalCode: 'RSSMRA50C15L219Y',
  givenName: 'Mario',
  familyName: 'Rossi',
  birthDate: '1950-03-15',
  relationship: 'head',
  sex: 'M',
  birthPlace: 'Torino (TO)',
  citizenship: { it: 'italiana', en: 'Italian' },
  civilStatus: 'widowed',
};
const rossi: RegistryFamily = { ...couple, address: 'Via Garibaldi 12, 12345 Esempio', members: [mario] };
const ISSUED_ON = '2026-11-23';

let keys: Awaited<ReturnType<typeof generateSealKeys>>;
let signingKey: CryptoKey;

before(async () => {
  keys = await generateSealKeys('test-key');
  signingKey = await importSealSigningKey(keys.privateJwk);
});

/** A certificate of `kind` for Sofia, issued today, sealed; `extra` says how its stamp stands. */
async function certificateFor(
  kind: CertificateKindId,
  extra: Partial<IssuedCertificate> = {},
  person = sofia,
  family = couple,
): Promise<IssuedCertificate> {
  const face = certificateFaceFor({
    kind,
    person,
    family,
    issuedOn: ISSUED_ON,
    issuer: '80001234568',
    id: newCertificateId(),
  });
  return {
    face,
    seal: await sealCertificate(face, signingKey, 'test-key'),
    person,
    family,
    use: 'private-party',
    issuerName: 'Comune di Esempio',
    ...extra,
  };
}

const STAMP = { amountCents: 1600, noticeNumber: '312202600000010178', paidAt: '2026-11-23T09:05:00.000Z' };

function includes(reading: PdfReading, ...texts: string[]): void {
  for (const text of texts) assert.ok(reading.text.includes(text), `"${text}" in:\n${reading.text}`);
}

const roles = (node: StructureNode): string[] => [node.role, ...node.children.flatMap(roles)];

describe('The certificate PDF', () => {
  it('states who, what, the art. 40 sentence, its identifier, dates and the stamp paid', async () => {
    const certificate = await certificateFor('family', { stamp: STAMP });
    const reading = await readPdf(await certificatePdf(certificate));
    const printedId = formatCertificateId(certificate.face.id);

    assert.equal(reading.info.Title, 'Certificato di stato di famiglia');
    assert.equal(reading.info.Language, 'it');
    includes(
      reading,
      'Comune di Esempio Certificato di stato di famiglia',
      'Cognome e nome Verdi Sofia',
      'Codice fiscale VRDSFO16D49H501H',
      'Data di nascita 9 aprile 2016',
      'Luogo di nascita Roma (RM)',
      'Sofia Verdi fa parte della famiglia anagrafica residente in Via Roma 1, 12345 Esempio (Comune di Esempio), composta da: Giulia Bianchi, Luca Verdi, Sofia Verdi.',
      // The seal has initials; the paper has names.
      'Componenti della famiglia Giulia Bianchi, Luca Verdi, Sofia Verdi',
      `Identificativo ${printedId}`,
      'Rilasciato il 23 novembre 2026',
      'fino al 23 maggio 2027',
      'Imposta di bollo assolta in modo virtuale tramite pagoPA, avviso n. 3122 0260 0000 0101 78, € 16,00, pagata il 23 novembre 2026.',
      NOT_FOR_PUBLIC_OFFICES,
    );
    assert.equal(
      NOT_FOR_PUBLIC_OFFICES,
      'Il presente certificato non può essere prodotto agli organi della pubblica amministrazione o ai privati gestori di pubblici servizi.',
    );
    assert.ok(!reading.text.includes('Esente'), 'a stamp paid, no exemption');
    // Read back as text (a person types it into the verify page): in its row, in the QR's caption,
    // and in every page's footer, so a page on its own still names its certificate.
    assert.equal(reading.text.split(printedId).length - 1, 2 + reading.pageCount);
  });

  it('carries the seal in its QR, explained beside it, and the seal verifies', async () => {
    const certificate = await certificateFor('family-with-kinship', { stamp: STAMP });
    const model = certificateDocument(certificate);
    const qr = model.blocks.find((block): block is PdfQrCode => block.kind === 'qr');
    assert.equal(qr?.text, certificate.seal);
    const verdict = await verifySeal(qr!.text, [keys.publicJwk]);
    assert.equal(verdict.status, 'genuine');

    const reading = await readPdf(await certificatePdf(certificate));
    const printedId = formatCertificateId(certificate.face.id);
    includes(
      reading,
      'Giulia Bianchi (intestataria), Luca Verdi (coniuge), Sofia Verdi (figlia)',
      'inquadralo con la pagina di verifica dei certificati di Sportello',
      'qualsiasi lettore di codici QR',
      `l’identificativo ${printedId}`,
    );
    assert.deepEqual(reading.untagged, []);
    assert.ok(roles(reading.structure[0]!).includes('Figure'), 'the QR is a figure');
  });

  it('says why no stamp is due: a civil-status extract, an exemption with its law, or the reason given', async () => {
    const birth = await readPdf(await certificatePdf(await certificateFor('birth')));
    includes(
      birth,
      'Sofia Verdi è nata a Roma (RM) il 9 aprile 2016.',
      'validità illimitata',
      'Esente da imposta di bollo: estratto di stato civile (legge 405/1990, articolo 7).',
      NOT_FOR_PUBLIC_OFFICES,
    );
    assert.ok(!birth.text.includes('pagoPA'));

    const adoption = await readPdf(
      await certificatePdf(await certificateFor('residence', { use: 'exempt', exemption: 'adoption' })),
    );
    includes(
      adoption,
      'Esente da imposta di bollo: Tutela dei minori: DPR 642/1972, tabella B, articolo 13, e legge 184/1983, articolo 82.',
    );

    const reason = 'Pratica di rimborso presso la cassa mutua aziendale (art. 5 del regolamento)';
    const other = await readPdf(
      await certificatePdf(
        await certificateFor('citizenship', { use: 'exempt', exemption: 'other', exemptionReason: reason }),
      ),
    );
    includes(
      other,
      'Sofia Verdi ha la cittadinanza italiana.',
      `Esente da imposta di bollo per il motivo dichiarato dal richiedente: ${reason}`,
    );
    assert.ok(!other.text.includes('La norma che indichi tu'), 'the reason, not the form’s hint');
  });

  it('agrees with the person in words: a man is "nato", "celibe" or "vedovo"', async () => {
    const reading = await readPdf(
      await certificatePdf(await certificateFor('civil-status', { stamp: STAMP }, mario, rossi)),
    );
    includes(reading, 'Mario Rossi è di stato civile vedovo.', 'Luogo di nascita Torino (TO)');
  });
});

describe('The self-declaration PDF', () => {
  const declaration = (person = giulia, kinds: CertificateKindId[] = ['birth', 'residence']) => ({
    declarant: giulia,
    person,
    family: couple,
    kinds,
    date: ISSUED_ON,
    municipality: 'Comune di Esempio',
  });

  it('is pre-filled from the registry, warns of art. 76, and says it is free and must be accepted', async () => {
    const reading = await readPdf(await selfDeclarationPdf(declaration()));

    assert.equal(reading.info.Title, 'Dichiarazione sostitutiva di certificazione');
    assert.equal(reading.info.Language, 'it');
    includes(
      reading,
      'Articolo 46 del DPR 28 dicembre 2000, n. 445',
      'La sottoscritta Giulia Bianchi, nata a Roma (RM) il 22 luglio 1985, codice fiscale BNCGLU85L62H501D, residente in Via Roma 1, 12345 Esempio (Comune di Esempio),',
      'consapevole delle sanzioni penali previste dall’articolo 76 del DPR 445/2000 per le dichiarazioni mendaci',
      'DICHIARA',
      '– di essere nata a Roma (RM) il 22 luglio 1985;',
      '– di essere residente in Via Roma 1, 12345 Esempio (Comune di Esempio).',
      'Luogo e data: Esempio, 23 novembre 2026',
      'Firma della dichiarante:',
      'è gratuita e non richiede la marca da bollo',
      'sono tenuti ad accettarla',
    );
    // Not a certificate: no art. 40 sentence, no seal, no QR.
    assert.ok(!reading.text.includes(NOT_FOR_PUBLIC_OFFICES));
    assert.ok(!selfDeclarationDocument(declaration()).blocks.some((block) => block.kind === 'qr'));
    assert.ok(!roles(reading.structure[0]!).includes('Figure'));
    assert.deepEqual(reading.untagged, []);
  });

  it('declares a family member’s facts as "che <name> …", naming them by fiscal code once', async () => {
    const reading = await readPdf(
      await selfDeclarationPdf(declaration(sofia, ['birth', 'family-with-kinship'])),
    );
    includes(
      reading,
      '– che Sofia Verdi, codice fiscale VRDSFO16D49H501H, è nata a Roma (RM) il 9 aprile 2016;',
      '– che Sofia Verdi fa parte della famiglia anagrafica residente in Via Roma 1, 12345 Esempio (Comune di Esempio), composta da: Giulia Bianchi (intestataria), Luca Verdi (coniuge), Sofia Verdi (figlia).',
    );
  });

  it('speaks to a man as a man', async () => {
    const reading = await readPdf(
      await selfDeclarationPdf({
        declarant: mario,
        person: mario,
        family: rossi,
        kinds: ['being-alive'],
        date: ISSUED_ON,
        municipality: 'Comune di Esempio',
      }),
    );
    includes(
      reading,
      'Il sottoscritto Mario Rossi, nato a Torino (TO) il 15 marzo 1950',
      '– di essere in vita.',
      'Firma del dichiarante:',
    );
  });
});
