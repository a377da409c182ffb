// The Comune di Esempio's pages share this module (a file: the site's policy forbids inline
// scripts), the element docs too (demo/docs/docs.js imports `language` and `onLanguage`). Loaded
// in the head with `blocking="render"`, it runs once the page is parsed and before the first paint
// (a module script alone may run after it, on a slow network), so a visitor who chose English or a
// theme never sees the page change (it marks `site-language-applied` for the test that checks this):
// - language and theme chosen in the header, remembered in localStorage across pages and visits;
//   the Sportello elements follow `lang` and `data-sportello-theme` by themselves;
// - who is signed in (the demo sign-in keeps the token in this tab's sessionStorage): the header
//   says so, and the page hands the token to the elements through their `getToken` property; an
//   element that needs a signed-in citizen (`sportello-auth-required`) starts the demo sign-in;
// - the menu on a phone, and the (decorative) search box.
const root = document.documentElement;
const LANGUAGE_KEY = 'comune-esempio.language';
const THEME_KEY = 'comune-esempio.theme';
const TOKEN_KEY = 'sportello.citizenToken';
const THEMES = ['', 'dark', 'high-contrast'];
/**
 * The elements that take a signed-in citizen's token: the site's own, not the docs' live examples,
 * which name their (sandbox) gateway.
 */
const TOKEN_TAKERS = ['sportello-booking', 'sportello-booking-manage', 'sportello-certificate']
  .map((tag) => `${tag}:not([gateway])`)
  .join(', ');

const words = {
  it: {
    signIn: 'Accedi',
    signOut: 'Esci',
    signedInAs: 'Accesso effettuato:',
    signedOut: 'Sei uscito.',
    searchSoon: 'La ricerca non è attiva nel sito di prova: trovi tutti i servizi nella pagina iniziale.',
    menuOpen: 'Apri il menu',
    menuClose: 'Chiudi il menu',
  },
  en: {
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedInAs: 'Signed in:',
    signedOut: 'You have signed out.',
    searchSoon: 'Search does not work on the demo site: the home page lists every service.',
    menuOpen: 'Open the menu',
    menuClose: 'Close the menu',
  },
};

function stored(storage, key) {
  try {
    return storage.getItem(key);
  } catch {
    return null; // storage refused (a privacy setting): defaults, and nothing remembered
  }
}
function store(storage, key, value) {
  try {
    if (value) storage.setItem(key, value);
    else storage.removeItem(key);
  } catch {
    // as above
  }
}

/** The page's language, `it` or `en`. */
export const language = () => (root.lang === 'en' ? 'en' : 'it');
const languageListeners = [];

/** Calls `listener(language)` now and whenever the visitor changes the language (the docs use it). */
export function onLanguage(listener) {
  languageListeners.push(listener);
  listener(language());
}
const say = (key) => words[language()][key];

// ---- Language -------------------------------------------------------------------------------------
// Italian is in the markup; English in data-en (text) and data-en-<attribute> (attributes).
const TRANSLATED_ATTRIBUTES = ['label', 'aria-label', 'placeholder', 'title', 'content'];
const translatable = [...document.querySelectorAll('[data-en]')];
for (const element of translatable) element.dataset.it = element.textContent.trim();
const withAttributes = TRANSLATED_ATTRIBUTES.flatMap((name) =>
  [...document.querySelectorAll(`[data-en-${name}]`)].map((element) => {
    element.setAttribute(`data-it-${name}`, element.getAttribute(name) ?? '');
    return { element, name };
  }),
);

function applyLanguage(lang) {
  root.lang = lang;
  for (const element of translatable) element.textContent = element.dataset[lang];
  for (const { element, name } of withAttributes) {
    element.setAttribute(name, element.getAttribute(`data-${lang}-${name}`) ?? '');
  }
  const button = document.getElementById('language');
  if (button) {
    // It names the other language, in that language (and says so with `lang`): no aria-pressed,
    // which would read "Italiano, pressed".
    button.textContent = lang === 'en' ? 'Italiano' : 'English';
    button.lang = lang === 'en' ? 'it' : 'en';
  }
  renderAccount();
  updateMenuButton();
  for (const listener of languageListeners) listener(lang);
}

// ---- Theme ----------------------------------------------------------------------------------------
function applyTheme(theme) {
  if (theme) root.dataset.sportelloTheme = theme;
  else delete root.dataset.sportelloTheme;
  const select = document.getElementById('theme');
  if (select) select.value = theme;
}

// ---- Sign-in --------------------------------------------------------------------------------------
/** The token's claims, or undefined when there is none, it cannot be read, or it has expired. */
function claimsOf(token) {
  if (!token) return undefined;
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}

function currentToken() {
  const token = stored(sessionStorage, TOKEN_KEY);
  if (token && !claimsOf(token)) store(sessionStorage, TOKEN_KEY, ''); // expired: forget it
  return claimsOf(token) ? token : undefined;
}

/**
 * What the elements call for the citizen's token, when a request needs it. The demo sign-in cannot
 * refresh a token: one the gateway refused (`renew`) is forgotten, the header offers "Accedi"
 * again, and the element says that the citizen needs to sign in.
 */
function getToken({ renew }) {
  if (!renew) return currentToken();
  store(sessionStorage, TOKEN_KEY, '');
  renderAccount();
  return undefined;
}

/** Hands the way to the token (or nothing, once signed out) to every element that takes one. */
function handTokenToElements(signedIn) {
  for (const element of document.querySelectorAll(TOKEN_TAKERS)) {
    element.getToken = signedIn ? getToken : undefined;
  }
}

function signOut() {
  store(sessionStorage, TOKEN_KEY, '');
  handTokenToElements(false);
  // Nothing of the citizen's stays in the elements: back to their first step.
  for (const element of document.querySelectorAll(TOKEN_TAKERS)) {
    if (typeof element.reset === 'function') element.reset();
  }
  renderAccount();
  const status = document.getElementById('account-status');
  if (status) status.textContent = say('signedOut');
  document.getElementById('sign-in')?.focus();
}

/** The demo sign-in, back to this page afterwards: its path only (a fragment may hold an appointment's code). */
// Back to this very page, its query too: the certificate element's `?certificate-request=` (a random
// id, nothing personal) picks up a request whose stamp was paid while the citizen signed in again.
const signInAddress = () =>
  `/demo-login/?${new URLSearchParams({ return: location.pathname + location.search })}`;

function renderAccount() {
  const account = document.getElementById('account');
  if (!account) return;
  const claims = claimsOf(currentToken());
  account.replaceChildren();
  if (claims) {
    const who = document.createElement('span');
    who.className = 'signed-in';
    const label = document.createElement('span');
    label.textContent = say('signedInAs');
    const name = document.createElement('strong');
    name.textContent = [claims.given_name, claims.family_name].filter(Boolean).join(' ');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn-slim';
    button.id = 'sign-out';
    button.textContent = say('signOut');
    button.addEventListener('click', signOut);
    who.append(label, name, button);
    account.append(who);
  } else {
    const link = document.createElement('a');
    link.id = 'sign-in';
    link.className = 'btn-slim';
    link.href = signInAddress();
    link.textContent = say('signIn');
    account.append(link);
  }
}

// ---- Menu on a phone, and search --------------------------------------------------------------
const menuButton = document.getElementById('menu-button');
const menu = document.getElementById('main-menu');
function updateMenuButton() {
  if (!menuButton) return;
  const open = menuButton.getAttribute('aria-expanded') === 'true';
  menuButton.setAttribute('aria-label', say(open ? 'menuClose' : 'menuOpen'));
}
function setMenu(open) {
  menuButton?.setAttribute('aria-expanded', String(open));
  menu?.classList.toggle('is-open', open);
  updateMenuButton();
  if (open) menu?.querySelector('a')?.focus();
}
menuButton?.addEventListener('click', () => setMenu(menuButton.getAttribute('aria-expanded') !== 'true'));
document.getElementById('menu-close')?.addEventListener('click', () => {
  setMenu(false);
  menuButton?.focus();
});
menu?.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && menu.classList.contains('is-open')) {
    setMenu(false);
    menuButton?.focus();
  }
});

document.getElementById('search')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const status = document.getElementById('search-status');
  if (status) status.textContent = say('searchSoon');
});

// ---- Start: before the first paint ----------------------------------------------------------------
const savedTheme = stored(localStorage, THEME_KEY) ?? '';
applyTheme(THEMES.includes(savedTheme) ? savedTheme : '');
applyLanguage(stored(localStorage, LANGUAGE_KEY) === 'en' ? 'en' : 'it');
performance.mark('site-language-applied');
// Signing in comes back to a freshly loaded page: the token is looked at once, here.
handTokenToElements(currentToken() !== undefined);
// An element needs the citizen signed in (none yet, or the gateway refused the token): to the demo
// sign-in and back, as the header's "Accedi" does. Only when the citizen has just done something
// (pressed the element's button): an element saying so as it appears must not send a visitor away
// from a page they only opened, nor trap the Back button in the sign-in.
document.addEventListener('sportello-auth-required', () => {
  if (navigator.userActivation?.isActive ?? true) location.assign(signInAddress());
});

document.getElementById('language')?.addEventListener('click', () => {
  const next = language() === 'en' ? 'it' : 'en';
  store(localStorage, LANGUAGE_KEY, next === 'it' ? '' : next);
  applyLanguage(next);
});
document.getElementById('theme')?.addEventListener('change', (event) => {
  const theme = THEMES.includes(event.target.value) ? event.target.value : '';
  store(localStorage, THEME_KEY, theme);
  applyTheme(theme);
});

// The address of this page, for the "continue on your phone" code (without a fragment's codes).
const pageQr = document.getElementById('page-qr');
if (pageQr) pageQr.value = location.origin + location.pathname;
