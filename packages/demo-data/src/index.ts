// `@sportello/demo-data`: the demo municipality, "Comune di Esempio", its notices, services and test
// citizens. One source for the gateway's seed and the in-browser sandbox, so a demo, a tutorial and a
// test see the same town; a package of its own so that the gateway need not load the sandbox.
// Data only: nothing here touches the DOM, and core is imported for its types.
import type { RegistryFamily, RegistryPerson } from '@sportello/core/certificates';
import type { NoticeState, Schemas } from '@sportello/core/contract';

export const demoMunicipality: Schemas['Municipality'] = {
  name: 'Comune di Esempio',
  creditorFiscalCode: '80001234568',
  // Served by the gateway itself (/look/), so the kiosk, whose policy loads images from its own
  // origin only, can show it.
  logo: '/look/stemma.svg',
  patronSaint: { name: 'San Michele Arcangelo', date: '09-29' },
  offices: [
    {
      id: 'anagrafe-centrale',
      name: 'Sportello Anagrafe - Sede centrale',
      address: { street: 'Piazza del Municipio 1', postalCode: '12345', city: 'Esempio' },
      phone: '+39 0123 456700',
      email: 'anagrafe@comune.esempio.it',
      openingHours: [
        { weekday: 1, opens: '08:30', closes: '12:30' },
        { weekday: 2, opens: '08:30', closes: '12:30' },
        { weekday: 2, opens: '14:30', closes: '17:00' },
        { weekday: 3, opens: '08:30', closes: '12:30' },
        { weekday: 4, opens: '08:30', closes: '12:30' },
        { weekday: 4, opens: '14:30', closes: '17:00' },
        { weekday: 5, opens: '08:30', closes: '12:30' },
      ],
      counters: 4,
      // Christmas Eve and New Year's Eve: the registry office closes for year-end work.
      closures: [
        { from: '2026-12-24', to: '2026-12-24' },
        { from: '2026-12-31', to: '2026-12-31' },
      ],
    },
    {
      id: 'urp',
      name: 'Ufficio Relazioni con il Pubblico',
      address: { street: 'Via Roma 10', postalCode: '12345', city: 'Esempio' },
      phone: '+39 0123 456710',
      email: 'urp@comune.esempio.it',
      openingHours: [
        { weekday: 1, opens: '09:00', closes: '13:00' },
        { weekday: 2, opens: '09:00', closes: '13:00' },
        { weekday: 3, opens: '09:00', closes: '13:00' },
        { weekday: 3, opens: '15:00', closes: '17:30' },
        { weekday: 4, opens: '09:00', closes: '13:00' },
        { weekday: 5, opens: '09:00', closes: '13:00' },
      ],
      counters: 2,
    },
  ],
  services: [
    { id: 'cie', name: 'Rinnovo carta d’identità elettronica', officeIds: ['anagrafe-centrale'] },
    { id: 'residenza', name: 'Cambio di residenza', officeIds: ['anagrafe-centrale'] },
    {
      id: 'certificati',
      name: 'Certificati anagrafici allo sportello',
      officeIds: ['anagrafe-centrale', 'urp'],
    },
    { id: 'ztl', name: 'Permesso ZTL', officeIds: ['urp'] },
    { id: 'edilizia', name: 'Incontro con l’Ufficio tecnico (edilizia)', officeIds: ['urp'] },
  ],
};

type FamilyMember = Schemas['FamilyMember'];

export interface DemoFamily {
  id: string;
  /** Who the family is, for the demo sign-in page. */
  description: { it: string; en: string };
  members: FamilyMember[];
}

/**
 * Three registry families. The first member of each is the one who signs in on the demo pages.
 * The codes are valid (check character and all) but belong to nobody.
 */
export const demoFamilies: DemoFamily[] = [
  {
    id: 'rossi',
    description: { it: 'vive da solo', en: 'lives alone' },
    members: [
      {
        fiscalCode: 'RSSMRA50C15L219Y',
        givenName: 'Mario',
        familyName: 'Rossi',
        birthDate: '1950-03-15',
        relationship: 'head',
      },
    ],
  },
  {
    id: 'bianchi-verdi',
    description: { it: 'coppia con una figlia minorenne', en: 'couple with a child under 18' },
    members: [
      {
        fiscalCode: 'BNCGLU85L62H501D',
        givenName: 'Giulia',
        familyName: 'Bianchi',
        birthDate: '1985-07-22',
        relationship: 'head',
      },
      {
        fiscalCode: 'VRDLCU83S02F205C',
        givenName: 'Luca',
        familyName: 'Verdi',
        birthDate: '1983-11-02',
        relationship: 'spouse',
      },
      {
        fiscalCode: 'VRDSFO16D49H501H',
        givenName: 'Sofia',
        familyName: 'Verdi',
        birthDate: '2016-04-09',
        relationship: 'child',
      },
    ],
  },
  {
    id: 'esposito',
    description: { it: 'vive con la madre anziana', en: 'lives with her elderly mother' },
    members: [
      {
        fiscalCode: 'SPSNNA70A70F839Q',
        givenName: 'Anna',
        familyName: 'Esposito',
        birthDate: '1970-01-30',
        relationship: 'head',
      },
      {
        fiscalCode: 'RSSTRS38P45F839K',
        givenName: 'Teresa',
        familyName: 'Russo',
        birthDate: '1938-09-05',
        relationship: 'parent',
      },
    ],
  },
];

/**
 * What the demo registry (the simulated ANPR) knows about each demo citizen beyond their name: the
 * facts registry certificates and self-declarations state. Every family lives in the demo town; none
 * is registered abroad (AIRE), in an institution or under a cohabitation contract, so those
 * certificates are "not in the registry" for all of them, as they are for most citizens.
 */
export type DemoRegistryFacts = Omit<RegistryPerson, keyof FamilyMember>;

/** Where each demo family lives, by family id. */
export const demoFamilyAddresses: Readonly<Record<string, string>> = {
  rossi: 'Via Garibaldi 12, 12345 Esempio',
  'bianchi-verdi': 'Via Roma 1, 12345 Esempio',
  esposito: 'Vicolo del Forno 3, 12345 Esempio',
};

/** The registry facts of every demo citizen, by fiscal code. */
export const demoRegistryFacts: Readonly<Record<string, DemoRegistryFacts>> = {
  RSSMRA50C15L219Y: {
    sex: 'M',
    birthPlace: 'Torino (TO)',
    citizenship: { it: 'italiana', en: 'Italian' },
    civilStatus: 'widowed',
  },
  BNCGLU85L62H501D: {
    sex: 'F',
    birthPlace: 'Roma (RM)',
    citizenship: { it: 'italiana', en: 'Italian' },
    civilStatus: 'married',
    union: { date: '2012-06-16', place: 'Esempio' },
  },
  VRDLCU83S02F205C: {
    sex: 'M',
    birthPlace: 'Milano (MI)',
    citizenship: { it: 'italiana', en: 'Italian' },
    civilStatus: 'married',
    union: { date: '2012-06-16', place: 'Esempio' },
  },
  VRDSFO16D49H501H: {
    sex: 'F',
    birthPlace: 'Roma (RM)',
    citizenship: { it: 'italiana', en: 'Italian' },
    civilStatus: 'unmarried',
  },
  SPSNNA70A70F839Q: {
    sex: 'F',
    birthPlace: 'Napoli (NA)',
    citizenship: { it: 'italiana', en: 'Italian' },
    civilStatus: 'divorced',
  },
  RSSTRS38P45F839K: {
    sex: 'F',
    birthPlace: 'Napoli (NA)',
    citizenship: { it: 'italiana', en: 'Italian' },
    civilStatus: 'widowed',
  },
};

/** The demo registry (the simulated ANPR): each family with its address and its members' facts. */
export const demoRegistry: RegistryFamily[] = demoFamilies.map((family) => ({
  municipality: demoMunicipality.name,
  address: demoFamilyAddresses[family.id]!,
  members: family.members.map((member) => ({ ...member, ...demoRegistryFacts[member.fiscalCode]! })),
}));

/** The citizens who can sign in on the demo pages: the first member of each family. */
export const demoCitizens = demoFamilies.map((family) => family.members[0]!);

type Notice = Schemas['Notice'];

/** A notice of the demo creditor and where it stands, as the issue for payments lists them. */
export interface DemoNotice extends Notice {
  state: NoticeState;
}

const notice = (
  noticeNumber: string,
  description: string,
  amountCents: number,
  dueDate: string,
  state: NoticeState,
): DemoNotice => ({
  creditorFiscalCode: demoMunicipality.creditorFiscalCode,
  noticeNumber,
  payee: demoMunicipality.name,
  description,
  amountCents,
  dueDate,
  state,
});

/** Seven notices, one per situation a citizen can meet; any other well-formed notice is unknown. */
export const demoNotices: DemoNotice[] = [
  notice('312202600000010178', 'Mensa scolastica - ottobre 2026', 4560, '2026-12-31', 'payable'),
  notice('312202600000010279', 'TARI 2026 - seconda rata', 12300, '2026-12-16', 'payable'),
  notice('312202600000010380', 'Trasporto scolastico - settembre 2026', 3500, '2026-10-31', 'paid'),
  notice('312202600000010481', 'Sanzione amministrativa n. 2026/0412', 8700, '2026-06-30', 'expired'),
  notice('312202600000010582', 'Diritti di segreteria SUAP', 5000, '2026-12-31', 'in-progress'),
  notice('312202600000010683', 'Canone occupazione suolo pubblico 2026', 21000, '2026-09-30', 'revoked'),
  notice('312202600000010784', 'Servizio pre-scuola - novembre 2026', 2500, '2026-12-15', 'creditor-timeout'),
];

/** Spontaneous payments of the demo municipality: no notice needed, one is created on request. */
export const demoCatalogue: Schemas['CatalogueItem'][] = [
  {
    id: 'mensa-ricarica',
    name: { it: 'Ricarica mensa scolastica', en: 'School canteen top-up' },
    amount: { kind: 'entered', minCents: 500, maxCents: 20000 },
    fields: [
      {
        name: 'pupilFiscalCode',
        kind: 'codiceFiscale',
        label: { it: 'Codice fiscale dell’alunno', en: 'Pupil’s tax code (codice fiscale)' },
      },
    ],
  },
  {
    id: 'sanzione-cds',
    name: { it: 'Multa per divieto di sosta', en: 'Parking fine' },
    amount: { kind: 'entered', minCents: 100, maxCents: 200000 },
    fields: [
      {
        name: 'violationNumber',
        kind: 'violationNumber',
        label: { it: 'Numero del verbale', en: 'Fine number' },
      },
      { name: 'plate', kind: 'plate', label: { it: 'Targa del veicolo', en: 'Vehicle registration plate' } },
    ],
  },
  {
    id: 'bollo-certificato',
    name: { it: 'Imposta di bollo per un certificato', en: 'Stamp duty for a certificate' },
    amount: { kind: 'fixed', cents: 1600 },
    fields: [],
  },
];

const CIE_DOCUMENTS: Schemas['LocalizedText'][] = [
  { it: 'Una fototessera recente, su sfondo bianco', en: 'A recent passport photo, on a white background' },
  {
    it: 'La carta d’identità scaduta (o la denuncia, se l’hai persa o ti è stata rubata)',
    en: 'The expired identity card (or the police report, if it was lost or stolen)',
  },
  { it: 'La tessera sanitaria', en: 'Your health insurance card (tessera sanitaria)' },
];

/** What can be booked at the demo municipality's counters, as the issue for booking lists them. */
export const demoBookingServices: Schemas['BookingService'][] = [
  {
    id: 'cie',
    name: { it: 'Rinnovo carta d’identità elettronica', en: 'Electronic identity card renewal' },
    durationMinutes: 20,
    officeIds: ['anagrafe-centrale'],
    documents: CIE_DOCUMENTS,
    reasons: [
      {
        id: 'scadenza',
        label: { it: 'La carta sta per scadere o è scaduta', en: 'The card expires soon or has expired' },
      },
      {
        id: 'smarrimento',
        label: { it: 'Ho perso la carta o mi è stata rubata', en: 'The card was lost or stolen' },
      },
      { id: 'deterioramento', label: { it: 'La carta è rovinata', en: 'The card is damaged' } },
      {
        id: 'primo-rilascio',
        label: { it: 'È la prima carta d’identità', en: 'It is the first identity card' },
      },
    ],
  },
  {
    id: 'residenza',
    name: { it: 'Cambio di residenza', en: 'Change of residence' },
    durationMinutes: 30,
    officeIds: ['anagrafe-centrale'],
    documents: [
      { it: 'Un documento d’identità valido', en: 'A valid identity document' },
      {
        it: 'I dati della nuova abitazione (contratto d’affitto o atto di proprietà)',
        en: 'The details of the new home (lease or deed of ownership)',
      },
    ],
    reasons: [
      {
        id: 'da-altro-comune',
        label: { it: 'Arrivo da un altro comune', en: 'Moving from another municipality' },
      },
      {
        id: 'stesso-comune',
        label: { it: 'Cambio indirizzo nel comune', en: 'New address in this municipality' },
      },
      { id: 'dall-estero', label: { it: 'Arrivo dall’estero', en: 'Moving from abroad' } },
    ],
  },
  {
    id: 'certificati',
    name: { it: 'Certificati anagrafici allo sportello', en: 'Registry certificates at the counter' },
    durationMinutes: 10,
    officeIds: ['anagrafe-centrale', 'urp'],
    documents: [
      { it: 'Un documento d’identità valido', en: 'A valid identity document' },
      {
        it: 'Una marca da bollo da 16 euro, se il certificato non è esente',
        en: 'A 16 euro revenue stamp, unless the certificate is exempt',
      },
    ],
    reasons: [
      { id: 'certificato', label: { it: 'Ritirare un certificato', en: 'Collect a certificate' } },
      { id: 'informazioni', label: { it: 'Chiedere informazioni', en: 'Ask for information' } },
    ],
  },
  {
    id: 'ztl',
    name: { it: 'Permesso ZTL', en: 'Limited traffic zone (ZTL) permit' },
    durationMinutes: 15,
    officeIds: ['urp'],
    documents: [
      { it: 'Il libretto di circolazione del veicolo', en: 'The vehicle registration document' },
      { it: 'Un documento d’identità valido', en: 'A valid identity document' },
    ],
    reasons: [
      { id: 'residente', label: { it: 'Sono residente nella ZTL', en: 'I live in the ZTL' } },
      { id: 'lavoro', label: { it: 'Lavoro nella ZTL', en: 'I work in the ZTL' } },
      { id: 'disabilita', label: { it: 'Contrassegno disabili', en: 'Disabled parking badge' } },
    ],
  },
  {
    id: 'edilizia',
    name: { it: 'Incontro con l’Ufficio tecnico (edilizia)', en: 'Meeting with the building office' },
    durationMinutes: 45,
    officeIds: ['urp'],
    documents: [
      { it: 'Il progetto o la pratica di cui vuoi parlare', en: 'The plans or file you want to discuss' },
    ],
    reasons: [
      {
        id: 'pratica-in-corso',
        label: { it: 'Una pratica già presentata', en: 'An application already filed' },
      },
      { id: 'nuovo-progetto', label: { it: 'Un nuovo progetto', en: 'A new project' } },
    ],
  },
];

/**
 * The demo kiosk, seeded by the gateway in demo mode only (never outside it) and known to the
 * sandbox: its key is public, written in the README, so that anyone trying the demo can post a
 * heartbeat or hand a held time to a phone. A real kiosk's key comes from `sportello-gateway
 * kiosk-key add` and is 256 random bits.
 */
export const demoKiosk = {
  id: 'demo-kiosk',
  name: 'Biblioteca civica',
  location: 'Piazza del Municipio 1, Esempio',
  key: 'demo-kiosk-key',
} as const;

/** The operator credential of the demo's fleet page (OPERATOR_TOKEN unset in demo mode). Public: demo only. */
export const DEMO_OPERATOR_TOKEN = 'demo-operator-token';
