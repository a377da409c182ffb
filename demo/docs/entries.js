// What the docs show of each element, read from a custom-elements manifest, and where its Italian
// is in docs.it.json. The page and the Italian-coverage test (scripts/docs-italian.node.test.mjs)
// both use this module, so an entry the page shows is an entry the test asks the Italian of.
//
// docs.it.json is keyed by tag, then by group, then by name:
//   { "sportello-qr": { "summary": "…", "description": "…", "attributes": { "value": "…" },
//     "properties": {…}, "methods": {…}, "events": {…}, "slots": { "": "…" }, "cssParts": {…},
//     "cssProperties": {…} } }
// The default slot's name is "". A property that reflects an attribute is shown (and translated)
// once, with its attribute.

/** The groups of entries, in the order the page shows them. */
export const GROUPS = ['attributes', 'properties', 'methods', 'events', 'slots', 'cssParts', 'cssProperties'];

/** The custom elements a manifest declares (those with a tag: the base class has none). */
export function elementsOf(manifest) {
  return (manifest.modules ?? []).flatMap((module) =>
    (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName),
  );
}

const isPublic = (member) => !member.privacy && !member.static && !member.name.startsWith('#');

/** Each group's rows for one element: `{ name, description, type?, default?, attribute? }`. */
export function rowsOf(declaration) {
  const members = declaration.members ?? [];
  return {
    attributes: (declaration.attributes ?? []).map((attribute) => ({
      name: attribute.name,
      property: attribute.fieldName,
      type: attribute.type?.text,
      default: attribute.default,
      description: attribute.description ?? '',
    })),
    // Properties with no attribute (a token, a function, read-only state).
    properties: members
      .filter((member) => member.kind === 'field' && isPublic(member) && !member.attribute)
      .map((member) => ({
        name: member.name,
        type: member.type?.text,
        readonly: Boolean(member.readonly),
        description: member.description ?? '',
      })),
    // Methods a page calls; undocumented ones are the form-control callbacks the browser calls.
    methods: members
      .filter((member) => member.kind === 'method' && isPublic(member) && member.description)
      .map((member) => ({ name: `${member.name}()`, key: member.name, description: member.description })),
    events: (declaration.events ?? []).map((event) => ({
      name: event.name,
      type: event.type?.text,
      description: event.description ?? '',
    })),
    slots: (declaration.slots ?? []).map((slot) => ({
      name: slot.name,
      description: slot.description ?? '',
    })),
    cssParts: (declaration.cssParts ?? []).map((part) => ({
      name: part.name,
      description: part.description ?? '',
    })),
    cssProperties: (declaration.cssProperties ?? []).map((property) => ({
      name: property.name,
      default: property.default,
      description: property.description ?? '',
    })),
  };
}

/**
 * Every text of one element that needs an Italian: `{ path, english }`, where `path` is where its
 * Italian is in docs.it.json (`['sportello-qr', 'attributes', 'value']`).
 */
export function textsOf(declaration) {
  const tag = declaration.tagName;
  const texts = [];
  for (const field of ['summary', 'description']) {
    if (declaration[field]) texts.push({ path: [tag, field], english: declaration[field] });
  }
  const rows = rowsOf(declaration);
  for (const group of GROUPS) {
    for (const row of rows[group]) {
      if (row.description) texts.push({ path: [tag, group, row.key ?? row.name], english: row.description });
    }
  }
  return texts;
}

/** The Italian at `path` in the translations, or undefined. */
export function italianAt(translations, path) {
  let value = translations;
  for (const key of path) value = value && Object.hasOwn(value, key) ? value[key] : undefined;
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** The text of an entry in `language`: the Italian when there is one, else the English. */
export function textIn(language, translations, path, english) {
  return (language === 'it' && italianAt(translations, path)) || english;
}
