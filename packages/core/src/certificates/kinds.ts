// The registry certificates a signed-in citizen can download online through ANPR, for themselves or
// a member of their registry family: ONE table, read by the gateway (what it issues and lists), the
// sandbox, the certificate element (step "which certificate") and the PDF.
//
// Sources (see /shared/domain/identity-and-certificates.md):
// - The 14 kinds: ANPR's online certificates, since November 2021 (italia/anpr; the ANPR portal).
// - Stamp: 16 EUR unless the use is exempt, DPR 642/1972 table B (see uses.ts for the exemptions);
//   birth, marriage and death extracts are civil-status acts, exempt whatever the use
//   (L. 405/1990 art. 7). Civil union and cohabitation contract are registry certificates here: the
//   domain facts list only birth and marriage among the online kinds that never owe the stamp.
// - Validity: DPR 445/2000 art. 41 c. 1, unlimited for facts that cannot change, six months from
//   issue for the rest. Only birth is such a fact among these kinds: a marriage extract gains
//   annotations (separation, divorce), citizenship can be acquired or lost.
// - Historical certificates ("storici") are not online: the registry office issues them.
import { dateInRome } from '../format.js';
import type { LocalText } from './local-text.js';

export type CertificateKindId =
  | 'birth'
  | 'marriage'
  | 'citizenship'
  | 'being-alive'
  | 'residence'
  | 'residence-abroad'
  | 'civil-status'
  | 'family'
  | 'residence-in-institution'
  | 'family-abroad'
  | 'family-with-kinship'
  | 'unmarried'
  | 'civil-union'
  | 'cohabitation-contract';

/** `unless-exempt`: the 16 EUR stamp is due for a private use, unless an exemption applies. */
export type StampRule = 'unless-exempt' | 'never';
/** How long a certificate is good for, from its issue date (art. 41 DPR 445/2000). */
export type Validity = '6-months' | 'unlimited';

export interface CertificateKind {
  /** Stable, kebab-case: in the contract, the seal and events; never renamed. */
  id: CertificateKindId;
  /** The certificate's name as printed and listed. */
  name: LocalText;
  /** One plain line on what it says. */
  explanation: LocalText;
  stamp: StampRule;
  validity: Validity;
}

/** The stamp duty on a certificate that owes it, in cents (DPR 642/1972). */
export const STAMP_DUTY_CENTS = 1600;

export const CERTIFICATE_KINDS: readonly CertificateKind[] = [
  {
    id: 'birth',
    name: { it: 'Certificato di nascita', en: 'Birth certificate' },
    explanation: {
      it: 'Dice dove e quando è nata la persona.',
      en: 'Says where and when the person was born.',
    },
    stamp: 'never', // civil-status extract, L. 405/1990 art. 7
    validity: 'unlimited', // a birth cannot change
  },
  {
    id: 'marriage',
    name: { it: 'Certificato di matrimonio', en: 'Marriage certificate' },
    explanation: {
      it: 'Dice dove e quando la persona si è sposata.',
      en: 'Says where and when the person got married.',
    },
    stamp: 'never', // civil-status extract, L. 405/1990 art. 7
    validity: '6-months', // annotations may follow (separation, divorce)
  },
  {
    id: 'citizenship',
    name: { it: 'Certificato di cittadinanza', en: 'Citizenship certificate' },
    explanation: {
      it: 'Dice che la persona è cittadina italiana.',
      en: 'Says that the person is an Italian citizen.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'being-alive',
    name: { it: 'Certificato di esistenza in vita', en: 'Certificate of being alive' },
    explanation: {
      it: 'Dice che la persona è in vita: serve, per esempio, per una pensione.',
      en: 'Says that the person is alive: needed, for example, for a pension.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'residence',
    name: { it: 'Certificato di residenza', en: 'Residence certificate' },
    explanation: {
      it: 'Dice in quale comune e a quale indirizzo vive la persona.',
      en: 'Says in which municipality and at which address the person lives.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'residence-abroad',
    name: { it: 'Certificato di residenza AIRE', en: 'Certificate of residence abroad (AIRE)' },
    explanation: {
      it: 'Per chi vive all’estero ed è iscritto all’AIRE: dice dove vive.',
      en: 'For Italians living abroad, registered with AIRE: says where they live.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'civil-status',
    name: { it: 'Certificato di stato civile', en: 'Civil status certificate' },
    explanation: {
      it: 'Dice se la persona è libera, sposata, unita civilmente, divorziata o vedova.',
      en: 'Says whether the person is single, married, in a civil union, divorced or widowed.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'family',
    name: { it: 'Certificato di stato di famiglia', en: 'Family certificate' },
    explanation: {
      it: 'Dice chi vive con la persona nella stessa famiglia anagrafica.',
      en: 'Says who lives with the person in the same registered household.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'residence-in-institution',
    name: { it: 'Certificato di residenza in convivenza', en: 'Certificate of residence in an institution' },
    explanation: {
      it: 'Per chi vive in una convivenza, come una casa di riposo o una comunità: dice dove vive.',
      en: 'For people living in an institution, such as a care home or a community: says where they live.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'family-abroad',
    name: {
      it: 'Certificato di stato di famiglia AIRE',
      en: 'Family certificate for residents abroad (AIRE)',
    },
    explanation: {
      it: 'Per chi vive all’estero ed è iscritto all’AIRE: dice chi fa parte della famiglia.',
      en: 'For Italians living abroad, registered with AIRE: says who is part of the household.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'family-with-kinship',
    name: {
      it: 'Certificato di stato di famiglia con rapporti di parentela',
      en: 'Family certificate with kinship',
    },
    explanation: {
      it: 'Come lo stato di famiglia, con il legame di ognuno: coniuge, figlio, figlia…',
      en: 'Like the family certificate, with how each person is related: spouse, son, daughter…',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'unmarried',
    name: { it: 'Certificato di stato libero', en: 'Certificate of unmarried status' },
    explanation: {
      it: 'Dice che la persona non è sposata e non è unita civilmente.',
      en: 'Says that the person is not married and not in a civil union.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'civil-union',
    name: { it: 'Certificato di unione civile', en: 'Civil union certificate' },
    explanation: {
      it: 'Dice che la persona è unita civilmente, e da quando.',
      en: 'Says that the person is in a civil union, and since when.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
  {
    id: 'cohabitation-contract',
    name: { it: 'Certificato di contratto di convivenza', en: 'Cohabitation contract certificate' },
    explanation: {
      it: 'Dice che la persona ha un contratto di convivenza registrato in comune.',
      en: 'Says that the person has a cohabitation contract registered with the municipality.',
    },
    stamp: 'unless-exempt',
    validity: '6-months',
  },
];

const KINDS_BY_ID = new Map(CERTIFICATE_KINDS.map((kind) => [kind.id, kind]));

/** The kind with this id, or undefined for anything else (a string from a request or a seal). */
export function certificateKind(id: string): CertificateKind | undefined {
  return KINDS_BY_ID.get(id as CertificateKindId);
}

/** Where to ask for what is not online: historical certificates need the registry office. */
export const HISTORICAL_CERTIFICATES: LocalText = {
  it: 'I certificati storici (per esempio la residenza o la famiglia di anni passati) non si scaricano online: chiedili all’ufficio anagrafe del comune, allo sportello o per posta elettronica certificata (PEC).',
  en: 'Historical certificates (for example past residence or past household) cannot be downloaded online: ask the municipality’s registry office, at the counter or by certified email (PEC).',
};

/** What the citizen reads where they ask how long a certificate lasts (art. 41 DPR 445/2000). */
export const VALIDITY_EXPLANATIONS: Readonly<Record<Validity | 'expired', LocalText>> = {
  '6-months': {
    it: 'Vale sei mesi dalla data in cui è rilasciato.',
    en: 'Valid for six months from the day it is issued.',
  },
  unlimited: {
    it: 'Non scade: dice un fatto che non può cambiare.',
    en: 'It does not expire: it states a fact that cannot change.',
  },
  // Art. 41 c. 2: the holder may declare at its foot that nothing has changed.
  expired: {
    it: 'Scaduto? Puoi usarlo ancora se scrivi in fondo, e firmi, che nulla è cambiato da quando è stato rilasciato.',
    en: 'Expired? You can still use it if you write at the bottom, and sign, that nothing has changed since it was issued.',
  },
};

/**
 * The last day a certificate of this kind issued on `issuedOn` (`YYYY-MM-DD`, Rome) is valid, or
 * null when it never expires. Six months run to the same day of the sixth month after (civil code
 * art. 2963), or to that month's last day when it is shorter: issued on 31 August, valid to 28 or 29
 * February.
 */
export function certificateValidUntil(kind: CertificateKind, issuedOn: string): string | null {
  if (kind.validity === 'unlimited') return null;
  const [year, month, day] = issuedOn.split('-').map(Number) as [number, number, number];
  const monthIndex = month - 1 + 6;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const until = new Date(Date.UTC(year, monthIndex, Math.min(day, lastDay)));
  return until.toISOString().slice(0, 10);
}

/** True once the day in Rome is past the certificate's last valid day; never for unlimited ones. */
export function isPastValidity(validUntil: string | null, now: Date | number): boolean {
  return validUntil !== null && dateInRome(now) > validUntil;
}
