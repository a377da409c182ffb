import { defineCatalogue } from '@sportello/core';

// Words for the municipality's staff, not for citizens; still plain, and each error names the field.
const it = {
  close: 'Chiudi',
  back: 'Indietro',
  'pin.label': 'PIN',
  'pin.digits': 'Tastierino del PIN',
  'pin.delete': 'Cancella l’ultima cifra',
  'pin.clear': 'Cancella tutto',
  'pin.hint': 'Da 4 a 8 cifre.',
  'unlock.heading': 'Area riservata al personale',
  'unlock.intro': 'Scrivi il PIN di amministrazione del totem.',
  'unlock.submit': 'Entra',
  'unlock.checking': 'Controllo del PIN…',
  'unlock.wrong': ({ left }: { left: number }) =>
    left === 1
      ? 'Il PIN non è giusto. Resta un solo tentativo, poi il PIN si blocca per 5 minuti.'
      : `Il PIN non è giusto. Restano ${left} tentativi prima che il PIN si blocchi.`,
  'unlock.empty': 'Scrivi il PIN.',
  'locked.heading': 'PIN bloccato',
  'locked.text':
    'Sono stati scritti troppi PIN sbagliati di seguito. Per sicurezza il PIN è bloccato: riprova {when}.',
  'locked.retry': 'Riprova',
  'choose.heading': 'Scegli il PIN di amministrazione',
  'choose.headingChange': 'Scegli il nuovo PIN',
  'choose.intro':
    'Il PIN protegge le impostazioni del totem. Scegli da 4 a 8 cifre, non facili da indovinare, e conservalo in un posto sicuro.',
  'choose.submit': 'Continua',
  'choose.format': 'Il PIN deve avere da 4 a 8 cifre.',
  'choose.guessable':
    'Questo PIN è troppo facile da indovinare (cifre tutte uguali o in fila): scegline un altro.',
  'confirm.heading': 'Scrivi di nuovo il PIN',
  'confirm.intro': 'Per essere sicuri che sia quello che volevi.',
  'confirm.submit': 'Salva il PIN',
  'confirm.saving': 'Salvataggio del PIN…',
  'confirm.mismatch': 'I due PIN non sono uguali. Scegli di nuovo il PIN.',
  'confirm.saved': 'PIN salvato.',
  'area.heading': 'Impostazioni del totem',
  'area.changePin': 'Cambia il PIN',
  'settings.name': 'Nome del totem',
  'settings.nameHint': 'Ad esempio: Biblioteca civica, ingresso.',
  'settings.location': 'Dove si trova',
  'settings.locationHint': 'L’indirizzo o il luogo, come lo vedrà chi continua sul telefono.',
  'settings.key': 'Chiave del totem',
  'settings.keyNew': 'Nuova chiave del totem',
  'settings.keyHint':
    'La chiave data dal Comune per questo totem. Resta segreta: dopo il salvataggio non si vede più.',
  'settings.keyKeep': 'Lascia vuoto per tenere la chiave di ora.',
  'settings.keySet': 'Chiave salvata: sì.',
  'settings.keyNotSet': 'Chiave salvata: no. Senza chiave il totem non manda il segnale di funzionamento.',
  'settings.keyRemove': 'Togli la chiave salvata',
  'settings.idle': 'Tempo di inattività (secondi)',
  'settings.idleHint':
    'Dopo quanti secondi senza tocchi il totem avvisa e poi cancella la sessione. Da 30 a 600.',
  'settings.language': 'Lingua iniziale',
  'settings.printer': 'C’è una stampante collegata',
  'settings.keyboard': 'C’è una tastiera fisica collegata (la tastiera sullo schermo non compare)',
  'settings.save': 'Salva le impostazioni',
  'settings.saving': 'Salvataggio…',
  'settings.saved': 'Impostazioni salvate.',
  'settings.notSaved': 'Non è stato possibile salvare le impostazioni. Riprova.',
  'settings.check': 'Le impostazioni non sono state salvate. Controlla: {fields}.',
  'error.nameMissing': 'Scrivi il nome del totem.',
  'error.nameLong': 'Il nome del totem può avere al massimo {max} caratteri.',
  'error.locationMissing': 'Scrivi dove si trova il totem.',
  'error.locationLong': 'Il luogo del totem può avere al massimo {max} caratteri.',
  'error.keyForm':
    'La chiave del totem può avere solo lettere senza accenti, cifre, trattini (-) e trattini bassi (_), senza spazi, da {min} a {max} caratteri.',
  'error.idle': 'Il tempo di inattività deve essere un numero intero di secondi da {min} a {max}.',
  'health.heading': 'Stato del totem',
  'health.refresh': 'Aggiorna lo stato',
  'health.version': 'Versione dell’app',
  'health.serviceWorker': 'Funzionamento senza rete (service worker)',
  'sw.none': 'non installato',
  'sw.installing': 'in installazione',
  'sw.waiting': 'nuova versione pronta, in attesa',
  'sw.active': 'attivo',
  'sw.unavailable': 'non disponibile',
  'health.contact': 'Ultimo contatto con il server del Comune',
  'health.never': 'mai',
  'health.lastTry': 'Ultimo segnale',
  'health.noTry': 'non ancora mandato',
  'health.offline': '{when}: nessuna risposta (rete assente?)',
  'health.ok': '{when}: ricevuto',
  'health.refused': '{when}: chiave rifiutata (risposta {status}): controlla la chiave del totem',
  'health.failed': '{when}: errore del server (risposta {status})',
  'health.storage': 'Spazio occupato sul dispositivo',
  'health.unknown': 'non disponibile',
  'health.wipes': 'Ultimi controlli di cancellazione dei dati',
  'health.wipesNone': 'Nessuna sessione è ancora finita su questo totem.',
  'health.wipePassed': '{when}: superato, non è rimasto nulla',
  'health.wipeFailed': '{when}: NON superato, è rimasto: {left}',
};

export type AdminMessages = typeof it;
export type AdminMessageKey = keyof AdminMessages;

/** The admin area's words; English loads the first time the area is shown in English. */
export const adminMessages = defineCatalogue({
  it,
  en: () => import('./messages.en.js').then((module) => module.en),
});
