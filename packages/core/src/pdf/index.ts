// `@sportello/core/pdf`: printable documents (receipts; certificates and self-declarations next)
// as tagged PDF files with embedded fonts, in Node and in the browser. Large (pdf-lib, fontkit and
// the fonts): load it with a dynamic import, when a document is asked for.
export * from './document.js';
export { renderPdf } from './render.js';
