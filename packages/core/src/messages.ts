import { defineCatalogue, type Translation } from './i18n/catalogue.js';

const it = {
  'qr.label': 'Codice QR',
  'qr.tooLong': 'Non è possibile disegnare il codice QR: il testo è troppo lungo.',
  'qr.unavailable': 'Il codice QR non si può mostrare ora: controlla la connessione e riprova.',
};

const en: Translation<typeof it> = {
  'qr.label': 'QR code',
  'qr.tooLong': 'The QR code cannot be drawn: the text is too long.',
  'qr.unavailable': 'The QR code cannot be shown right now: check the connection and try again.',
};

/**
 * Messages of core's shared elements (`<sportello-qr>`). The validators' problems have theirs in
 * `validationMessages` (`@sportello/core/validators`), which only the widgets that validate load.
 */
export const coreMessages = defineCatalogue({ it, en });
