// The two documents a citizen leaves with: a registry certificate (for a private party, sealed, with
// its verification QR) and the self-declaration (DPR 445/2000 art. 46) that public offices must
// accept instead. One text for both back ends, the gateway and the sandbox, in Italian: they are
// legal documents, shown to Italian banks, notaries and offices whatever the citizen's language.
//
// The certificate prints what its seal carries (the face) with full names where the seal has
// initials, so that the verify element's answer can be compared with the paper line by line.
import { formatDate } from '../format.js';
import type { PdfBlock, PdfDocumentModel } from '../pdf/document.js';
import { formatCertificateId } from './certificate-id.js';
import { certificateKind, type CertificateKindId } from './kinds.js';
import {
  CIVIL_STATUS_WORDS,
  FACT_LABELS,
  RELATIONSHIP_WORDS,
  type RegistryFamily,
  type RegistryPerson,
} from './registry.js';
import type { CertificateFace } from './seal.js';
import { stampExemption, type StampExemptionId } from './uses.js';

/** An issued certificate, with what its PDF prints beyond the sealed face. */
export interface IssuedCertificate {
  face: CertificateFace;
  /** The seal's text (`sealCertificate`): what the verification QR holds. */
  seal: string;
  person: RegistryPerson;
  family: RegistryFamily;
  use: 'private-party' | 'exempt';
  exemption?: StampExemptionId;
  /** The citizen's own reason, for exemption `other`. */
  exemptionReason?: string;
  /** The stamp duty paid through pagoPA, when it was due. */
  stamp?: { amountCents: number; noticeNumber: string; paidAt: string };
  /** The issuing municipality's name, as printed in the header: `Comune di Esempio`. */
  issuerName: string;
}

/** What a self-declaration states: who declares, about whom, which facts, where and when. */
export interface SelfDeclarationData {
  /** The signed-in citizen, who signs it. */
  declarant: RegistryPerson;
  /** Whom the facts are about: the declarant or a member of their registry family. */
  person: RegistryPerson;
  family: RegistryFamily;
  /** The facts to declare, named by the certificate each replaces (all applying to `person`). */
  kinds: CertificateKindId[];
  /** The day it is made, `YYYY-MM-DD` in Rome. */
  date: string;
  /** Where it is made: the municipality's name (`Comune di Esempio`) or a town. */
  municipality: string;
}

/** DPR 445/2000 art. 40 c. 02, as amended by L. 183/2011: the sentence every certificate must carry. */
export const NOT_FOR_PUBLIC_OFFICES =
  'Il presente certificato non può essere prodotto agli organi della pubblica amministrazione o ai privati gestori di pubblici servizi.';

const fullName = (person: Pick<RegistryPerson, 'givenName' | 'familyName'>) =>
  `${person.givenName} ${person.familyName}`;

/** The Italian ending that agrees with the person's sex: `nat${ending(p)}`. */
const ending = (person: Pick<RegistryPerson, 'sex'>) => (person.sex === 'F' ? 'a' : 'o');

const date = (day: string) => formatDate(day, 'it');

/** Every member by full name, with kinship to the head when asked: `Sofia Verdi (figlia)`. */
function memberNames(family: RegistryFamily, withKinship: boolean): string {
  return family.members
    .map((member) =>
      withKinship
        ? `${fullName(member)} (${RELATIONSHIP_WORDS[member.relationship][member.sex]})`
        : fullName(member),
    )
    .join(', ');
}

/** A fact as printed: dates in words, family members by full name. */
function printedFact(key: string, value: string, kind: CertificateKindId, family: RegistryFamily): string {
  if (key === 'members') return memberNames(family, kind === 'family-with-kinship');
  if (key === 'birthDate' || key === 'unionDate' || key === 'contractDate') return date(value);
  return value;
}

/**
 * What a kind states about a person, as a verb phrase: in the third person for the certificate
 * ("è nata a Roma (RM) il 9 aprile 2016") and in the infinitive for one's own declaration
 * ("essere nata a Roma (RM) il 9 aprile 2016").
 */
function statement(
  kind: CertificateKindId,
  person: RegistryPerson,
  family: RegistryFamily,
): { third: string; infinitive: string } {
  const e = ending(person);
  const where = `${family.address} (${family.municipality})`;
  const phrase = (third: string, infinitive: string) => ({ third, infinitive });
  switch (kind) {
    case 'birth':
      return phrase(
        `è nat${e} a ${person.birthPlace} il ${date(person.birthDate)}`,
        `essere nat${e} a ${person.birthPlace} il ${date(person.birthDate)}`,
      );
    case 'marriage':
      return phrase(
        `ha contratto matrimonio a ${person.union!.place} il ${date(person.union!.date)}`,
        `aver contratto matrimonio a ${person.union!.place} il ${date(person.union!.date)}`,
      );
    case 'civil-union':
      return phrase(
        `ha costituito un’unione civile a ${person.union!.place} il ${date(person.union!.date)}`,
        `aver costituito un’unione civile a ${person.union!.place} il ${date(person.union!.date)}`,
      );
    case 'citizenship':
      return phrase(
        `ha la cittadinanza ${person.citizenship.it}`,
        `avere la cittadinanza ${person.citizenship.it}`,
      );
    case 'being-alive':
      return phrase('è in vita', 'essere in vita');
    case 'residence':
      return phrase(`è residente in ${where}`, `essere residente in ${where}`);
    case 'residence-abroad':
      return phrase(
        `è iscritt${e} all’AIRE (anagrafe degli italiani residenti all’estero) e residente in ${where}`,
        `essere iscritt${e} all’AIRE (anagrafe degli italiani residenti all’estero) e residente in ${where}`,
      );
    case 'residence-in-institution':
      return phrase(
        `è residente in convivenza anagrafica in ${where}`,
        `essere residente in convivenza anagrafica in ${where}`,
      );
    case 'civil-status': {
      const status = CIVIL_STATUS_WORDS[person.civilStatus][person.sex];
      return phrase(`è di stato civile ${status}`, `essere di stato civile ${status}`);
    }
    case 'unmarried': {
      const status = CIVIL_STATUS_WORDS[person.civilStatus][person.sex];
      return phrase(
        `è di stato libero (stato civile: ${status})`,
        `essere di stato libero (stato civile: ${status})`,
      );
    }
    case 'family':
    case 'family-abroad':
    case 'family-with-kinship': {
      const members = memberNames(family, kind === 'family-with-kinship');
      const abroad = kind === 'family-abroad' ? ' iscritta all’AIRE' : '';
      return phrase(
        `fa parte della famiglia anagrafica${abroad} residente in ${where}, composta da: ${members}`,
        `far parte della famiglia anagrafica${abroad} residente in ${where}, composta da: ${members}`,
      );
    }
    case 'cohabitation-contract':
      return phrase(
        `ha un contratto di convivenza registrato all’anagrafe il ${date(person.cohabitationContract!.date)}`,
        `avere un contratto di convivenza registrato all’anagrafe il ${date(person.cohabitationContract!.date)}`,
      );
  }
}

function personRows(person: RegistryPerson): [string, string][] {
  return [
    ['Cognome e nome', `${person.familyName} ${person.givenName}`],
    ['Codice fiscale', person.fiscalCode],
    ['Data di nascita', date(person.birthDate)],
    ['Luogo di nascita', person.birthPlace],
  ];
}

const noticeGroups = (noticeNumber: string) => noticeNumber.replace(/(.{4})(?=.)/g, '$1 ');

/** `€ 16,00`: as stamp lines are written. */
const euro = (cents: number) => `€ ${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

/** The stamp or exemption line: how the certificate stands with stamp duty (DPR 642/1972). */
export function stampLine(
  certificate: Pick<IssuedCertificate, 'face' | 'exemption' | 'exemptionReason' | 'stamp'>,
): string {
  const { stamp, exemption, exemptionReason } = certificate;
  if (stamp) {
    return `Imposta di bollo assolta in modo virtuale tramite pagoPA, avviso n. ${noticeGroups(stamp.noticeNumber)}, ${euro(stamp.amountCents)}, pagata il ${date(stamp.paidAt)}.`;
  }
  const granted = exemption ? stampExemption(exemption) : undefined;
  if (granted?.needsReason) {
    return `Esente da imposta di bollo per il motivo dichiarato dal richiedente: ${(exemptionReason ?? '').trim()}`;
  }
  if (granted) return `Esente da imposta di bollo: ${granted.reference.it}.`;
  // No stamp and no exemption: a civil-status extract, which never owes it.
  return 'Esente da imposta di bollo: estratto di stato civile (legge 405/1990, articolo 7).';
}

/** What the certificate's PDF says, in Italian: the same from the gateway and the sandbox. */
export function certificateDocument(certificate: IssuedCertificate): PdfDocumentModel {
  const { face, seal, person, family, issuerName } = certificate;
  const kind = certificateKind(face.kind)!;
  const printedId = formatCertificateId(face.id);
  // Birth date and place are already in the person's rows above.
  const facts = Object.entries(face.facts)
    .filter(([key]) => key !== 'birthDate' && key !== 'birthPlace')
    .map(([key, value]): [string, string] => [
      FACT_LABELS[key]?.it ?? key,
      printedFact(key, value, face.kind, family),
    ]);
  const validity =
    face.validUntil === null
      ? 'validità illimitata (art. 41 DPR 445/2000: attesta un fatto che non può cambiare)'
      : `fino al ${date(face.validUntil)} (sei mesi dal rilascio, art. 41 DPR 445/2000)`;
  const blocks: PdfBlock[] = [
    { kind: 'rows', rows: personRows(person) },
    {
      kind: 'paragraph',
      text: `Si certifica che, secondo gli atti dell’anagrafe di questo Comune, ${fullName(person)} ${statement(face.kind, person, family).third}.`,
    },
    ...(facts.length > 0 ? [{ kind: 'rows' as const, rows: facts }] : []),
    { kind: 'heading', text: 'Dati del certificato' },
    {
      kind: 'rows',
      rows: [
        ['Identificativo', printedId],
        ['Rilasciato il', date(face.issuedOn)],
        ['Validità', validity],
      ],
    },
    { kind: 'paragraph', text: stampLine(certificate) },
    { kind: 'paragraph', text: NOT_FOR_PUBLIC_OFFICES },
    { kind: 'heading', text: 'Verifica' },
    {
      kind: 'qr',
      text: seal,
      caption: `Questo codice QR contiene i dati del certificato con il sigillo elettronico del ${issuerName}. Per verificarlo, inquadralo con la pagina di verifica dei certificati di Sportello sul sito del Comune (funziona anche senza rete), oppure leggilo con qualsiasi lettore di codici QR e incollane il testo in quella pagina. In alternativa, inserisci nella stessa pagina l’identificativo ${printedId}. La verifica è gratuita e non richiede di accedere.`,
      alt: `Codice QR di verifica del certificato ${printedId}, sigillato dal ${issuerName}.`,
    },
  ];
  return {
    issuer: issuerName,
    title: kind.name.it,
    language: 'it',
    subject: `Certificato anagrafico ${printedId}`,
    blocks,
    footer: `${issuerName} · ${kind.name.it} · Identificativo ${printedId}`,
  };
}

/** The certificate as the bytes of a PDF file. */
export async function certificatePdf(certificate: IssuedCertificate): Promise<Uint8Array> {
  // The PDF writer and its fonts weigh far more than the rest: loaded (in a page, as a lazy chunk)
  // only when a document is asked for, as receipts are.
  const { renderPdf } = await import('../pdf/render.js');
  return renderPdf(certificateDocument(certificate));
}

/** The place of a declaration: `Comune di Esempio` is signed as made in `Esempio`. */
const placeOf = (municipality: string) => municipality.replace(/^Comune di\s+/i, '');

/** What the self-declaration's PDF says, in Italian, pre-filled from the registry; not sealed. */
export function selfDeclarationDocument(declaration: SelfDeclarationData): PdfDocumentModel {
  const { declarant, person, family, kinds, municipality } = declaration;
  const e = ending(declarant);
  const aboutThemselves = person.fiscalCode === declarant.fiscalCode;
  const declared = kinds.map((kind, index) => {
    const { third, infinitive } = statement(kind, person, family);
    const end = index === kinds.length - 1 ? '.' : ';';
    if (aboutThemselves) return `– di ${infinitive}${end}`;
    // Who the other person is, once: by fiscal code on the first fact, by name after.
    const who = index === 0 ? `${fullName(person)}, codice fiscale ${person.fiscalCode},` : fullName(person);
    return `– che ${who} ${third}${end}`;
  });
  return {
    title: 'Dichiarazione sostitutiva di certificazione',
    language: 'it',
    subject: 'Autocertificazione (art. 46 DPR 445/2000)',
    blocks: [
      { kind: 'paragraph', text: 'Articolo 46 del DPR 28 dicembre 2000, n. 445' },
      {
        kind: 'paragraph',
        text: `${declarant.sex === 'F' ? 'La sottoscritta' : 'Il sottoscritto'} ${fullName(declarant)}, nat${e} a ${declarant.birthPlace} il ${date(declarant.birthDate)}, codice fiscale ${declarant.fiscalCode}, residente in ${family.address} (${family.municipality}), consapevole delle sanzioni penali previste dall’articolo 76 del DPR 445/2000 per le dichiarazioni mendaci e per la formazione o l’uso di atti falsi, e della decadenza dai benefici ottenuti con una dichiarazione non veritiera (articolo 75),`,
      },
      { kind: 'heading', text: 'DICHIARA' },
      { kind: 'paragraph', text: declared.join('\n') },
      { kind: 'paragraph', text: `Luogo e data: ${placeOf(municipality)}, ${date(declaration.date)}` },
      {
        kind: 'paragraph',
        text: `Firma ${declarant.sex === 'F' ? 'della dichiarante' : 'del dichiarante'}: ______________________________`,
      },
      {
        kind: 'paragraph',
        text: 'Questa dichiarazione è gratuita e non richiede la marca da bollo (articolo 37 del DPR 445/2000). Le pubbliche amministrazioni e i gestori di pubblici servizi sono tenuti ad accettarla al posto del certificato e non possono chiedere il certificato (articoli 40 e 43). La firma non va autenticata: firmala davanti all’addetto che la riceve, oppure allega la copia di un documento d’identità (articolo 38).',
      },
    ],
    footer: 'Dichiarazione sostitutiva di certificazione (art. 46 DPR 445/2000): esente da bollo.',
  };
}

/** The self-declaration as the bytes of a PDF file. */
export async function selfDeclarationPdf(declaration: SelfDeclarationData): Promise<Uint8Array> {
  const { renderPdf } = await import('../pdf/render.js');
  return renderPdf(selfDeclarationDocument(declaration));
}
