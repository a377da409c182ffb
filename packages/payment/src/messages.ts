import { defineCatalogue } from '@sportello/core';

// Plain words, one next step each: many citizens paying here are new to pagoPA.
const it = {
  'find.heading': 'Trova l’avviso da pagare',
  // As pagoPA's notice template places them (docs.pagopa.it/avviso-pagamento): the notice code in the
  // payment data, with the QR code; the creditor's fiscal code in the creditor's section at the top.
  'find.intro':
    'Sull’avviso di pagamento, il codice avviso è stampato accanto al codice QR; il codice fiscale dell’ente creditore è in alto, nella parte dedicata all’ente.',
  'find.notice': 'Codice avviso',
  'find.noticeHint': '18 cifre. Puoi scriverle con gli spazi, come sono stampate.',
  'find.creditor': 'Codice fiscale ente creditore',
  'find.creditorHint': '11 cifre: è il codice dell’ente che ti chiede il pagamento.',
  'find.submit': 'Cerca avviso',
  'find.searching': 'Ricerca dell’avviso in corso…',
  'find.warningConfirm': 'Se hai controllato e il codice è giusto, premi di nuovo «Cerca avviso».',
  'find.alreadyInCart': 'Questo avviso è già nell’elenco da pagare.',
  'find.notAdded': 'Avviso {notice}: {reason}',
  'summary.heading': 'Cosa stai per pagare',
  'summary.payee': 'Ente creditore',
  'summary.description': 'Causale',
  'summary.amount': 'Importo',
  'summary.dueDate': 'Scadenza',
  'summary.noticeCode': 'Codice avviso',
  'summary.total': 'Totale da pagare',
  'summary.remove': 'Togli dall’elenco',
  'summary.removeLabel': 'Togli dall’elenco: {description}',
  'summary.addAnother': 'Aggiungi un altro avviso',
  'summary.cartFull': 'Puoi pagare al massimo 5 avvisi insieme.',
  'summary.pay': 'Paga con pagoPA',
  'summary.paying': 'Preparazione del pagamento…',
  'summary.redirecting': 'Ti stiamo portando su pagoPA per pagare…',
  'checkout.heading': 'Pagamento di prova',
  'checkout.intro': 'Questa è una prova: nessun pagamento è reale. Scegli come deve finire.',
  'checkout.paid': 'Paga',
  'checkout.cancelled': 'Annulla',
  'checkout.failed': 'Simula un errore',
  'outcome.paidHeading': 'Pagamento riuscito',
  'outcome.paidText': 'Grazie. Ecco la ricevuta: conservala.',
  'outcome.receiptNumber': 'Numero ricevuta',
  'outcome.paidAt': 'Data del pagamento',
  'outcome.amountPaid': 'Importo pagato',
  'outcome.download': 'Scarica la ricevuta (PDF)',
  'outcome.simulated': 'Pagamento di prova: non è stato addebitato nulla.',
  'outcome.cancelledHeading': 'Pagamento annullato',
  'outcome.cancelledText': 'Non hai pagato nulla. Puoi riprovare quando vuoi.',
  'outcome.failedHeading': 'Il pagamento non è riuscito',
  'outcome.failedText': 'Non ti è stato addebitato nulla. Riprova, anche con un altro metodo di pagamento.',
  'checking.heading': 'Controlliamo il pagamento',
  'checking.text': 'Un momento: stiamo chiedendo com’è andato il pagamento.',
  'checking.failed':
    'Non riusciamo a sapere adesso com’è andato il pagamento. Se hai pagato, non pagare di nuovo: controlla tra poco.',
  'checking.offline':
    'Non sei collegato a internet, quindi non sappiamo ancora com’è andato il pagamento. Se hai pagato, non pagare di nuovo: controlla quando torna la connessione.',
  'outcome.pendingHeading': 'Pagamento in corso',
  'outcome.pendingText':
    'pagoPA non ha ancora confermato il pagamento. Controlla di nuovo tra qualche minuto.',
  'outcome.check': 'Controlla di nuovo',
  'outcome.continue': 'Continua il pagamento su pagoPA',
  'outcome.retry': 'Riprova a pagare',
  'outcome.newPayment': 'Paga un altro avviso',
  'outcome.unknownPayment':
    'Non troviamo questo pagamento. Se hai pagato, la ricevuta è nell’email o nell’app che hai usato per pagare; altrimenti cerca qui l’avviso da pagare.',
  'problem.payment-unknown':
    'Non troviamo questo avviso. Controlla il codice avviso e il codice dell’ente: l’avviso potrebbe anche essere già stato pagato.',
  'problem.payment-duplicated': 'Questo avviso risulta già pagato: non devi pagarlo di nuovo.',
  'problem.payment-ongoing': ({ minutes }: { minutes: number }) =>
    `C’è già un pagamento in corso per questo avviso. Riprova tra ${minutes === 1 ? 'un minuto' : `${minutes} minuti`}.`,
  'problem.payment-expired': 'Questo avviso è scaduto. Contatta l’ufficio che te lo ha inviato.',
  'problem.payment-canceled': 'L’ente ha annullato questo avviso. Contatta l’ufficio che te lo ha inviato.',
  'problem.payment-unavailable': 'pagoPA non può ricevere pagamenti in questo momento. Riprova più tardi.',
  'problem.creditor-unreachable': 'Il sistema dell’ente non risponde. Riprova più tardi.',
  'problem.creditor-timeout': 'Il sistema dell’ente non ha risposto in tempo. Riprova tra qualche minuto.',
  'problem.tooManyNotices':
    'Qui non puoi pagare tutti questi avvisi insieme. Togline qualcuno dal riepilogo e paga gli altri dopo.',
  'step.announce': 'Passo: {title}',
  'kiosk.pay': 'Paga con il telefono',
  'kiosk.heading': 'Paga con il tuo telefono',
  'kiosk.intro':
    'Inquadra il codice con l’app della tua banca o con l’app IO: pagherai dal telefono, senza scrivere i tuoi dati qui.',
  'kiosk.noticeQrLabel':
    'Codice QR pagoPA dell’avviso «{description}», da inquadrare con l’app della banca o l’app IO',
  'kiosk.noticeQrCaption': '{description}: {amount}',
  'kiosk.continueHeading': 'Oppure continua sul telefono',
  'kiosk.continueText': 'Questo codice apre questa pagina sul tuo telefono, con l’avviso già inserito.',
  'kiosk.continueLabel': 'Codice QR per aprire questa pagina sul telefono con l’avviso già inserito',
  'kiosk.done': 'Ho finito',
  'scan.open': 'Inquadra l’avviso con la fotocamera',
  'scan.heading': 'Inquadra il codice dell’avviso',
  'scan.instructions':
    'Tieni l’avviso fermo davanti alla fotocamera, con il codice QR (o il codice a barre quadrato) al centro.',
  'scan.instructionsQrOnly':
    'Tieni l’avviso fermo davanti alla fotocamera, con il codice QR al centro. Questo browser non legge il codice a barre quadrato degli avvisi postali: se l’avviso ha solo quello, scrivi i codici a mano.',
  'scan.cancel': 'Annulla, scrivo i codici a mano',
  'scan.unavailable': 'Non riusciamo a usare la fotocamera. Scrivi i due codici a mano.',
  'scan.notNotice':
    'Questo codice non è quello di un avviso pagoPA. Prova con il codice QR stampato sull’avviso.',
};

/** The words in Italian, the source language: what every translation has, key by key. */
export type PaymentMessages = typeof it;

export const paymentMessages = defineCatalogue({
  it,
  en: () => import('./messages.en.js').then((module) => module.en),
});
export type PaymentMessageKey = keyof typeof it;
