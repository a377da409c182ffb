import { defineCatalogue } from '../i18n/catalogue.js';
import type { ValidationMessageKey } from './result.js';

// Plain words for citizens who may be new to computers: say what is wrong and what to do.
const it = {
  'validation.codiceFiscale.required': 'Scrivi il codice fiscale.',
  'validation.codiceFiscale.length': 'Il codice fiscale ha 16 caratteri: ne hai scritti {count}.',
  'validation.codiceFiscale.letter':
    'Al posto {position} del codice fiscale ci va una lettera, non «{character}».',
  'validation.codiceFiscale.digit':
    'Al posto {position} del codice fiscale ci va un numero, non «{character}».',
  'validation.codiceFiscale.month':
    'La lettera del mese di nascita («{character}», al posto 9) non è valida.',
  'validation.codiceFiscale.day': 'Il giorno di nascita nel codice fiscale ({day}) non esiste.',
  'validation.codiceFiscale.checkCharacter':
    'L’ultima lettera del codice fiscale non corrisponde alle altre: controlla di averlo scritto bene.',
  'validation.creditorCode.required': 'Scrivi il codice fiscale dell’ente creditore.',
  'validation.creditorCode.digitsOnly': 'Il codice fiscale dell’ente creditore contiene solo numeri.',
  'validation.creditorCode.length':
    'Il codice fiscale dell’ente creditore ha 11 cifre: ne hai scritte {count}.',
  'validation.creditorCode.checkDigit':
    'L’ultima cifra del codice fiscale dell’ente non torna con le altre: controllalo sull’avviso.',
  'validation.noticeNumber.required': 'Scrivi il codice avviso.',
  'validation.noticeNumber.digitsOnly': 'Il codice avviso contiene solo numeri (gli spazi vanno bene).',
  'validation.noticeNumber.length': 'Il codice avviso ha 18 cifre: ne hai scritte {count}.',
  'validation.noticeNumber.auxDigit': 'Il codice avviso inizia con 0, 1, 2 o 3, non con {digit}.',
  'validation.noticeNumber.checkDigits':
    'Le ultime due cifre del codice avviso non tornano con le altre: controllalo sull’avviso.',
  'validation.noticeQr.required': 'Il codice QR è vuoto.',
  'validation.noticeQr.format': 'Questo codice QR non è quello di un avviso pagoPA.',
  'validation.noticeQr.version': 'Questo codice QR pagoPA è di una versione non supportata ({version}).',
  'validation.noticeQr.amount': 'Nel codice QR manca l’importo o non è valido.',
  'validation.postalDataMatrix.required': 'Il codice a barre è vuoto.',
  'validation.postalDataMatrix.format': 'Questo codice a barre non è quello di un bollettino postale pagoPA.',
  'validation.postalDataMatrix.incomplete':
    'Il codice a barre è stato letto solo in parte: inquadralo di nuovo, fermo e ben illuminato.',
  'validation.postalDataMatrix.amount': 'Nel codice a barre del bollettino manca l’importo o non è valido.',
  'validation.personName.required': 'Scrivilo come sul documento d’identità.',
  'validation.personName.length': 'Al massimo {max} caratteri: ne hai scritti {count}.',
  'validation.personName.invisible':
    'C’è un carattere invisibile, forse arrivato copiando e incollando: cancella tutto e riscrivi a mano.',
  'validation.personName.address': 'Niente indirizzi web o email: scrivi solo come ti chiami.',
  'validation.personName.digit': 'Niente numeri: scrivi solo lettere, come sul documento d’identità.',
  'validation.personName.character':
    '«{character}» non va in un nome: usa lettere, spazi, apostrofi e trattini.',
  'validation.personName.dot': 'Il punto va solo dopo un’iniziale, come in «J. R.».',
  'validation.personName.letter': 'Scrivi delle lettere, come sul documento d’identità.',
} satisfies Record<ValidationMessageKey, string>;

/** The words in Italian, the source language: what every translation has, key by key. */
export type ValidationMessages = typeof it;

/** What the validators' problems say, keyed by their `messageKey`. */
export const validationMessages = defineCatalogue({
  it,
  en: () => import('./messages.en.js').then((module) => module.en),
});
