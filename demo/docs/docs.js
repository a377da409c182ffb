// The element docs: every element of the packages' custom-elements.json, in Italian (from
// docs.it.json, keyed by the manifests' entries: see entries.js) or in English (the class
// documentation itself), its descriptions rendered from their Markdown, with a live example against
// the in-browser sandbox and the snippet a web editor pastes. DOM calls only: the page's policy
// forbids inline script, and no manifest or translation text ever goes through innerHTML.
import { elementsOf, GROUPS, rowsOf, textIn } from './entries.js';
import { renderMarkdown } from './markdown.js';
import { language, onLanguage } from '../assets/site.js';

const words = {
  it: {
    loading: 'Caricamento…',
    none: 'Nessun componente trovato: esegui npm run build.',
    failed: 'Non riesco a leggere i manifest dei componenti:',
    contents: 'Componenti',
    package: 'Pacchetto',
    className: 'classe',
    example: 'Esempio dal vivo',
    exampleNote:
      'Funziona con la sandbox nel browser (gateway="sandbox"): niente di quello che fai qui arriva a un server.',
    atTheKiosk:
      'Si vede al totem: si apre da sola quando un campo di testo riceve il focus, e su questa pagina si aprirebbe sopra gli altri esempi. Provala nel totem:',
    snippet: 'Codice da copiare',
    snippetNote:
      'Il foglio di stile e il caricatore vanno una volta per pagina; poi metti il tag dove deve comparire.',
    gatewayComment: 'L’indirizzo del gateway del tuo Comune; gateway="sandbox" per provare senza server',
    copy: 'Copia il codice',
    copied: 'Codice copiato.',
    notCopied: 'Non riesco a copiare: seleziona il codice e copialo a mano.',
    reference: 'Riferimento',
    property: 'proprietà',
    type: 'tipo',
    default: 'predefinito',
    readonly: 'sola lettura',
    defaultSlot: '(slot predefinito)',
    noDescription: 'Nessuna descrizione.',
    groups: {
      attributes: 'Attributi',
      properties: 'Proprietà',
      methods: 'Metodi',
      events: 'Eventi',
      slots: 'Slot',
      cssParts: 'Parti CSS (::part)',
      cssProperties: 'Proprietà CSS personalizzate',
    },
  },
  en: {
    loading: 'Loading…',
    none: 'No elements found: run npm run build.',
    failed: 'Could not read the element manifests:',
    contents: 'Elements',
    package: 'Package',
    className: 'class',
    example: 'Live example',
    exampleNote:
      'It works against the in-browser sandbox (gateway="sandbox"): nothing you do here reaches a server.',
    atTheKiosk:
      'It shows at the kiosk: it opens by itself when a text field gets the focus, and on this page it would open over the other examples. Try it at the kiosk:',
    snippet: 'Snippet to copy',
    snippetNote: 'The stylesheet and the loader go once per page; then put the tag where it should appear.',
    gatewayComment: 'Your municipality’s gateway address; gateway="sandbox" to try it without a server',
    copy: 'Copy the code',
    copied: 'Code copied.',
    notCopied: 'Could not copy: select the code and copy it yourself.',
    reference: 'Reference',
    property: 'property',
    type: 'type',
    default: 'default',
    readonly: 'read-only',
    defaultSlot: '(default slot)',
    noDescription: 'No description.',
    groups: {
      attributes: 'Attributes',
      properties: 'Properties',
      methods: 'Methods',
      events: 'Events',
      slots: 'Slots',
      cssParts: 'CSS parts (::part)',
      cssProperties: 'CSS custom properties',
    },
  },
};

/**
 * What each element's live example and snippet set, beyond `gateway="sandbox"`. Values that are
 * words are in both languages; an element not listed here is shown with no attributes. `live: false`:
 * no live example, but a link to where the element works (the kiosk's keyboard would serve every
 * field of the page's other examples).
 */
const EXAMPLES = {
  'sportello-qr': {
    sandbox: false,
    attributes: {
      value: 'https://www.comune.example.it/servizi',
      label: { it: 'Codice QR della pagina dei servizi', en: 'QR code of the services page' },
    },
    text: { it: 'Inquadra il codice con il telefono', en: 'Scan the code with your phone' },
  },
  'sportello-calendar': { sandbox: false, attributes: { name: 'giorno' } },
  'sportello-keyboard': { sandbox: false, live: false },
};

const CDN = 'https://cdn.example.it/sportello/dist';
const GATEWAY = 'https://servizi.comune.example.it';

const container = document.getElementById('elements');
const status = document.getElementById('copy-status');

function node(tag, text, attributes = {}) {
  const result = document.createElement(tag);
  if (text !== undefined) result.textContent = text;
  for (const [name, value] of Object.entries(attributes)) result.setAttribute(name, value);
  return result;
}
const code = (text) => node('code', text);
const inLanguage = (value, lang) => (typeof value === 'object' ? value[lang] : value);

function exampleOf(tag) {
  return { sandbox: true, live: true, attributes: {}, ...EXAMPLES[tag] };
}

/** The element's tag as a web editor writes it. */
function markupOf(tag, attributes, text = '') {
  const list = Object.entries(attributes).map(
    ([name, value]) => ` ${name}="${value.replaceAll('"', '&quot;')}"`,
  );
  return `<${tag}${list.join('')}>${text}</${tag}>`;
}

function snippetOf(tag, lang) {
  const example = exampleOf(tag);
  const attributes = Object.fromEntries(
    Object.entries(example.attributes).map(([name, value]) => [name, inLanguage(value, lang)]),
  );
  const lines = [
    `<link rel="stylesheet" href="${CDN}/sportello.css" />`,
    `<script type="module" src="${CDN}/sportello.js"></script>`,
  ];
  if (example.sandbox) {
    lines.push(`<!-- ${words[lang].gatewayComment} -->`);
    lines.push(`<meta name="sportello-gateway" content="${GATEWAY}" />`);
  }
  lines.push('', markupOf(tag, attributes, example.text ? inLanguage(example.text, lang) : ''));
  return lines.join('\n');
}

/** The live elements, made once and moved into each rendering, so a language switch keeps their state. */
const liveElements = new Map();
function liveElementOf(tag, lang) {
  const example = exampleOf(tag);
  let element = liveElements.get(tag);
  if (!element) {
    element = document.createElement(tag);
    if (example.sandbox) element.setAttribute('gateway', 'sandbox');
    element.setAttribute('heading-level', '4');
    liveElements.set(tag, element);
  }
  for (const [name, value] of Object.entries(example.attributes)) {
    element.setAttribute(name, inLanguage(value, lang));
  }
  if (example.text) element.textContent = inLanguage(example.text, lang);
  return element;
}

async function copy(text) {
  const say = words[language()];
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = say.copied;
  } catch {
    status.textContent = say.notCopied;
  }
}

/** One entry of a group: its name and facts, then its description. */
function entry(group, row, path, lang, translations) {
  const say = words[lang];
  const term = node('dt');
  term.append(code(group === 'slots' && !row.name ? say.defaultSlot : row.name));
  const facts = [];
  if (row.property && row.property !== row.name) facts.push([say.property, row.property]);
  if (row.type) facts.push([say.type, row.type]);
  if (row.default !== undefined && row.default !== '') facts.push([say.default, row.default]);
  for (const [label, value] of facts) {
    const fact = node('span', undefined, { class: 'fact' });
    fact.append(`${label} `, code(value));
    term.append(' ', fact);
  }
  if (row.readonly) term.append(' ', node('span', say.readonly, { class: 'fact' }));
  const description = node('dd');
  if (row.description) description.append(renderMarkdown(textIn(lang, translations, path, row.description)));
  else description.textContent = say.noDescription;
  return [term, description];
}

/**
 * One element's section. Made once; a language switch rewrites the text around the live example
 * and leaves the example in place: moved out of the page and back, an element would start over.
 */
const sections = new Map();
function describe(declaration, packageName, lang, translations) {
  const say = words[lang];
  const tag = declaration.tagName;
  let made = sections.get(tag);
  if (!made) {
    const section = node('section', undefined, {
      id: tag,
      'aria-labelledby': `${tag}-title`,
      class: 'element',
    });
    const live = node('div', undefined, { class: 'live-example' });
    if (exampleOf(tag).live) live.append(liveElementOf(tag, lang));
    section.append(live);
    made = { section, live };
    sections.set(tag, made);
  }
  const { section, live } = made;
  const example = exampleOf(tag);
  if (example.live) liveElementOf(tag, lang);
  else {
    const note = node('p', `${say.atTheKiosk} `, { class: 'note' });
    note.append(node('a', '/kiosk/', { href: '/kiosk/' }));
    live.replaceChildren(note);
  }
  for (const child of [...section.children]) if (child !== live) child.remove();

  const before = [];
  const title = node('h2', undefined, { id: `${tag}-title` });
  title.append(code(`<${tag}>`));
  before.push(title);
  if (declaration.summary) {
    const summary = node('p', undefined, { class: 'lead' });
    summary.append(
      renderMarkdown(textIn(lang, translations, [tag, 'summary'], declaration.summary), document, {
        inline: true,
      }),
    );
    before.push(summary);
  }
  const origin = node('p', undefined, { class: 'origin' });
  origin.append(
    `${say.package} `,
    code(`@sportello/${packageName}`),
    ` · ${say.className} `,
    code(declaration.name),
  );
  before.push(origin);
  if (declaration.description) {
    before.push(renderMarkdown(textIn(lang, translations, [tag, 'description'], declaration.description)));
  }
  before.push(node('h3', say.example));
  if (example.live) before.push(node('p', say.exampleNote, { class: 'note' }));

  const after = [];
  const snippetId = `${tag}-snippet`;
  after.push(
    node('h3', say.snippet, { id: `${snippetId}-title` }),
    node('p', say.snippetNote, { class: 'note' }),
  );
  const snippet = snippetOf(tag, lang);
  const pre = node('pre', undefined, { id: snippetId, 'aria-labelledby': `${snippetId}-title` });
  pre.append(code(snippet));
  const button = node('button', say.copy, { type: 'button', class: 'btn btn-outline-primary btn-sm copy' });
  button.addEventListener('click', () => copy(snippet));
  after.push(pre, button);

  after.push(node('h3', say.reference));
  const rows = rowsOf(declaration);
  for (const group of GROUPS) {
    if (rows[group].length === 0) continue;
    after.push(node('h4', say.groups[group]));
    const list = node('dl', undefined, { class: 'entries' });
    for (const row of rows[group]) {
      list.append(...entry(group, row, [tag, group, row.key ?? row.name], lang, translations));
    }
    after.push(list);
  }
  live.before(...before);
  live.after(...after);
  return section;
}

let contents;
function render(elements, translations, lang) {
  const say = words[lang];
  if (elements.length === 0) {
    container.replaceChildren(node('p', say.none));
    return;
  }
  const nav = node('nav', undefined, { 'aria-labelledby': 'contents-title', class: 'contents' });
  nav.append(node('h2', say.contents, { id: 'contents-title' }));
  const list = node('ul');
  for (const { declaration } of elements) {
    const item = node('li');
    const link = node('a', undefined, { href: `#${declaration.tagName}` });
    link.append(code(`<${declaration.tagName}>`));
    item.append(link);
    list.append(item);
  }
  nav.append(list);
  const made = elements.map(({ declaration, packageName }) =>
    describe(declaration, packageName, lang, translations),
  );
  if (contents) contents.replaceWith(nav);
  else container.replaceChildren(nav, ...made);
  contents = nav;
}

async function json(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function load() {
  const [packages, translations] = await Promise.all([
    json('/manifests/index.json'),
    json(new URL('docs.it.json', import.meta.url)),
  ]);
  const manifests = await Promise.all(packages.map((name) => json(`/manifests/${name}.json`)));
  const elements = manifests.flatMap((manifest, index) =>
    elementsOf(manifest).map((declaration) => ({ declaration, packageName: packages[index] })),
  );
  onLanguage((lang) => {
    render(elements, translations, lang);
    container.removeAttribute('aria-busy');
  });
  // A link to an element (docs/#sportello-booking) reaches it once the page has been built.
  if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
}

container.setAttribute('aria-busy', 'true');
container.replaceChildren(node('p', words[language()].loading));
load().catch((error) => {
  container.removeAttribute('aria-busy');
  container.replaceChildren(node('p', `${words[language()].failed} ${error.message}`));
});
