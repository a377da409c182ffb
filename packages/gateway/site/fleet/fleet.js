// The fleet page: asks for the operator credential, keeps it in this tab's sessionStorage only
// (gone when the tab closes), and lists the kiosks with GET /api/kiosks. Everything is written with
// textContent: names and places come from the command line, never as markup.
const CREDENTIAL_KEY = 'sportello.operatorToken';

const form = document.getElementById('credential-form');
const input = document.getElementById('credential');
const status = document.getElementById('status');
const fleet = document.getElementById('fleet');
const rows = document.getElementById('kiosks');
const caption = document.getElementById('fleet-caption');

const when = new Intl.DateTimeFormat('it-IT', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Rome',
});
const megabytes = new Intl.NumberFormat('it-IT', {
  style: 'unit',
  unit: 'megabyte',
  maximumFractionDigits: 1,
});

const WORKER = {
  none: 'nessuno / none',
  installing: 'in installazione / installing',
  waiting: 'aggiornamento pronto / update waiting',
  active: 'attivo / active',
};

function cell(row, text, { header = false } = {}) {
  const element = document.createElement(header ? 'th' : 'td');
  if (header) element.scope = 'row';
  element.textContent = text;
  row.append(element);
  return element;
}

function selfCheck(check) {
  if (!check) return 'nessuno / none';
  const at = when.format(new Date(check.at));
  if (check.passed) return `superato / passed (${at})`;
  const left = check.failed.length ? `: ${check.failed.join(', ')}` : '';
  return `NON superato / FAILED${left} (${at})`;
}

function render(kiosk, staleAfterMinutes) {
  const row = document.createElement('tr');
  if (kiosk.stale) row.className = 'fleet-stale';
  const beat = kiosk.lastHeartbeat;
  cell(row, kiosk.name, { header: true });
  cell(row, kiosk.location);
  cell(
    row,
    kiosk.stale
      ? beat
        ? `In ritardo: nessun segnale da oltre ${staleAfterMinutes} minuti / Stale: silent for over ${staleAfterMinutes} minutes`
        : 'In ritardo: mai collegato / Stale: never reported'
      : 'Collegato / Reporting',
  ).className = 'fleet-state';
  cell(row, beat?.version ?? '—');
  cell(row, beat ? (WORKER[beat.serviceWorker] ?? beat.serviceWorker) : '—');
  cell(row, beat ? megabytes.format(beat.storageUsedBytes / 1_000_000) : '—');
  cell(row, beat ? selfCheck(beat.lastSelfCheck) : '—');
  cell(row, beat ? when.format(new Date(beat.receivedAt)) : 'mai / never');
  return row;
}

function showForm(message) {
  fleet.hidden = true;
  form.hidden = false;
  status.textContent = message;
  input.focus();
}

async function load() {
  const credential = sessionStorage.getItem(CREDENTIAL_KEY);
  if (!credential) return showForm('');
  status.textContent = 'Caricamento… / Loading…';
  let response;
  try {
    response = await fetch('/api/kiosks', {
      headers: { 'Sportello-Operator-Token': credential, Accept: 'application/json' },
      cache: 'no-store',
    });
  } catch {
    status.textContent = 'Il gateway non risponde: riprova. / The gateway does not answer: try again.';
    return;
  }
  if (response.status === 401) {
    sessionStorage.removeItem(CREDENTIAL_KEY);
    return showForm('Credenziale non valida. / The credential is not valid.');
  }
  if (!response.ok) {
    status.textContent = `Errore ${response.status}: riprova. / Error ${response.status}: try again.`;
    return;
  }
  const { kiosks, staleAfterMinutes } = await response.json();
  rows.replaceChildren(...kiosks.map((kiosk) => render(kiosk, staleAfterMinutes)));
  const stale = kiosks.filter((kiosk) => kiosk.stale).length;
  const summary =
    `${kiosks.length} chioschi, ${stale} in ritardo. / ${kiosks.length} kiosks, ${stale} stale.` +
    ` Aggiornato alle ${when.format(new Date())}. / Updated at ${when.format(new Date())}.`;
  caption.textContent = summary;
  form.hidden = true;
  fleet.hidden = false;
  status.textContent = summary;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const credential = input.value.trim();
  if (!credential) return showForm('Scrivi la credenziale. / Type the credential.');
  sessionStorage.setItem(CREDENTIAL_KEY, credential);
  input.value = '';
  void load();
});
document.getElementById('refresh').addEventListener('click', () => void load());
document.getElementById('forget').addEventListener('click', () => {
  sessionStorage.removeItem(CREDENTIAL_KEY);
  rows.replaceChildren();
  showForm('Sei uscito. / Signed out.');
});

await load();
