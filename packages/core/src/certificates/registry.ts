// What a registry (ANPR, or the demo's simulated one) knows about a person, and what each kind of
// certificate states from it. One place for both the gateway and the sandbox: the face sealed in the
// QR, the PDF's text and the self-declaration's are all made from a `RegistryPerson` here, so two back
// ends never print a certificate two ways.
import { initialsOf } from '../initials.js';
import type { Schemas } from '../api/contract.js';
import { certificateKind, certificateValidUntil, type CertificateKindId } from './kinds.js';
import type { LocalText } from './local-text.js';
import type { CertificateFace } from './seal.js';

type FamilyMember = Schemas['FamilyMember'];

export type CivilStatus = 'unmarried' | 'married' | 'civil-union' | 'widowed' | 'divorced';

/** A person in the registry, with the facts certificates state. */
export interface RegistryPerson extends FamilyMember {
  sex: 'F' | 'M';
  /** As printed: town and province, or the country. */
  birthPlace: string;
  citizenship: LocalText;
  civilStatus: CivilStatus;
  /** When and where the marriage or civil union was registered (married or civil-union only). */
  union?: { date: string; place: string };
  /** Registered abroad (AIRE): only they get the AIRE certificates. */
  abroad?: boolean;
  /** Living in an institution (a "convivenza anagrafica"). */
  inInstitution?: boolean;
  /** A cohabitation contract registered with the registry office (L. 76/2016). */
  cohabitationContract?: { date: string };
}

/** A registry family ("famiglia anagrafica"): who lives together, where, in which municipality. */
export interface RegistryFamily {
  /** The municipality's name, as printed: `Comune di Esempio`. */
  municipality: string;
  /** The family's address, as printed. */
  address: string;
  /** Everyone in it, the head first. */
  members: RegistryPerson[];
}

/**
 * Whether the registry holds what `kind` states about `person`: a marriage certificate needs a
 * marriage, the AIRE ones a registration abroad. A kind that does not apply is answered
 * `certificate-not-applicable`, and the element says what to do instead.
 */
export function certificateApplies(kind: CertificateKindId, person: RegistryPerson): boolean {
  switch (kind) {
    case 'marriage':
      return person.civilStatus === 'married' && person.union !== undefined;
    case 'civil-union':
      return person.civilStatus === 'civil-union' && person.union !== undefined;
    case 'unmarried':
      return person.civilStatus !== 'married' && person.civilStatus !== 'civil-union';
    case 'residence-abroad':
    case 'family-abroad':
      return person.abroad === true;
    case 'residence':
    case 'family':
    case 'family-with-kinship':
      return person.abroad !== true;
    case 'residence-in-institution':
      return person.inInstitution === true;
    case 'cohabitation-contract':
      return person.cohabitationContract !== undefined;
    default:
      return true;
  }
}

/** A relationship to the head of the family, as a family certificate with kinship prints it. */
export const RELATIONSHIP_WORDS: Readonly<Record<FamilyMember['relationship'], { F: string; M: string }>> = {
  head: { F: 'intestataria', M: 'intestatario' },
  spouse: { F: 'coniuge', M: 'coniuge' },
  'civil-partner': { F: 'unita civilmente', M: 'unito civilmente' },
  partner: { F: 'convivente', M: 'convivente' },
  child: { F: 'figlia', M: 'figlio' },
  parent: { F: 'madre', M: 'padre' },
  sibling: { F: 'sorella', M: 'fratello' },
  grandchild: { F: 'nipote', M: 'nipote' },
  other: { F: 'altra convivente', M: 'altro convivente' },
};

/** A civil status as printed, in Italian, for the person's sex. */
export const CIVIL_STATUS_WORDS: Readonly<Record<CivilStatus, { F: string; M: string }>> = {
  unmarried: { F: 'nubile', M: 'celibe' },
  married: { F: 'coniugata', M: 'coniugato' },
  'civil-union': { F: 'unita civilmente', M: 'unito civilmente' },
  widowed: { F: 'vedova', M: 'vedovo' },
  divorced: { F: 'divorziata', M: 'divorziato' },
};

/**
 * The facts a certificate of `kind` prints about `person`, by short stable keys, in Italian: what the
 * seal carries and the verify element shows beside the paper. Other people appear by their initials
 * only (a family's members), as the seal never carries a full name; the PDF prints names in full.
 * Call only where `certificateApplies`.
 */
export function certificateFacts(
  kind: CertificateKindId,
  person: RegistryPerson,
  family: RegistryFamily,
): Record<string, string> {
  const birth = { birthDate: person.birthDate, birthPlace: person.birthPlace };
  const members = (withKinship: boolean) =>
    family.members
      .map((member) =>
        withKinship
          ? `${initialsOf(member)} (${RELATIONSHIP_WORDS[member.relationship][member.sex]})`
          : initialsOf(member),
      )
      .join(', ');
  switch (kind) {
    case 'birth':
    case 'being-alive':
      return birth;
    case 'marriage':
    case 'civil-union':
      return { unionDate: person.union!.date, unionPlace: person.union!.place };
    case 'citizenship':
      return { citizenship: person.citizenship.it };
    case 'residence':
    case 'residence-abroad':
    case 'residence-in-institution':
      return { municipality: family.municipality, address: family.address };
    case 'civil-status':
    case 'unmarried':
      return { civilStatus: CIVIL_STATUS_WORDS[person.civilStatus][person.sex] };
    case 'family':
    case 'family-abroad':
      return { municipality: family.municipality, address: family.address, members: members(false) };
    case 'family-with-kinship':
      return { municipality: family.municipality, address: family.address, members: members(true) };
    case 'cohabitation-contract':
      return { contractDate: person.cohabitationContract!.date };
  }
}

/** Labels of the facts' keys, as the verify element and the PDF print them. */
export const FACT_LABELS: Readonly<Record<string, LocalText>> = {
  birthDate: { it: 'Data di nascita', en: 'Date of birth' },
  birthPlace: { it: 'Luogo di nascita', en: 'Place of birth' },
  unionDate: { it: 'Data', en: 'Date' },
  unionPlace: { it: 'Luogo', en: 'Place' },
  citizenship: { it: 'Cittadinanza', en: 'Citizenship' },
  municipality: { it: 'Comune', en: 'Municipality' },
  address: { it: 'Indirizzo', en: 'Address' },
  civilStatus: { it: 'Stato civile', en: 'Civil status' },
  members: { it: 'Componenti della famiglia', en: 'Family members' },
  contractDate: { it: 'Data del contratto', en: 'Date of the contract' },
};

/**
 * The face of a certificate issued today: what it prints, seals in its QR and answers to an online
 * check. `issuer` is the municipality's fiscal code; `id` a new `newCertificateId()`.
 */
export function certificateFaceFor(options: {
  kind: CertificateKindId;
  person: RegistryPerson;
  family: RegistryFamily;
  issuedOn: string;
  issuer: string;
  id: string;
}): CertificateFace {
  const { kind, person, family, issuedOn, issuer, id } = options;
  return {
    kind,
    subjectInitials: initialsOf(person),
    facts: certificateFacts(kind, person, family),
    issuedOn,
    validUntil: certificateValidUntil(certificateKind(kind)!, issuedOn),
    issuer,
    id,
  };
}
