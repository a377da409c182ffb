import { defineCatalogue } from '@sportello/core';

// The keyboard's words: its name as a region of the page, and each key that is not a letter or a
// digit. Punctuation is named by its word, as a screen reader or the kiosk's read-aloud says it.
const it = {
  region: 'Tastiera sullo schermo',
  'key.backspace': 'Cancella',
  'key.shift': 'Maiuscole',
  'key.space': 'Spazio',
  'key.enter': 'Invio',
  'key.hide': 'Nascondi la tastiera',
  'key.letters': 'Lettere',
  'key.numbers': 'Numeri',
  'symbol.apostrophe': 'Apostrofo',
  'symbol.comma': 'Virgola',
  'symbol.period': 'Punto',
  'symbol.hyphen': 'Trattino',
  'symbol.underscore': 'Trattino basso',
  'symbol.at': 'Chiocciola',
  'symbol.slash': 'Barra',
  'symbol.plus': 'Più',
};

/** The words in Italian, the source language: what every translation has, key by key. */
export type KeyboardMessages = typeof it;

export const keyboardMessages = defineCatalogue({
  it,
  en: () => import('./messages.en.js').then((module) => module.en),
});
