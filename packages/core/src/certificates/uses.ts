// "What do you need it for?": the first question of a certificate request, and the rules that follow
// from the answer. Shared by the gateway (which enforces them), the sandbox and the element.
//
// Sources (see /shared/domain/identity-and-certificates.md):
// - Public offices and public service providers must accept a free self-declaration and may not ask
//   for a certificate: DPR 445/2000 art. 40 (as amended by L. 183/2011) and art. 46.
// - Certificates for private parties owe the 16 EUR stamp (DPR 642/1972, table B) unless exempt.
// - The coded exemptions are ANPR's table 39 (italia/anpr); "art. N" without a law is an article of
//   table B of DPR 642/1972. Code 99 needs a free-text reason of at most 256 characters.
import type { CertificateKind } from './kinds.js';
import type { LocalText } from './local-text.js';

export type CertificateUseId = 'public-office' | 'private-party' | 'exempt';

export interface CertificateUse {
  id: CertificateUseId;
  label: LocalText;
  /** One plain line under the label: examples, or why the answer is what it is. */
  hint: LocalText;
  /** What the citizen leaves with: a free self-declaration, or a certificate. */
  document: 'self-declaration' | 'certificate';
}

export const CERTIFICATE_USES: readonly CertificateUse[] = [
  {
    id: 'public-office',
    label: {
      it: 'Per un ufficio pubblico o un gestore di servizi pubblici',
      en: 'For a public office or a public service provider',
    },
    // Art. 40 and 46 DPR 445/2000.
    hint: {
      it: 'Basta un’autocertificazione, gratuita: per legge gli uffici pubblici devono accettarla e non possono chiederti un certificato.',
      en: 'A self-declaration is enough, and free: by law public offices must accept it and cannot ask you for a certificate.',
    },
    document: 'self-declaration',
  },
  {
    id: 'private-party',
    label: { it: 'Per un privato', en: 'For a private party' },
    hint: {
      it: 'Banca, notaio, datore di lavoro, assicurazione… Serve la marca da bollo da 16 euro, se il certificato la richiede.',
      en: 'Bank, notary, employer, insurance… The 16 euro stamp is due, if the certificate needs one.',
    },
    document: 'certificate',
  },
  {
    id: 'exempt',
    label: {
      it: 'Per un uso esente dal bollo',
      en: 'For a use exempt from the stamp',
    },
    hint: {
      it: 'Una causa in tribunale, un’adozione, una separazione, una società sportiva, un ente senza scopo di lucro, una pensione estera…',
      en: 'A court case, an adoption, a separation, a sports club, a non-profit, a foreign pension…',
    },
    document: 'certificate',
  },
];

export type StampExemptionId =
  | 'non-profit'
  | 'sports-club'
  | 'court-case'
  | 'court-expert'
  | 'guardianship'
  | 'adoption'
  | 'separation-divorce'
  | 'street-renaming'
  | 'foreign-pension'
  | 'between-public-offices'
  | 'other';

export interface StampExemption {
  id: StampExemptionId;
  /** ANPR's code for it (table 39): what the gateway sends to ANPR. */
  anprCode: number;
  label: LocalText;
  /** The law that grants it, in plain words: printed on the certificate's exemption line. */
  reference: LocalText;
  /** Only "another exemption" needs the citizen's own reason (see `exemptionReasonProblem`). */
  needsReason: boolean;
}

export const STAMP_EXEMPTIONS: readonly StampExemption[] = [
  {
    id: 'court-case',
    anprCode: 3,
    label: { it: 'Una causa in tribunale', en: 'A court case' },
    reference: {
      it: 'Atti dei processi: DPR 115/2002, articolo 18',
      en: 'Court proceedings: DPR 115/2002, article 18',
    },
    needsReason: false,
  },
  {
    id: 'court-expert',
    anprCode: 4,
    label: {
      it: 'Un incarico del giudice (consulente tecnico o curatore fallimentare)',
      en: 'A task from a judge (court expert or bankruptcy receiver)',
    },
    reference: {
      it: 'DPR 642/1972, tabella B, articolo 16',
      en: 'DPR 642/1972, table B, article 16',
    },
    needsReason: false,
  },
  {
    id: 'guardianship',
    anprCode: 5,
    label: {
      it: 'Tutela, curatela o amministrazione di sostegno',
      en: 'Guardianship or support administration',
    },
    reference: {
      it: 'Tutela delle persone: DPR 642/1972, tabella B, articolo 13',
      en: 'Protection of persons: DPR 642/1972, table B, article 13',
    },
    needsReason: false,
  },
  {
    id: 'adoption',
    anprCode: 6,
    label: {
      it: 'Adozione, affidamento o tutela di un minore',
      en: 'Adoption, fostering or protection of a child',
    },
    reference: {
      it: 'Tutela dei minori: DPR 642/1972, tabella B, articolo 13, e legge 184/1983, articolo 82',
      en: 'Protection of children: DPR 642/1972, table B, article 13, and law 184/1983, article 82',
    },
    needsReason: false,
  },
  {
    id: 'separation-divorce',
    anprCode: 7,
    label: { it: 'Separazione o divorzio', en: 'Separation or divorce' },
    reference: {
      it: 'Legge 74/1987, articolo 19',
      en: 'Law 74/1987, article 19',
    },
    needsReason: false,
  },
  {
    id: 'sports-club',
    anprCode: 2,
    label: {
      it: 'Una società o associazione sportiva dilettantistica',
      en: 'An amateur sports club or association',
    },
    reference: {
      it: 'Sport dilettantistico: DPR 642/1972, tabella B, articolo 8-bis',
      en: 'Amateur sport: DPR 642/1972, table B, article 8-bis',
    },
    needsReason: false,
  },
  {
    id: 'non-profit',
    anprCode: 1,
    label: {
      it: 'Un ente senza scopo di lucro (ONLUS, ente del terzo settore)',
      en: 'A non-profit organisation (ONLUS, third-sector body)',
    },
    reference: {
      it: 'Enti non lucrativi: DPR 642/1972, tabella B, articolo 27-bis',
      en: 'Non-profit bodies: DPR 642/1972, table B, article 27-bis',
    },
    needsReason: false,
  },
  {
    id: 'foreign-pension',
    anprCode: 9,
    label: { it: 'Una pensione estera', en: 'A foreign pension' },
    reference: {
      it: 'Pensioni: DPR 642/1972, tabella B, articolo 9',
      en: 'Pensions: DPR 642/1972, table B, article 9',
    },
    needsReason: false,
  },
  {
    id: 'street-renaming',
    anprCode: 8,
    label: {
      it: 'Il cambio di nome o di numero civico della via',
      en: 'A change of street name or house number',
    },
    reference: {
      it: 'Legge 537/1993, articolo 16',
      en: 'Law 537/1993, article 16',
    },
    needsReason: false,
  },
  {
    id: 'between-public-offices',
    anprCode: 10,
    label: {
      it: 'Uno scambio tra uffici pubblici',
      en: 'An exchange between public offices',
    },
    reference: {
      it: 'Atti tra pubbliche amministrazioni: DPR 642/1972, tabella B, articolo 16',
      en: 'Documents between public administrations: DPR 642/1972, table B, article 16',
    },
    needsReason: false,
  },
  {
    id: 'other',
    anprCode: 99,
    label: { it: 'Un’altra esenzione', en: 'Another exemption' },
    reference: {
      it: 'La norma che indichi tu nel motivo',
      en: 'The law you give in your reason',
    },
    needsReason: true,
  },
];

const EXEMPTIONS_BY_ID = new Map(STAMP_EXEMPTIONS.map((exemption) => [exemption.id, exemption]));

/** The exemption with this id, or undefined for anything else. */
export function stampExemption(id: string): StampExemption | undefined {
  return EXEMPTIONS_BY_ID.get(id as StampExemptionId);
}

/** ANPR's limit on the reason of exemption 99, in characters (Unicode code points). */
export const EXEMPTION_REASON_MAX = 256;

export type ExemptionReasonProblem = 'reason-missing' | 'reason-too-long';

/**
 * What is wrong with the reason given for "another exemption", or undefined when it will do. The
 * element checks it before sending and the gateway again on receipt, so both give the same answer.
 * Counted in code points after trimming, as a person counts characters (an accented letter typed
 * in decomposed form counts as two, as it does in ANPR's field).
 */
export function exemptionReasonProblem(
  reason: string | null | undefined,
): ExemptionReasonProblem | undefined {
  const trimmed = (reason ?? '').trim();
  if (!trimmed) return 'reason-missing';
  if ([...trimmed].length > EXEMPTION_REASON_MAX) return 'reason-too-long';
  return undefined;
}

/** What the element says for each problem with the reason; `{max}` is EXEMPTION_REASON_MAX. */
export const EXEMPTION_REASON_MESSAGES: Readonly<Record<ExemptionReasonProblem, LocalText>> = {
  'reason-missing': {
    it: 'Scrivi per quale motivo il certificato è esente dal bollo, con la legge che lo prevede.',
    en: 'Write why the certificate is exempt from the stamp, with the law that says so.',
  },
  'reason-too-long': {
    it: 'Il motivo può avere al massimo {max} caratteri: accorcialo.',
    en: 'The reason can have at most {max} characters: shorten it.',
  },
};

/**
 * Whether this certificate owes the 16 EUR stamp for this use: never for a kind that never owes it
 * (civil-status extracts), never with an exemption, always otherwise for a private party. A use
 * towards a public office gets a self-declaration instead, which owes nothing.
 */
export function stampDue(kind: CertificateKind, use: CertificateUseId): boolean {
  return kind.stamp === 'unless-exempt' && use === 'private-party';
}
