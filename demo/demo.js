// The demo page's own behaviour, in a file because the page's policy forbids inline scripts.
// It switches the page language and theme: the widgets follow `lang` and `data-sportello-theme`
// by themselves, which is what this demonstrates.
const root = document.documentElement;
const translatable = [...document.querySelectorAll('[data-en]')];
for (const element of translatable) element.dataset.it = element.textContent.trim();

const languageButton = document.getElementById('language');
languageButton?.addEventListener('click', () => {
  const english = root.lang !== 'en';
  root.lang = english ? 'en' : 'it';
  for (const element of translatable) element.textContent = english ? element.dataset.en : element.dataset.it;
  // The button names the other language, in that language (and says so with `lang`).
  languageButton.textContent = english ? 'Italiano' : 'English';
  languageButton.lang = english ? 'it' : 'en';
  document
    .getElementById('page-qr')
    ?.setAttribute(
      'label',
      english ? 'QR code with the address of this page' : 'Codice QR con l’indirizzo di questa pagina',
    );
});

document.getElementById('theme')?.addEventListener('change', (event) => {
  const theme = event.target.value;
  if (theme) root.dataset.sportelloTheme = theme;
  else delete root.dataset.sportelloTheme;
});

const pageQr = document.getElementById('page-qr');
if (pageQr) pageQr.value = location.href;
