// What a printable document says, apart from how it is drawn: receipts, registry certificates and
// self-declarations (tutorial completion certificates later). `renderPdf` lays it out on A4.

/** A document to print: its title, then blocks in reading order, and a footer on every page. */
export interface PdfDocumentModel {
  /** Who issues it, printed above the title (a municipality's name on a certificate). */
  issuer?: string;
  /** The document's title: the first heading on the page, and what viewers show in the title bar. */
  title: string;
  /** The language of its text, as a BCP 47 tag (`it`): screen readers pick their voice by it. */
  language: string;
  /** What the document is about, for its properties (optional). */
  subject?: string;
  blocks: PdfBlock[];
  /** A short line at the bottom of every page (read once, at the end, by assistive technology). */
  footer?: string;
}

export type PdfBlock = PdfHeading | PdfRows | PdfParagraph | PdfQrCode;

/** A section heading under the title. */
export interface PdfHeading {
  kind: 'heading';
  text: string;
}

/** Label and value pairs, one under the other: a two-column table whose labels are row headers. */
export interface PdfRows {
  kind: 'rows';
  rows: readonly (readonly [label: string, value: string])[];
}

/** Running text, wrapped to the page; a newline starts a new line. */
export interface PdfParagraph {
  kind: 'paragraph';
  text: string;
}

/**
 * A QR code, drawn as vector squares (sharp at any printer's resolution) at least 4 cm wide with
 * its quiet zone, and the caption beside it saying how to use it. Read by assistive technology as
 * a figure with `alt`; the caption is read as a paragraph after it.
 */
export interface PdfQrCode {
  kind: 'qr';
  /** What the code holds, encoded as UTF-8 bytes at error correction M. */
  text: string;
  caption: string;
  /** What the figure is, for a screen reader: it cannot read the squares. */
  alt: string;
}
