// Demo sign-in: lists the test citizens, gets a token for the one chosen and keeps it in this tab's
// sessionStorage (a kiosk's session wipe clears it), then goes back to the page that asked.
const TOKEN_KEY = 'sportello.citizenToken';
const list = document.getElementById('citizens');
const status = document.getElementById('status');

/** Only a path on this site: never send a token's holder to another site. */
function returnPath() {
  const target = new URLSearchParams(location.search).get('return') ?? '/';
  return target.startsWith('/') && !target.startsWith('//') ? target : '/';
}

async function signIn(citizen) {
  status.textContent = 'Accesso in corso…';
  const response = await fetch('/demo-login/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fiscalCode: citizen.fiscalCode }),
  });
  if (!response.ok) {
    status.textContent = 'Accesso non riuscito: riprova. / Sign-in failed: try again.';
    return;
  }
  const { access_token: token } = await response.json();
  sessionStorage.setItem(TOKEN_KEY, token);
  status.textContent = `Hai effettuato l’accesso come ${citizen.givenName} ${citizen.familyName}.`;
  location.assign(returnPath());
}

const citizens = await (await fetch('/demo-login/citizens')).json();
for (const citizen of citizens) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn btn-outline-primary mb-2 text-start';
  const about = citizen.description ? ` (${citizen.description.it} / ${citizen.description.en})` : '';
  button.textContent = `${citizen.givenName} ${citizen.familyName}${about}`;
  button.addEventListener('click', () => signIn(citizen));
  item.append(button);
  list.append(item);
}
