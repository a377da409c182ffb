import { defineCatalogue, type Translation } from '@sportello/core';

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

const en: Translation<typeof it> = {
  'find.heading': 'Find the notice to pay',
  'find.intro':
    'On the payment notice, the notice code is printed next to the QR code; the creditor fiscal code is at the top, in the part about the creditor.',
  'find.notice': 'Notice code',
  'find.noticeHint': '18 digits. You can type them with spaces, as printed.',
  'find.creditor': 'Creditor fiscal code',
  'find.creditorHint': '11 digits: the code of the body asking you to pay.',
  'find.submit': 'Find notice',
  'find.searching': 'Looking for the notice…',
  'find.warningConfirm': 'If you have checked and the code is right, press “Find notice” again.',
  'find.alreadyInCart': 'This notice is already in the list to pay.',
  'find.notAdded': 'Notice {notice}: {reason}',
  'summary.heading': 'What you are about to pay',
  'summary.payee': 'Payee',
  'summary.description': 'Reason',
  'summary.amount': 'Amount',
  'summary.dueDate': 'Due date',
  'summary.noticeCode': 'Notice code',
  'summary.total': 'Total to pay',
  'summary.remove': 'Remove from the list',
  'summary.removeLabel': 'Remove from the list: {description}',
  'summary.addAnother': 'Add another notice',
  'summary.cartFull': 'You can pay at most 5 notices together.',
  'summary.pay': 'Pay with pagoPA',
  'summary.paying': 'Preparing the payment…',
  'summary.redirecting': 'Taking you to pagoPA to pay…',
  'checkout.heading': 'Practice payment',
  'checkout.intro': 'This is practice: no payment is real. Choose how it should end.',
  'checkout.paid': 'Pay',
  'checkout.cancelled': 'Cancel',
  'checkout.failed': 'Simulate an error',
  'outcome.paidHeading': 'Payment successful',
  'outcome.paidText': 'Thank you. Here is your receipt: keep it.',
  'outcome.receiptNumber': 'Receipt number',
  'outcome.paidAt': 'Date of payment',
  'outcome.amountPaid': 'Amount paid',
  'outcome.download': 'Download the receipt (PDF)',
  'outcome.simulated': 'Practice payment: no money was taken.',
  'outcome.cancelledHeading': 'Payment cancelled',
  'outcome.cancelledText': 'You have not paid anything. You can try again whenever you like.',
  'outcome.failedHeading': 'The payment did not go through',
  'outcome.failedText': 'No money was taken. Try again, perhaps with another payment method.',
  'checking.heading': 'Checking your payment',
  'checking.text': 'One moment: we are asking how the payment went.',
  'checking.failed':
    'We cannot find out right now how the payment went. If you paid, do not pay again: check again shortly.',
  'checking.offline':
    'You are not connected to the internet, so we do not know yet how the payment went. If you paid, do not pay again: check again when the connection is back.',
  'outcome.pendingHeading': 'Payment in progress',
  'outcome.pendingText': 'pagoPA has not confirmed the payment yet. Check again in a few minutes.',
  'outcome.check': 'Check again',
  'outcome.continue': 'Continue paying on pagoPA',
  'outcome.retry': 'Try paying again',
  'outcome.newPayment': 'Pay another notice',
  'outcome.unknownPayment':
    'We cannot find this payment. If you paid, the receipt is in the email or the app you paid with; otherwise find the notice to pay here.',
  'problem.payment-unknown':
    'We cannot find this notice. Check the notice code and the creditor’s code: the notice may also have been paid already.',
  'problem.payment-duplicated': 'This notice has already been paid: you do not need to pay it again.',
  'problem.payment-ongoing': ({ minutes }: { minutes: number }) =>
    `A payment of this notice is already in progress. Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
  'problem.payment-expired': 'This notice has expired. Contact the office that sent it to you.',
  'problem.payment-canceled':
    'The creditor has cancelled this notice. Contact the office that sent it to you.',
  'problem.payment-unavailable': 'pagoPA cannot take payments right now. Try again later.',
  'problem.creditor-unreachable': 'The creditor’s system is not answering. Try again later.',
  'problem.creditor-timeout': 'The creditor’s system did not answer in time. Try again in a few minutes.',
  'problem.tooManyNotices':
    'You cannot pay all these notices together here. Take some out of the summary and pay the others afterwards.',
  'step.announce': 'Step: {title}',
  'kiosk.pay': 'Pay with your phone',
  'kiosk.heading': 'Pay with your phone',
  'kiosk.intro':
    'Scan the code with your bank’s app or the IO app: you pay on your phone, without typing your details here.',
  'kiosk.noticeQrLabel':
    'pagoPA QR code of the notice “{description}”, to scan with your bank’s app or the IO app',
  'kiosk.noticeQrCaption': '{description}: {amount}',
  'kiosk.continueHeading': 'Or continue on your phone',
  'kiosk.continueText': 'This code opens this page on your phone, with the notice already filled in.',
  'kiosk.continueLabel': 'QR code to open this page on your phone with the notice filled in',
  'kiosk.done': 'I have finished',
  'scan.open': 'Scan the notice with the camera',
  'scan.heading': 'Scan the notice’s code',
  'scan.instructions':
    'Hold the notice still in front of the camera, with the QR code (or the square barcode) in the middle.',
  'scan.instructionsQrOnly':
    'Hold the notice still in front of the camera, with the QR code in the middle. This browser cannot read the square barcode of postal notices: if your notice has only that, type the codes instead.',
  'scan.cancel': 'Cancel, I will type the codes',
  'scan.unavailable': 'We cannot use the camera. Type the two codes instead.',
  'scan.notNotice': 'This code is not from a pagoPA notice. Try the QR code printed on the notice.',
};

export const paymentMessages = defineCatalogue({ it, en });
export type PaymentMessageKey = keyof typeof it;
