// Language and theme of the docs pages (the element docs, the accessibility statement), remembered
// under the keys the demo site uses (demo/assets/site.js), so a choice made on one is kept on the
// other. The docs pages do not load site.js itself: its header has sign-in and a menu these pages
// do not show, and its ids are its own to change. As there: Italian is in the markup, English in
// `data-en` (text) and `data-en-<attribute>`; the elements follow `lang` and `data-sportello-theme`.
const root = document.documentElement;
export const LANGUAGE_KEY = 'comune-esempio.language';
export const THEME_KEY = 'comune-esempio.theme';
const THEMES = ['', 'dark', 'high-contrast'];

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage refused (a privacy setting): defaults, and nothing remembered
  }
}
function store(key, value) {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // as above
  }
}

export const language = () => (root.lang === 'en' ? 'en' : 'it');

const translatable = [...document.querySelectorAll('[data-en]')];
for (const element of translatable) element.dataset.it = element.textContent.trim();
const withAttributes = ['label', 'aria-label', 'content', 'title'].flatMap((name) =>
  [...document.querySelectorAll(`[data-en-${name}]`)].map((element) => {
    element.setAttribute(`data-it-${name}`, element.getAttribute(name) ?? '');
    return { element, name };
  }),
);
const listeners = [];

/** Calls `listener(language)` now and whenever the language changes. */
export function onLanguage(listener) {
  listeners.push(listener);
  listener(language());
}

function applyLanguage(lang) {
  root.lang = lang;
  for (const element of translatable) element.textContent = element.dataset[lang];
  for (const { element, name } of withAttributes) {
    element.setAttribute(name, element.getAttribute(`data-${lang}-${name}`) ?? '');
  }
  const button = document.getElementById('language');
  if (button) {
    // It names the other language, in that language (no aria-pressed: "Italiano, pressed").
    button.textContent = lang === 'en' ? 'Italiano' : 'English';
    button.lang = lang === 'en' ? 'it' : 'en';
  }
  for (const listener of listeners) listener(lang);
}

function applyTheme(theme) {
  if (theme) root.dataset.sportelloTheme = theme;
  else delete root.dataset.sportelloTheme;
  const select = document.getElementById('theme');
  if (select) select.value = theme;
}

const savedTheme = stored(THEME_KEY) ?? '';
applyTheme(THEMES.includes(savedTheme) ? savedTheme : '');
applyLanguage(stored(LANGUAGE_KEY) === 'en' ? 'en' : 'it');

document.getElementById('language')?.addEventListener('click', () => {
  const next = language() === 'en' ? 'it' : 'en';
  store(LANGUAGE_KEY, next === 'it' ? '' : next);
  applyLanguage(next);
});
document.getElementById('theme')?.addEventListener('change', (event) => {
  const theme = THEMES.includes(event.target.value) ? event.target.value : '';
  store(THEME_KEY, theme);
  applyTheme(theme);
});
