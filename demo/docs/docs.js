// Builds the element reference from the packages' custom-elements.json, with DOM calls only (the
// page's policy forbids inline script, and manifest text never goes through innerHTML).
const container = document.getElementById('elements');

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function table(caption, columns, rows) {
  if (rows.length === 0) return [];
  const result = element('table');
  result.append(element('caption', caption));
  const head = result.createTHead().insertRow();
  for (const column of columns) head.append(element('th', column, { scope: 'col' }));
  const body = result.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, index) =>
      tr.append(index === 0 ? element('th', cell, { scope: 'row' }) : element('td', cell)),
    );
  }
  return [result];
}

function describeElement(declaration, packageName) {
  const section = element('section', undefined, { id: declaration.tagName });
  section.append(element('h2', `<${declaration.tagName}>`));
  section.append(element('p', declaration.summary ?? ''));
  if (declaration.description) section.append(element('p', declaration.description));
  section.append(element('p', `Package: ${packageName} · class ${declaration.name}`));
  section.append(
    ...table(
      'Attributes',
      ['Attribute', 'Type', 'Default', 'Description'],
      (declaration.attributes ?? []).map((a) => [
        a.name,
        a.type?.text ?? '',
        a.default ?? '',
        a.description ?? '',
      ]),
    ),
    ...table(
      'Events',
      ['Event', 'Type', 'Description'],
      (declaration.events ?? []).map((e) => [e.name, e.type?.text ?? '', e.description ?? '']),
    ),
    ...table(
      'Slots',
      ['Slot', 'Description'],
      (declaration.slots ?? []).map((s) => [s.name || '(default)', s.description ?? '']),
    ),
    ...table(
      'CSS parts',
      ['Part', 'Description'],
      (declaration.cssParts ?? []).map((p) => [p.name, p.description ?? '']),
    ),
    ...table(
      'CSS custom properties',
      ['Property', 'Description'],
      (declaration.cssProperties ?? []).map((p) => [p.name, p.description ?? '']),
    ),
  );
  return section;
}

async function load() {
  const packages = await (await fetch('/manifests/index.json')).json();
  const sections = [];
  for (const name of packages) {
    const manifest = await (await fetch(`/manifests/${name}.json`)).json();
    for (const module of manifest.modules ?? []) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.customElement && declaration.tagName)
          sections.push(describeElement(declaration, name));
      }
    }
  }
  container.replaceChildren(
    ...(sections.length ? sections : [element('p', 'No elements found: run npm run build.')]),
  );
}

load().catch((error) =>
  container.replaceChildren(element('p', `Could not read the manifests: ${error.message}`)),
);
