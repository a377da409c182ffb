import type { Translation } from '@sportello/core';
import type { StepsMessages } from './steps-messages.js';

// Loaded the first time an element speaks English (see defineCatalogue in core).
export const en: Translation<StepsMessages> = {
  'step.next': 'Next',
  loading: 'Loading…',
  'step.back': 'Back',
  reload: 'Try again',
  'who.heading': 'Who is it for?',
  'who.intro': 'You can ask for yourself or for a person in your registry family.',
  'who.self': '{name} (you)',
  'who.missing': 'Choose who it is for.',
  'kind.heading': 'Which certificate do you need?',
  'kind.missing': 'Choose a certificate.',
  'kind.validity': 'How long is a certificate valid?',
  'kind.stampOffline':
    'The stamp cannot be paid online here: a certificate for a private party that needs it must be asked for at the registry office. Online you can still get birth and marriage certificates, certificates for an exempt use, and the self-declaration for a public office.',
  'facts.heading': 'What do you want to declare?',
  'facts.intro':
    'Each item takes the place of the certificate with that name. The self-declaration is filled in with the registry’s data.',
  'facts.missing': 'Choose at least one thing to declare.',
  'facts.make': 'Prepare the self-declaration',
  'review.heading': 'Check and confirm',
  'review.certificate': 'Certificate',
  'review.person': 'For',
  'review.use': 'Use',
  'review.reason': 'Reason',
  'review.stamp': 'Stamp duty',
  'review.stampDue': '{amount}, to pay with pagoPA',
  'review.stampExempt': 'Not due: {reference}',
  'review.stampNever': 'Not due for this certificate',
  'review.confirm': 'Ask for the certificate',
  'review.confirmAndPay': 'Ask for the certificate and pay the stamp',
  sending: 'One moment…',
  'stamp.heading': 'Pay the stamp duty',
  'stamp.intro':
    'The certificate costs {amount} of stamp duty, paid with pagoPA. As soon as the payment is confirmed, the certificate is ready here.',
  'stamp.checking': 'Checking the certificate request…',
  'stamp.check': 'I have paid: check',
  'stamp.notYet':
    'pagoPA has not confirmed the payment yet. If you paid, do not pay again: check again in a few minutes.',
  'done.heading': 'Your certificate is ready',
  'done.identifier': 'Identifier',
  'done.issuedOn': 'Issued on',
  'done.validUntil': 'Valid until',
  'done.noExpiry': 'Does not expire',
  'done.privateOnly': 'The certificate is for private parties: a public office cannot ask you for it.',
  'done.download': 'Download the certificate (PDF)',
  'done.qrLabel': 'QR code to download the document on your phone',
  'declaration.heading': 'Your self-declaration is ready',
  'declaration.intro':
    'It is free: download it, check it, sign it and hand it to the office, which must accept it in place of the certificate.',
  'declaration.warning':
    'Warning: making a false declaration is a criminal offence (DPR 445/2000, article 76).',
  'declaration.download': 'Download the self-declaration (PDF)',
  'link.once': 'The link works once only, until {time}.',
  'link.phone': 'Scan the code with your phone to download the document. It works once only, until {time}.',
  'link.used': 'You have used the link. If the file did not arrive, get a new link.',
  'link.new': 'Get a new link',
  'link.print': 'Print',
  another: 'Ask for another document',
  'problem.not-in-family':
    'You can ask for certificates only for yourself and the people in your registry family. For anyone else: they ask themselves, or go to the registry office.',
  'problem.certificate-not-applicable':
    'The registry holds nothing this document could state for this person: a marriage certificate for someone who is not married, for example. Choose another certificate; if you think the registry’s data is wrong, contact the registry office.',
  'problem.stamp-not-online':
    'The stamp cannot be paid online here: ask for this certificate at the registry office. Online you can get a certificate for an exempt use, or the self-declaration for a public office.',
  'problem.registry-unavailable':
    'The national registry is not answering right now. Try again in a few minutes, or ask for the document at the registry office.',
  'problem.download-expired': 'This link has been used already or has expired: get a new one.',
  'problem.stamp-unpaid':
    'The stamp does not show as paid yet. If you paid, do not pay again: check again in a few minutes.',
  'problem.notOnline':
    'Certificates cannot be asked for online here: ask the municipality’s registry office.',
  'problem.requestUnknown':
    'We cannot find this certificate request: it may have been made under another sign-in. Ask for the certificate again.',
};
