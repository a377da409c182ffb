// The small part of Markdown the class documentation uses (paragraphs, lists, code spans, links,
// bold and italics), parsed into a tree that the page turns into DOM nodes with textContent only:
// no text from a manifest or a translation ever becomes markup, so none needs escaping. Anything
// else (headings, HTML, images) stays as the text it was written as. No library: none is
// installed, and this subset is smaller than any of them.

/**
 * @typedef {{ type: 'text', text: string } | { type: 'code', text: string }
 *   | { type: 'link', href: string, children: Inline[] }
 *   | { type: 'strong' | 'em', children: Inline[] }} Inline
 * @typedef {{ type: 'paragraph', children: Inline[] }
 *   | { type: 'list', ordered: boolean, items: Inline[][] }} Block
 */

const LIST_ITEM = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+/;

/** Blocks of `source`: paragraphs split by blank lines, and lists. */
export function parseMarkdown(source = '') {
  /** @type {Block[]} */
  const blocks = [];
  for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) continue;
    const first = LIST_ITEM.exec(lines[0]);
    if (first) {
      /** @type {string[]} */
      const items = [];
      for (const line of lines) {
        const marker = LIST_ITEM.exec(line);
        if (marker) items.push(line.slice(marker[0].length));
        // A line without a marker continues the item above it.
        else items[items.length - 1] += ` ${line.trim()}`;
      }
      blocks.push({ type: 'list', ordered: !first[1], items: items.map((item) => parseInline(item.trim())) });
    } else {
      blocks.push({ type: 'paragraph', children: parseInline(lines.map((line) => line.trim()).join(' ')) });
    }
  }
  return blocks;
}

/** Links that may be followed: web, mail, and addresses on this site. */
function safeHref(href) {
  return /^(https?:|mailto:|\/|#|\.{0,2}\/)/i.test(href) || !/^[a-z][a-z0-9+.-]*:/i.test(href);
}

/** Inline content of one paragraph or list item. */
export function parseInline(text) {
  /** @type {Inline[]} */
  const out = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    // A backslash keeps the next punctuation as it is.
    if (rest[0] === '\\' && /[\\`*_[\]()#+\-.!<>]/.test(rest[1] ?? '')) {
      plain += rest[1];
      i += 2;
      continue;
    }
    if (rest[0] === '`') {
      const run = /^`+/.exec(rest)[0];
      const end = rest.indexOf(run, run.length);
      // Closed by a run of the same length; an unclosed run is plain text.
      if (end > 0 && rest[end + run.length] !== '`') {
        flush();
        let code = rest.slice(run.length, end);
        if (/^ .* $/.test(code) && code.trim()) code = code.slice(1, -1);
        out.push({ type: 'code', text: code });
        i += end + run.length;
        continue;
      }
      plain += run;
      i += run.length;
      continue;
    }
    if (rest[0] === '[') {
      const link = /^\[((?:[^\]\\`]|\\.|`[^`]*`)+)\]\(([^()\s]+)\)/.exec(rest);
      if (link) {
        flush();
        const children = parseInline(link[1]);
        // A link somewhere it should not go (`javascript:`) keeps its text only.
        if (safeHref(link[2])) out.push({ type: 'link', href: link[2], children });
        else out.push(...children);
        i += link[0].length;
        continue;
      }
    }
    const emphasis = /^(\*\*|\*)(?=\S)((?:`[^`]*`|[^*`])+?)(?<=\S)\1(?!\*)/.exec(rest);
    if (emphasis && !/\w/.test(text[i - 1] ?? '')) {
      flush();
      out.push({ type: emphasis[1] === '**' ? 'strong' : 'em', children: parseInline(emphasis[2]) });
      i += emphasis[0].length;
      continue;
    }
    plain += rest[0];
    i += 1;
  }
  flush();
  return out;
}

/** The text a reader sees, markup gone (for tests, and for one-line places such as titles). */
export function plainText(nodes) {
  const blocks = nodes.some((node) => node.type === 'paragraph' || node.type === 'list');
  return nodes
    .map((node) => {
      if (node.type === 'paragraph') return plainText(node.children);
      if (node.type === 'list') return node.items.map((item) => plainText(item)).join('\n');
      if ('children' in node) return plainText(node.children);
      return node.text;
    })
    .join(blocks ? '\n\n' : '');
}

/** The code spans of `source`, in order: a translation must keep them as they are. */
export function codeSpans(source) {
  const spans = [];
  const visit = (nodes) => {
    for (const node of nodes) {
      if (node.type === 'code') spans.push(node.text);
      else if (node.type === 'list') node.items.forEach(visit);
      else if ('children' in node) visit(node.children);
    }
  };
  visit(parseMarkdown(source));
  return spans;
}

/**
 * DOM nodes for `source` in `doc`, made with createElement and textContent only. `inline` renders
 * the first paragraph's content without its <p> (for table cells and one-line summaries).
 */
export function renderMarkdown(source, doc = document, { inline = false } = {}) {
  const blocks = parseMarkdown(source);
  const fragment = doc.createDocumentFragment();
  const inlines = (parent, nodes) => {
    for (const node of nodes) {
      if (node.type === 'text') parent.append(node.text);
      else if (node.type === 'code') {
        const code = doc.createElement('code');
        code.textContent = node.text;
        parent.append(code);
      } else {
        const element = doc.createElement(node.type === 'link' ? 'a' : node.type);
        if (node.type === 'link') element.setAttribute('href', node.href);
        inlines(element, node.children);
        parent.append(element);
      }
    }
  };
  if (inline && blocks.length === 1 && blocks[0].type === 'paragraph') {
    inlines(fragment, blocks[0].children);
    return fragment;
  }
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const p = doc.createElement('p');
      inlines(p, block.children);
      fragment.append(p);
    } else {
      const list = doc.createElement(block.ordered ? 'ol' : 'ul');
      for (const item of block.items) {
        const li = doc.createElement('li');
        inlines(li, item);
        list.append(li);
      }
      fragment.append(list);
    }
  }
  return fragment;
}
