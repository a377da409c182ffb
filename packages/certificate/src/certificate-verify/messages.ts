import { defineCatalogue } from '@sportello/core';

// One plain answer per outcome, each saying what to do next: whoever checks a certificate (a bank
// clerk, a landlord, the citizen) needs "can I trust this paper?", not how seals work.
const it = {
  'check.heading': 'Verifica un certificato',
  'check.intro':
    'Controlla se un certificato anagrafico è autentico: scrivi il suo identificativo o inquadra il codice QR stampato sul certificato. È gratuito e non serve accedere.',
  'check.field': 'Identificativo del certificato',
  'check.hint':
    '16 lettere e cifre, stampate sul certificato (per esempio 7K3M-Q9TX-2B4D-HV8R). Puoi anche incollare qui il testo del codice QR.',
  'check.submit': 'Verifica',
  'check.checking': 'Verifica in corso…',
  'check.missing': 'Scrivi l’identificativo del certificato.',
  'check.invalid':
    'Questo non è un identificativo di certificato: sono 16 lettere e cifre. Controlla di averlo scritto tutto.',
  'check.offline':
    'Per verificare con l’identificativo serve internet. Senza connessione, inquadra il codice QR del certificato: si verifica anche offline.',
  'scan.open': 'Inquadra il codice QR con la fotocamera',
  'scan.photo': 'Scegli una foto del codice QR',
  'scan.heading': 'Inquadra il codice QR del certificato',
  'scan.instructions': 'Tieni il certificato fermo e ben illuminato, con il codice QR al centro.',
  'scan.cancel': 'Annulla, scrivo l’identificativo',
  'scan.unavailable':
    'Non riusciamo a usare la fotocamera. Scegli una foto del codice QR, o scrivi l’identificativo.',
  'scan.noCode':
    'In questa foto non troviamo un codice QR. Prova con una foto più nitida e più vicina, o scrivi l’identificativo.',
  'result.genuine': 'Il certificato è autentico',
  'result.genuineText':
    'L’ha rilasciato il Comune e non è stato modificato. Controlla che i dati qui sotto siano quelli stampati sul certificato.',
  'result.sealOnly':
    'Verificato con il sigillo del codice QR, senza chiedere al Comune: se il certificato è stato ritirato dopo il rilascio si sa solo online.',
  'result.expired': 'Il certificato è autentico, ma è scaduto',
  'result.expiredText': 'L’ha rilasciato il Comune e non è stato modificato, ma vale solo fino al {date}.',
  'result.revoked': 'Il certificato è stato ritirato',
  'result.revokedText':
    'Il Comune l’ha rilasciato, ma poi l’ha ritirato: non vale più. Chi ne ha bisogno deve chiederne uno nuovo.',
  'result.altered': 'Il certificato è stato modificato',
  'result.alteredText':
    'Questo certificato è stato cambiato dopo il rilascio: i dati del codice QR non sono quelli sigillati dal Comune. Non è valido.',
  'result.unknown-key': 'Il certificato non è di questo Comune',
  'result.unknown-keyText':
    'Il codice QR è sigillato con una chiave che questo Comune non usa: il certificato è di un altro Comune, o è falso. Se è di un altro Comune, verificalo sul suo sito.',
  'result.malformed': 'Questo non è il codice QR di un certificato',
  'result.malformedText':
    'Il codice letto non è quello di un certificato anagrafico. Inquadra il codice QR stampato sul certificato, nella parte «Verifica», o scrivi il suo identificativo.',
  'result.unknown': 'Nessun certificato con questo identificativo',
  'result.unknownText':
    'Il Comune non ha rilasciato nessun certificato con l’identificativo {id}. Controlla di averlo scritto come è stampato: se è giusto, il certificato non è autentico.',
  'result.no-keys': 'Serve internet, una volta',
  'result.no-keysText':
    'Per verificare il codice QR senza internet, questa pagina deve prima scaricare le chiavi pubbliche del Comune, e non l’ha ancora potuto fare. Collegati a internet e riprova: da allora la verifica funziona anche offline su questo dispositivo.',
  'result.another': 'Verifica un altro certificato',
  'face.heading': 'Cosa dice il certificato',
  'face.kind': 'Certificato',
  'face.subject': 'Iniziali della persona',
  'face.issuedOn': 'Rilasciato il',
  'face.validity': 'Validità',
  'face.validUntil': 'Fino al {date}',
  'face.issuer': 'Rilasciato da',
  'face.issuerCode': 'Comune con codice fiscale {code}',
  'face.id': 'Identificativo',
};

/** The words in Italian, the source language: what every translation has, key by key. */
export type VerifyMessages = typeof it;

export const verifyMessages = defineCatalogue({
  it,
  en: () => import('./messages.en.js').then((module) => module.en),
});
export type VerifyMessageKey = keyof typeof it;
