import { defineCatalogue, type Translation } from '@sportello/core';

// Plain words for citizens who may be new to computers: short sentences, "tu", no jargon. The
// attract screen shows both languages at once; everything else is in the language on screen.
const it = {
  'page.title': 'Sportello digitale - {municipality}',
  'header.services': 'Servizi del Comune',

  'attract.heading': 'Sportello digitale del Comune',
  'attract.start': 'Tocca lo schermo per iniziare',
  'attract.voice': 'Per la guida vocale, tocca il pulsante nell’angolo in basso a sinistra',
  'attract.slide.payNotice': 'Paga un avviso pagoPA con il tuo telefono',
  'attract.slide.payService': 'Paga la mensa scolastica, il trasporto o una multa',
  'attract.slide.book': 'Prendi un appuntamento allo sportello',
  'attract.slide.manage': 'Sposta o annulla un appuntamento',
  'attract.spoken':
    'Benvenuto allo sportello digitale del Comune. Per ascoltare la guida vocale, tocca il pulsante nell’angolo in basso a sinistra dello schermo. Per iniziare senza guida vocale, tocca lo schermo in un altro punto.',

  'home.heading': 'Cosa vuoi fare?',
  'home.intro': 'Tocca un riquadro.',
  'tile.payNotice': 'Paga un avviso',
  'tile.payNotice.hint': 'Hai un avviso pagoPA: lo paghi con il telefono',
  'tile.payService': 'Paga un servizio',
  'tile.payService.hint': 'Mensa scolastica, trasporto, multe',
  'tile.book': 'Prendi un appuntamento',
  'tile.book.hint': 'Carta d’identità, residenza, certificati',
  'tile.manage': 'Gestisci un appuntamento',
  'tile.manage.hint': 'Sposta o annulla con il codice che hai ricevuto',
  'tile.certificate': 'Chiedi un certificato',
  'tile.certificate.hint': 'Per te o la tua famiglia, o l’autocertificazione',
  'tile.verify': 'Verifica un certificato',
  'tile.verify.hint': 'Controlla che un certificato sia autentico',
  'tile.needsNetwork': 'Ora serve il telefono: il totem non è collegato a internet',

  'actions.label': 'Azioni',
  'actions.home': 'Torna all’inizio',
  'actions.help': 'Aiuto',
  'actions.finish': 'Ho finito',

  'help.heading': 'Come si usa il totem',
  'help.choose': 'Tocca un riquadro per scegliere cosa fare, poi segui i passi sullo schermo.',
  'help.profile':
    'In basso trovi la guida vocale, la dimensione del testo, il contrasto alto, più tempo per rispondere e la lingua.',
  'help.voice':
    'Per la guida vocale senza guardare lo schermo, tocca il pulsante nell’angolo in basso a sinistra: il totem legge ad alta voce quello che c’è sullo schermo.',
  'help.finish':
    'Quando hai finito, tocca «Ho finito»: il totem cancella tutti i tuoi dati. Se non tocchi nulla per un po’, prima di chiudere ti chiede se ci sei ancora.',
  'help.privacy': 'Il totem non tiene nulla di quello che scrivi dopo che hai finito.',

  'profile.label': 'Accessibilità',
  'profile.voice': 'Guida vocale',
  'profile.textSize': 'Dimensione del testo',
  'profile.text.normal': 'testo normale',
  'profile.text.large': 'testo grande',
  'profile.text.largest': 'testo molto grande',
  'profile.contrast': 'Contrasto alto',
  'profile.moreTime': 'Più tempo',
  'profile.language': 'Lingua',
  'voice.on': 'Guida vocale attiva.',
  'voice.off': 'Guida vocale spenta.',

  'role.button': 'pulsante',
  'role.link': 'collegamento',
  'role.textbox': 'campo di testo',
  'role.checkbox': 'casella di spunta',
  'role.radio': 'scelta',
  'role.pressed': 'attivo',
  'role.notPressed': 'non attivo',
  'role.checked': 'selezionato',

  'warning.heading': 'Ci sei ancora?',
  'warning.text': (params: { seconds: number }) =>
    params.seconds === 1
      ? 'Tra 1 secondo il totem chiude e cancella i tuoi dati, per proteggerli.'
      : `Tra ${params.seconds} secondi il totem chiude e cancella i tuoi dati, per proteggerli.`,
  'warning.spoken': (params: { seconds: number }) =>
    `Ci sei ancora? Tra ${params.seconds} secondi il totem chiude e cancella i tuoi dati. Per continuare, tocca «Mi serve più tempo».`,
  'warning.more': 'Mi serve più tempo',
  'warning.finish': 'Ho finito',

  'end.erasing': 'Stiamo cancellando i tuoi dati…',
  'end.erased': 'I tuoi dati sono stati cancellati',
  'end.thanks': 'Grazie e arrivederci.',
  'end.failed': 'Un momento: il totem si sta riavviando per cancellare tutto.',

  'network.offline':
    'Il totem non è collegato a internet. Puoi ancora leggere l’aiuto; per pagare o prendere un appuntamento continua sul telefono.',
  'network.online': 'Il totem è di nuovo collegato a internet.',
  'offline.heading': '{service}: serve internet',
  'offline.text':
    'Il totem ora non è collegato a internet. Inquadra il codice con il telefono: si apre la pagina del sito del Comune per farlo da lì.',
  'offline.qrLabel': 'Codice QR della pagina del sito del Comune: {service}',

  'service.loading': 'Un momento…',
  'service.failed': 'Questo servizio non si è aperto. Tocca «Torna all’inizio» e riprova.',
};

const en: Translation<typeof it> = {
  'page.title': 'Digital counter - {municipality}',
  'header.services': 'Municipal services',

  'attract.heading': 'The municipality’s digital counter',
  'attract.start': 'Touch the screen to start',
  'attract.voice': 'For voice guidance, touch the button in the bottom left corner',
  'attract.slide.payNotice': 'Pay a pagoPA notice with your phone',
  'attract.slide.payService': 'Pay for school meals, transport or a fine',
  'attract.slide.book': 'Book an appointment at the counter',
  'attract.slide.manage': 'Move or cancel an appointment',
  'attract.spoken':
    'Welcome to the municipality’s digital counter. To hear voice guidance, touch the button in the bottom left corner of the screen. To start without voice guidance, touch the screen anywhere else.',

  'home.heading': 'What would you like to do?',
  'home.intro': 'Touch a tile.',
  'tile.payNotice': 'Pay a notice',
  'tile.payNotice.hint': 'You have a pagoPA notice: pay it with your phone',
  'tile.payService': 'Pay for a service',
  'tile.payService.hint': 'School meals, transport, fines',
  'tile.book': 'Book an appointment',
  'tile.book.hint': 'Identity card, residence, certificates',
  'tile.manage': 'Manage an appointment',
  'tile.manage.hint': 'Move or cancel it with the code you received',
  'tile.certificate': 'Ask for a certificate',
  'tile.certificate.hint': 'For you or your family, or the self-declaration',
  'tile.verify': 'Check a certificate',
  'tile.verify.hint': 'Check that a certificate is genuine',
  'tile.needsNetwork': 'Use your phone for now: the kiosk is not connected to the internet',

  'actions.label': 'Actions',
  'actions.home': 'Back to the start',
  'actions.help': 'Help',
  'actions.finish': 'I have finished',

  'help.heading': 'How to use the kiosk',
  'help.choose': 'Touch a tile to choose what to do, then follow the steps on the screen.',
  'help.profile':
    'At the bottom you find voice guidance, the text size, high contrast, more time to answer and the language.',
  'help.voice':
    'For voice guidance without looking at the screen, touch the button in the bottom left corner: the kiosk reads out what is on the screen.',
  'help.finish':
    'When you have finished, touch “I have finished”: the kiosk erases all your data. If you touch nothing for a while, it asks whether you are still there before closing.',
  'help.privacy': 'The kiosk keeps nothing of what you type once you have finished.',

  'profile.label': 'Accessibility',
  'profile.voice': 'Voice guidance',
  'profile.textSize': 'Text size',
  'profile.text.normal': 'normal text',
  'profile.text.large': 'large text',
  'profile.text.largest': 'largest text',
  'profile.contrast': 'High contrast',
  'profile.moreTime': 'More time',
  'profile.language': 'Language',
  'voice.on': 'Voice guidance on.',
  'voice.off': 'Voice guidance off.',

  'role.button': 'button',
  'role.link': 'link',
  'role.textbox': 'text field',
  'role.checkbox': 'check box',
  'role.radio': 'choice',
  'role.pressed': 'on',
  'role.notPressed': 'off',
  'role.checked': 'selected',

  'warning.heading': 'Are you still there?',
  'warning.text': (params: { seconds: number }) =>
    params.seconds === 1
      ? 'In 1 second the kiosk will close and erase your data, to protect it.'
      : `In ${params.seconds} seconds the kiosk will close and erase your data, to protect it.`,
  'warning.spoken': (params: { seconds: number }) =>
    `Are you still there? In ${params.seconds} seconds the kiosk will close and erase your data. To carry on, touch “I need more time”.`,
  'warning.more': 'I need more time',
  'warning.finish': 'I have finished',

  'end.erasing': 'Erasing your data…',
  'end.erased': 'Your data has been erased',
  'end.thanks': 'Thank you, goodbye.',
  'end.failed': 'One moment: the kiosk is restarting to erase everything.',

  'network.offline':
    'The kiosk is not connected to the internet. You can still read the help; to pay or book an appointment, carry on with your phone.',
  'network.online': 'The kiosk is connected to the internet again.',
  'offline.heading': '{service}: the internet is needed',
  'offline.text':
    'The kiosk is not connected to the internet now. Scan the code with your phone: it opens the municipal website’s page to do it there.',
  'offline.qrLabel': 'QR code of the municipal website’s page: {service}',

  'service.loading': 'One moment…',
  'service.failed': 'This service did not open. Touch “Back to the start” and try again.',
};

/** The kiosk shell's words (the elements bring their own). */
export const kioskMessages = defineCatalogue({ it, en });
export type KioskMessageKey = keyof typeof it;
