// Demo mailbox: lists the booking messages of the outbox, newest first. Everything is written with
// textContent: a message holds what citizens typed (their names), never markup.
const list = document.getElementById('messages');
const status = document.getElementById('status');

const KINDS = {
  confirmation: 'Conferma / Confirmation',
  cancellation: 'Annullamento / Cancellation',
  rescheduled: 'Spostamento / New time',
};

const when = new Intl.DateTimeFormat('it-IT', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'Europe/Rome',
});

function field(details, term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  details.append(dt, dd);
}

function render(message) {
  const item = document.createElement('li');
  const heading = document.createElement('h2');
  heading.textContent = message.subject;
  const details = document.createElement('dl');
  field(details, 'A / To', message.to);
  field(details, 'Tipo / Kind', KINDS[message.kind] ?? message.kind);
  field(details, 'Creato / Created', when.format(new Date(message.createdAt)));
  field(
    details,
    'Inviato / Sent',
    message.sentAt ? when.format(new Date(message.sentAt)) : 'non inviato (prova) / not sent (demo)',
  );
  const body = document.createElement('pre');
  body.textContent = message.body;
  item.append(heading, details, body);
  return item;
}

async function load() {
  status.textContent = 'Caricamento… / Loading…';
  try {
    const response = await fetch('/demo/mailbox/messages.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    const messages = await response.json();
    list.replaceChildren(...messages.map(render));
    status.textContent =
      messages.length === 0
        ? 'Nessun messaggio. / No messages.'
        : `${messages.length} messaggi. / ${messages.length} messages.`;
  } catch {
    status.textContent = 'Impossibile leggere la casella: riprova. / Could not read the mailbox: try again.';
  }
}

document.getElementById('refresh').addEventListener('click', load);
await load();
