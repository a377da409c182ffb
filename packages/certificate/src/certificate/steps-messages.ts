import { defineCatalogue } from '@sportello/core';

// The words of the steps after "what for", loaded with them (see certificate-steps.ts): plain words
// and one next step each, the problems of the registry and the stamp with what to do.
const it = {
  'step.next': 'Avanti',
  loading: 'Caricamento in corso…',
  'step.back': 'Indietro',
  reload: 'Riprova',
  'who.heading': 'Per chi è?',
  'who.intro': 'Puoi chiederlo per te o per una persona della tua famiglia anagrafica.',
  'who.self': '{name} (tu)',
  'who.missing': 'Scegli per chi è.',
  'kind.heading': 'Quale certificato ti serve?',
  'kind.missing': 'Scegli un certificato.',
  'kind.validity': 'Quanto vale un certificato?',
  'kind.stampOffline':
    'Qui la marca da bollo non si paga online: un certificato per un privato che la richiede va chiesto all’ufficio anagrafe. Online restano i certificati di nascita e di matrimonio, quelli per un uso esente e l’autocertificazione per un ufficio pubblico.',
  'facts.heading': 'Cosa vuoi dichiarare?',
  'facts.intro':
    'Ogni voce prende il posto del certificato con quel nome. L’autocertificazione è compilata con i dati dell’anagrafe.',
  'facts.missing': 'Scegli almeno una cosa da dichiarare.',
  'facts.make': 'Prepara l’autocertificazione',
  'review.heading': 'Controlla e conferma',
  'review.certificate': 'Certificato',
  'review.person': 'Per',
  'review.use': 'Uso',
  'review.reason': 'Motivo',
  'review.stamp': 'Marca da bollo',
  'review.stampDue': '{amount}, da pagare con pagoPA',
  'review.stampExempt': 'Non dovuta: {reference}',
  'review.stampNever': 'Non dovuta per questo certificato',
  'review.confirm': 'Chiedi il certificato',
  'review.confirmAndPay': 'Chiedi il certificato e paga il bollo',
  sending: 'Un momento…',
  'stamp.heading': 'Paga la marca da bollo',
  'stamp.intro':
    'Il certificato costa {amount} di imposta di bollo, da pagare con pagoPA. Appena il pagamento è confermato, il certificato è pronto qui.',
  'stamp.checking': 'Controlliamo la richiesta del certificato…',
  'stamp.check': 'Ho pagato: controlla',
  'stamp.notYet':
    'pagoPA non ha ancora confermato il pagamento. Se hai pagato, non pagare di nuovo: controlla tra qualche minuto.',
  'done.heading': 'Il certificato è pronto',
  'done.identifier': 'Identificativo',
  'done.issuedOn': 'Rilasciato il',
  'done.validUntil': 'Valido fino al',
  'done.noExpiry': 'Non scade',
  'done.privateOnly': 'Il certificato serve tra privati: un ufficio pubblico non può chiedertelo.',
  'done.download': 'Scarica il certificato (PDF)',
  'done.qrLabel': 'Codice QR per scaricare il documento sul telefono',
  'declaration.heading': 'L’autocertificazione è pronta',
  'declaration.intro':
    'È gratuita: scaricala, controllala, firmala e consegnala all’ufficio, che deve accettarla al posto del certificato.',
  'declaration.warning': 'Attenzione: chi dichiara il falso commette un reato (DPR 445/2000, articolo 76).',
  'declaration.download': 'Scarica l’autocertificazione (PDF)',
  'link.once': 'Il link funziona una volta sola, fino alle {time}.',
  'link.phone':
    'Inquadra il codice con il telefono per scaricare il documento. Funziona una volta sola, fino alle {time}.',
  'link.used': 'Hai usato il link. Se il file non è arrivato, chiedi un nuovo link.',
  'link.new': 'Chiedi un nuovo link',
  'link.print': 'Stampa',
  another: 'Chiedi un altro documento',
  'problem.not-in-family':
    'Puoi chiedere certificati solo per te e per le persone della tua famiglia anagrafica. Per chiunque altro: lo chiede la persona stessa, oppure si va all’ufficio anagrafe.',
  'problem.certificate-not-applicable':
    'L’anagrafe non ha i dati che questo documento dovrebbe dire per questa persona: per esempio, un certificato di matrimonio per chi non è sposato. Scegli un altro certificato; se pensi che i dati dell’anagrafe siano sbagliati, rivolgiti all’ufficio anagrafe.',
  'problem.stamp-not-online':
    'Qui la marca da bollo non si paga online: chiedi questo certificato all’ufficio anagrafe. Online puoi avere un certificato per un uso esente, o l’autocertificazione per un ufficio pubblico.',
  'problem.registry-unavailable':
    'L’anagrafe nazionale non risponde in questo momento. Riprova tra qualche minuto, oppure chiedi il documento all’ufficio anagrafe.',
  'problem.download-expired': 'Questo link è già stato usato o è scaduto: chiedine uno nuovo.',
  'problem.stamp-unpaid':
    'Il bollo non risulta ancora pagato. Se hai pagato, non pagare di nuovo: controlla tra qualche minuto.',
  'problem.notOnline': 'Qui i certificati non si chiedono online: chiedili all’ufficio anagrafe del Comune.',
  'problem.requestUnknown':
    'Non troviamo questa richiesta di certificato: forse è stata fatta con un altro accesso. Chiedi di nuovo il certificato.',
};

/** The words in Italian, the source language: what every translation has, key by key. */
export type StepsMessages = typeof it;

export const stepsMessages = defineCatalogue({
  it,
  en: () => import('./steps-messages.en.js').then((module) => module.en),
});
export type StepsMessageKey = keyof typeof it;
