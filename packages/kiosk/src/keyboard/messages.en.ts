import type { Translation } from '@sportello/core';
import type { KeyboardMessages } from './messages.js';

// Loaded the first time a keyboard speaks English (see defineCatalogue in core).
export const en: Translation<KeyboardMessages> = {
  region: 'On-screen keyboard',
  'key.backspace': 'Delete',
  'key.shift': 'Shift',
  'key.space': 'Space',
  'key.enter': 'Enter',
  'key.hide': 'Hide the keyboard',
  'key.letters': 'Letters',
  'key.numbers': 'Numbers',
  'symbol.apostrophe': 'Apostrophe',
  'symbol.comma': 'Comma',
  'symbol.period': 'Full stop',
  'symbol.hyphen': 'Hyphen',
  'symbol.underscore': 'Underscore',
  'symbol.at': 'At sign',
  'symbol.slash': 'Slash',
  'symbol.plus': 'Plus',
};
