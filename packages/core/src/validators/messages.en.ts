import type { Translation } from '../i18n/catalogue.js';
import type { ValidationMessages } from './messages.js';

// Loaded the first time an element speaks English (see defineCatalogue in core).
export const en: Translation<ValidationMessages> = {
  'validation.codiceFiscale.required': 'Enter the tax code (codice fiscale).',
  'validation.codiceFiscale.length': 'The tax code has 16 characters: you typed {count}.',
  'validation.codiceFiscale.letter':
    'Character {position} of the tax code must be a letter, not “{character}”.',
  'validation.codiceFiscale.digit':
    'Character {position} of the tax code must be a number, not “{character}”.',
  'validation.codiceFiscale.month':
    'The letter for the month of birth (“{character}”, character 9) is not valid.',
  'validation.codiceFiscale.day': 'The day of birth in the tax code ({day}) does not exist.',
  'validation.codiceFiscale.checkCharacter':
    'The last letter of the tax code does not match the others: check that you typed it correctly.',
  'validation.creditorCode.required': 'Enter the creditor’s fiscal code.',
  'validation.creditorCode.digitsOnly': 'The creditor’s fiscal code contains numbers only.',
  'validation.creditorCode.length': 'The creditor’s fiscal code has 11 digits: you typed {count}.',
  'validation.creditorCode.checkDigit':
    'The last digit of the creditor’s fiscal code does not match the others: check it on the notice.',
  'validation.noticeNumber.required': 'Enter the notice code.',
  'validation.noticeNumber.digitsOnly': 'The notice code contains numbers only (spaces are fine).',
  'validation.noticeNumber.length': 'The notice code has 18 digits: you typed {count}.',
  'validation.noticeNumber.auxDigit': 'The notice code starts with 0, 1, 2 or 3, not with {digit}.',
  'validation.noticeNumber.checkDigits':
    'The last two digits of the notice code do not match the others: check it on the notice.',
  'validation.noticeQr.required': 'The QR code is empty.',
  'validation.noticeQr.format': 'This QR code is not from a pagoPA payment notice.',
  'validation.noticeQr.version': 'This pagoPA QR code is of an unsupported version ({version}).',
  'validation.noticeQr.amount': 'The amount in the QR code is missing or not valid.',
  'validation.postalDataMatrix.required': 'The barcode is empty.',
  'validation.postalDataMatrix.format': 'This barcode is not from a pagoPA postal payment slip.',
  'validation.postalDataMatrix.incomplete':
    'Only part of the barcode could be read: scan it again, held still and well lit.',
  'validation.postalDataMatrix.amount': 'The amount in the payment slip’s barcode is missing or not valid.',
  'validation.personName.required': 'Write it as on your identity document.',
  'validation.personName.length': 'At most {max} characters: you typed {count}.',
  'validation.personName.invisible':
    'There is an invisible character, perhaps from copying and pasting: delete it all and type it again.',
  'validation.personName.address': 'No web or email addresses: write only your name.',
  'validation.personName.digit': 'No numbers: write letters only, as on your identity document.',
  'validation.personName.character':
    '“{character}” does not belong in a name: use letters, spaces, apostrophes and hyphens.',
  'validation.personName.dot': 'A dot goes only after an initial, as in “J. R.”.',
  'validation.personName.letter': 'Write some letters, as on your identity document.',
};
