import type { Translation } from '@sportello/core';
import type { CertificateMessages } from './messages.js';

// Loaded the first time an element speaks English (see defineCatalogue in core).
export const en: Translation<CertificateMessages> = {
  'step.next': 'Next',
  loading: 'Loading…',
  'signIn.heading': 'Sign in to ask for a certificate',
  'signIn.why':
    'Certificates hold personal data: to give them to you, the municipality needs to know who you are. Sign in with SPID or CIE.',
  'signIn.expired': 'Your session has ended. Sign in again with SPID or CIE: the answers you gave stay here.',
  'signIn.button': 'Sign in with SPID or CIE',
  'signIn.kiosk':
    'To protect your identity, you cannot sign in with SPID or CIE at this kiosk. Scan the code with your phone: sign in there and ask for the certificate.',
  'signIn.qrLabel': 'QR code to open the certificates page on your phone',
  'use.heading': 'What do you need it for?',
  'use.missing': 'Choose what you need it for.',
  'use.exemption': 'For which use exempt from the stamp?',
  'use.exemptionMissing': 'Choose the use exempt from the stamp.',
  'use.reason': 'Reason for the exemption',
  'use.reasonHint':
    'Write the reason and the law that grants the exemption, in no more than {max} characters.',
};
