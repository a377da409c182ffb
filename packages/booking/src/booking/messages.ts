import { defineCatalogue } from '@sportello/core';

// Plain words and one next step each, following the national "Modello Comuni" booking flow.
const it = {
  'step.announce': 'Passo {number} di {count}: {title}',
  'step.back': 'Indietro',
  'step.next': 'Avanti',
  loading: 'Caricamento in corso…',
  'service.heading': 'Per quale servizio vuoi l’appuntamento?',
  'service.reload': 'Riprova a caricare i servizi',
  'service.missing': 'Scegli un servizio.',
  'office.heading': 'In quale ufficio vuoi andare?',
  'office.missing': 'Scegli un ufficio.',
  'when.heading': 'Scegli il giorno e l’ora',
  'when.intro': 'I giorni con posti liberi sono evidenziati. Dopo aver scelto il giorno, scegli l’ora.',
  'when.times': 'Orari liberi di {date}',
  'when.noTimes': 'In questo giorno non ci sono più orari liberi. Scegli un altro giorno.',
  'when.places': ({ count }: { count: number }) => (count === 1 ? '1 posto libero' : `${count} posti liberi`),
  'when.held': 'tenuto per te',
  'when.continue': 'Continua con l’orario tenuto',
  'when.nothingFree':
    'Nei prossimi {days} giorni non ci sono posti liberi in questo ufficio. Puoi chiamare o scrivere all’ufficio:',
  'when.skipped': 'A {month} non ci sono posti liberi: ti mostriamo {next}, il primo mese con posti.',
  'hold.kept': 'Teniamo per te le {time} di {date} per {minutes} minuti, mentre completi la prenotazione.',
  'hold.left': 'Tempo rimasto: {time}',
  'hold.warning':
    'Manca un minuto: completa la prenotazione, o l’orario tornerà libero. Se ti serve più tempo, chiedilo qui sotto.',
  'hold.extend': 'Tienimi l’orario per altri {minutes} minuti',
  'hold.extended': 'Fatto: l’orario resta tuo per altri {minutes} minuti.',
  'hold.notExtended':
    'Non possiamo tenere l’orario più a lungo: completa la prenotazione nel tempo che resta.',
  'hold.expired':
    'Il tempo per completare la prenotazione è finito e l’orario che avevi scelto è tornato libero. Scegli di nuovo l’ora: ecco i primi orari liberi.',
  'hold.taken': 'Questo orario è appena stato preso da qualcun altro. Scegli un altro orario.',
  'hold.tooMany':
    'Stai già tenendo due orari, forse in un’altra pagina: prenota uno dei due, o aspetta qualche minuto e riprova.',
  'phone.offerText':
    'Preferisci scrivere i tuoi dati sul tuo telefono? Puoi continuare lì, con lo stesso orario.',
  'phone.offer': 'Continua sul telefono',
  'phone.preparing': 'Preparazione del codice…',
  'phone.unavailable':
    'Questo totem ora non riesce a passare la prenotazione al telefono. Puoi completarla qui.',
  'phone.heading': 'Continua sul tuo telefono',
  'phone.scan':
    'Inquadra questo codice con la fotocamera del telefono. Si apre la prenotazione con l’orario che hai scelto: lì scrivi i tuoi dati e confermi.',
  'phone.held': 'L’orario tenuto per te: {when}.',
  'phone.expires':
    'Il codice vale una volta sola, fino alle {time}. Se non confermi entro allora, l’orario torna libero per altri.',
  'phone.private':
    'Il codice non contiene i tuoi dati. I dati che hai scritto qui si cancellano quando finisci.',
  'phone.qrLabel': 'Codice QR per continuare la prenotazione sul telefono',
  'phone.here': 'Continua qui sul totem',
  'phone.done': 'Ho finito',
  'claim.heading': 'Continua la prenotazione iniziata al totem',
  'claim.busy': 'Stiamo prendendo l’orario tenuto al totem…',
  'claim.from': 'Orario preso al totem «{name}», {location}',
  'claim.notHere': 'Non sei davanti a questo totem? Non continuare.',
  'claim.used':
    'Questo codice è già stato usato, o non è giusto. Se lo hai già inquadrato, continua nella pagina che si è aperta la prima volta. Altrimenti scegli di nuovo il giorno e l’ora.',
  'claim.gone':
    'L’orario scelto al totem non è più tenuto per te: il tempo è finito, o l’orario è stato liberato. Scegli un altro orario.',
  'claim.tooMany':
    'Su questo telefono stai già tenendo due orari: prenota uno dei due, o aspetta qualche minuto e riprova.',
  'claim.retry': 'Riprova',
  'claim.instead': 'Scegli un altro orario',
  'details.heading': 'Perché prendi l’appuntamento?',
  'details.reason': 'Motivo',
  'details.notes': 'Vuoi aggiungere qualcosa? (facoltativo)',
  'details.notesHint': 'Al massimo 500 caratteri. Non scrivere dati sulla salute.',
  'details.reasonMissing': 'Scegli il motivo dell’appuntamento.',
  'applicant.heading': 'I tuoi dati',
  'applicant.intro': 'Ti mandiamo la conferma all’indirizzo email. L’identità si controlla allo sportello.',
  'applicant.givenName': 'Nome',
  'applicant.familyName': 'Cognome',
  'applicant.email': 'Email',
  'applicant.phone': 'Telefono (facoltativo)',
  'applicant.fiscalCode': 'Codice fiscale (facoltativo)',
  'applicant.givenNameMissing': 'Scrivi il nome.',
  'applicant.familyNameMissing': 'Scrivi il cognome.',
  'applicant.emailMissing': 'Scrivi l’indirizzo email.',
  'applicant.emailInvalid': 'L’email non sembra giusta: controlla che abbia la forma nome@esempio.it.',
  'applicant.phoneInvalid': 'Il telefono può contenere solo cifre, spazi e il + iniziale (da 6 a 19 cifre).',
  'applicant.prefilled': 'Abbiamo inserito i dati del tuo profilo: controllali.',
  'review.heading': 'Controlla e conferma',
  'review.service': 'Servizio',
  'review.office': 'Ufficio',
  'review.when': 'Giorno e ora',
  'review.reason': 'Motivo',
  'review.notes': 'Note',
  'review.applicant': 'Richiedente',
  'review.change': 'Modifica',
  'review.confirm': 'Conferma l’appuntamento',
  'review.confirming': 'Conferma in corso…',
  'confirmation.heading': 'Appuntamento confermato',
  'confirmation.sent': 'Ti abbiamo mandato un riepilogo all’indirizzo {email}.',
  'confirmation.reference': 'Codice della prenotazione',
  'confirmation.code': 'Codice per modificare o annullare',
  'confirmation.codeHint': 'Conservalo: serve per annullare o spostare l’appuntamento, senza account.',
  'confirmation.where': 'Dove',
  'confirmation.bring': 'Cosa portare',
  'confirmation.calendar': 'Aggiungi al calendario (.ics)',
  'confirmation.qr': 'Inquadra per gestire l’appuntamento dal telefono',
  'confirmation.manageLink': 'Apri la pagina per gestire l’appuntamento',
  'confirmation.another': 'Prenota un altro appuntamento',
  'manage.heading': 'Gestisci un appuntamento',
  'manage.intro':
    'Scrivi il codice della prenotazione e il codice per modificare o annullare, che hai ricevuto alla conferma.',
  'manage.reference': 'Codice della prenotazione',
  'manage.code': 'Codice per modificare o annullare',
  'manage.find': 'Cerca appuntamento',
  'manage.notFound':
    'Non troviamo un appuntamento con questi codici. Controlla di averli scritti come nella conferma.',
  'manage.tooMany': 'Troppi tentativi. Riprova fra {minutes} minuti.',
  'manage.referenceInvalid': 'Il codice della prenotazione ha la forma CIE-7K3M9Q.',
  'manage.codeInvalid': 'Il codice per modificare o annullare ha 16 caratteri, in quattro gruppi da quattro.',
  'appointment.heading': 'Il tuo appuntamento',
  'appointment.confirmed': 'Confermato',
  'appointment.cancelledState': 'Annullato',
  'appointment.past':
    'Questo appuntamento è già iniziato o passato: non si può più annullare né spostare. Se ti serve, prenotane uno nuovo.',
  'appointment.status': 'Stato',
  'appointment.for': 'Intestato a',
  'appointment.cancel': 'Annulla l’appuntamento',
  'appointment.cancelConfirm': 'Sì, annulla l’appuntamento',
  'appointment.cancelQuestion': 'Vuoi davvero annullare l’appuntamento? L’orario tornerà libero per altri.',
  'appointment.keep': 'No, tienilo',
  'appointment.done': 'Ho finito',
  'appointment.cancelled': 'Appuntamento annullato. L’orario è di nuovo libero per altri.',
  'appointment.reschedule': 'Sposta a un altro giorno o ora',
  'appointment.moved': 'Appuntamento spostato. Il vecchio orario è di nuovo libero.',
  'appointment.moveConfirm': 'Sposta l’appuntamento qui',
  'problem.notFound': 'Questo servizio non si può prenotare in questo ufficio.',
} as const;

/** The words in Italian, the source language: what every translation has, key by key. */
export type BookingMessages = typeof it;

export const bookingMessages = defineCatalogue({
  it,
  en: () => import('./messages.en.js').then((module) => module.en),
});
export type BookingMessageKey = keyof typeof it;
