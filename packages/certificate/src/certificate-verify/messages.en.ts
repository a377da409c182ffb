import type { Translation } from '@sportello/core';
import type { VerifyMessages } from './messages.js';

// Loaded the first time an element speaks English (see defineCatalogue in core).
export const en: Translation<VerifyMessages> = {
  'check.heading': 'Check a certificate',
  'check.intro':
    'Find out whether a registry certificate is genuine: type its identifier or scan the QR code printed on it. It is free and needs no sign-in.',
  'check.field': 'Certificate identifier',
  'check.hint':
    '16 letters and digits, printed on the certificate (for example 7K3M-Q9TX-2B4D-HV8R). You can also paste the text of the QR code here.',
  'check.submit': 'Check',
  'check.checking': 'Checking…',
  'check.missing': 'Type the certificate’s identifier.',
  'check.invalid':
    'This is not a certificate identifier: it has 16 letters and digits. Check that you typed all of it.',
  'check.offline':
    'Checking by identifier needs the internet. Without a connection, scan the certificate’s QR code: it can be checked offline.',
  'scan.open': 'Scan the QR code with the camera',
  'scan.photo': 'Choose a photo of the QR code',
  'scan.heading': 'Scan the certificate’s QR code',
  'scan.instructions': 'Hold the certificate still, in good light, with the QR code in the middle.',
  'scan.cancel': 'Cancel, I will type the identifier',
  'scan.unavailable': 'The camera cannot be used. Choose a photo of the QR code, or type the identifier.',
  'scan.noCode':
    'There is no QR code we can read in this photo. Try a sharper photo, from closer, or type the identifier.',
  'result.genuine': 'The certificate is genuine',
  'result.genuineText':
    'The municipality issued it and it has not been changed. Check that the details below are the ones printed on the certificate.',
  'result.sealOnly':
    'Checked with the seal in the QR code, without asking the municipality: whether the certificate was withdrawn after it was issued can only be known online.',
  'result.expired': 'The certificate is genuine, but it has expired',
  'result.expiredText':
    'The municipality issued it and it has not been changed, but it was valid only until {date}.',
  'result.revoked': 'The certificate has been withdrawn',
  'result.revokedText':
    'The municipality issued it, then withdrew it: it is no longer valid. Whoever needs it must ask for a new one.',
  'result.altered': 'The certificate has been changed',
  'result.alteredText':
    'This certificate has been changed after it was issued: the details in its QR code are not the ones the municipality sealed. It is not valid.',
  'result.unknown-key': 'The certificate is not this municipality’s',
  'result.unknown-keyText':
    'The QR code is sealed with a key this municipality does not use: the certificate comes from another municipality, or it is forged. If it is another municipality’s, check it on their website.',
  'result.malformed': 'This is not a certificate’s QR code',
  'result.malformedText':
    'The code read is not a registry certificate’s. Scan the QR code printed on the certificate, in its “Verifica” part, or type its identifier.',
  'result.unknown': 'No certificate has this identifier',
  'result.unknownText':
    'The municipality has issued no certificate with the identifier {id}. Check that you typed it as printed: if it is right, the certificate is not genuine.',
  'result.no-keys': 'The internet is needed, once',
  'result.no-keysText':
    'To check a QR code without the internet, this page must first download the municipality’s public keys, and it has not been able to yet. Connect to the internet and try again: from then on, checking works offline on this device too.',
  'result.another': 'Check another certificate',
  'face.heading': 'What the certificate says',
  'face.kind': 'Certificate',
  'face.subject': 'Initials of the person',
  'face.issuedOn': 'Issued on',
  'face.validity': 'Validity',
  'face.validUntil': 'Until {date}',
  'face.issuer': 'Issued by',
  'face.issuerCode': 'Municipality with fiscal code {code}',
  'face.id': 'Identifier',
};
