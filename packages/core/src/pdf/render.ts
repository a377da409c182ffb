// Lays a PdfDocumentModel out on A4 pages with pdf-lib: embedded, subset fonts (see fonts.ts),
// text wrapped to the width it has, QR codes as vector squares, and tagged (a structure tree of
// headings, a table of labels and values, paragraphs, figures with their alternative text), so that
// screen readers and reflowing viewers read it in order.
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  rgb,
  type PDFFont,
  type PDFPage,
  type PDFRef,
  type RGB,
} from 'pdf-lib';
import { drawQr, QUIET_ZONE } from '../qr/qr-encoder.js';
import type { PdfDocumentModel, PdfParagraph, PdfQrCode, PdfRows } from './document.js';
import { FontBook, sharedFontkit, type FontWeight, type LoadedFont } from './fonts.js';

const PAGE = { width: 595.28, height: 841.89 }; // A4, in points
const MARGIN = 56.7; // 2 cm
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const LABEL_WIDTH = 170;
const COLUMN_GAP = 14;
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - COLUMN_GAP;
/**
 * The QR symbol's width without its quiet zone: 4.5 cm. A certificate's seal (240 to 410 characters:
 * versions 11 to 15 at error correction M, 61 to 77 modules) gets modules of 0.6 to 0.7 mm, which a
 * phone reads from a print and a cheap printer still draws apart.
 */
const QR_SYMBOL_WIDTH = (45 / 25.4) * 72;

interface TextStyle {
  size: number;
  leading: number;
  weight: FontWeight;
  color: RGB;
}

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.3, 0.3, 0.3); // 8.6:1 on white
const STYLES = {
  title: { size: 20, leading: 25, weight: 700, color: INK },
  heading: { size: 14, leading: 18, weight: 700, color: INK },
  label: { size: 10, leading: 13, weight: 400, color: MUTED },
  value: { size: 11, leading: 14, weight: 700, color: INK },
  paragraph: { size: 11, leading: 15, weight: 400, color: INK },
  footer: { size: 9, leading: 12, weight: 400, color: MUTED },
  issuer: { size: 12, leading: 16, weight: 700, color: MUTED },
  caption: { size: 10, leading: 13, weight: 400, color: INK },
} satisfies Record<string, TextStyle>;

/** Renders a document to the bytes of a PDF file. */
export async function renderPdf(model: PdfDocumentModel): Promise<Uint8Array> {
  const book = new FontBook();
  const texts = textsByWeight(model);
  await book.prepare(texts[400], 400);
  await book.prepare(texts[700], 700);

  const pdf = await PDFDocument.create();
  pdf.registerFontkit(sharedFontkit);
  pdf.setTitle(model.title, { showInWindowTitleBar: true });
  pdf.setLanguage(model.language);
  if (model.subject) pdf.setSubject(model.subject);
  pdf.setProducer('Sportello (pdf-lib)');
  pdf.setCreator('Sportello');

  const embedded = new Map<LoadedFont, PDFFont>();
  for (const font of book.fonts) embedded.set(font, await pdf.embedFont(font.bytes, { subset: true }));
  const writer = new PageWriter(pdf, book, embedded, model.footer);
  writer.write(model);
  writer.finish();
  return pdf.save();
}

function textsByWeight(model: PdfDocumentModel): Record<FontWeight, string[]> {
  const texts: Record<FontWeight, string[]> = {
    400: [model.footer ?? ''],
    700: [model.title, model.issuer ?? ''],
  };
  for (const block of model.blocks) {
    if (block.kind === 'heading') texts[STYLES.heading.weight].push(block.text);
    if (block.kind === 'paragraph') texts[STYLES.paragraph.weight].push(block.text);
    if (block.kind === 'qr') texts[STYLES.caption.weight].push(block.caption);
    if (block.kind === 'rows') {
      for (const [label, value] of block.rows) {
        texts[STYLES.label.weight].push(label);
        texts[STYLES.value.weight].push(value);
      }
    }
  }
  return texts;
}

/** An element of the structure tree: a standard PDF role, and its children in reading order. */
interface StructureElement {
  role: string;
  kids: (StructureElement | MarkedContent)[];
  /** Names (`Table`, `Row`) and numbers (a bounding box). */
  attributes?: Record<string, string | number[]>;
  /** Alternative text: what a screen reader says for a figure. */
  alt?: string;
}

/** A marked-content sequence on a page, by its id there. */
interface MarkedContent {
  page: number;
  mcid: number;
}

class PageWriter {
  private readonly pages: PDFPage[] = [];
  /** Per page, the structure element of each marked-content id (the structure's parent tree). */
  private readonly owners: StructureElement[][] = [];
  private readonly root: StructureElement = { role: 'Document', kids: [] };
  private readonly footerLines: string[];
  private readonly bottom: number;
  private y = 0;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly book: FontBook,
    private readonly fonts: Map<LoadedFont, PDFFont>,
    footer: string | undefined,
  ) {
    this.footerLines = footer ? this.wrap(footer, STYLES.footer, CONTENT_WIDTH) : [];
    this.bottom = MARGIN + this.footerLines.length * STYLES.footer.leading + 16;
    this.newPage();
  }

  write(model: PdfDocumentModel): void {
    if (model.issuer) {
      this.lines(
        this.element('P'),
        this.wrap(model.issuer, STYLES.issuer, CONTENT_WIDTH),
        MARGIN,
        STYLES.issuer,
      );
      this.y -= 6;
    }
    const title = this.element('H1');
    this.lines(title, this.wrap(model.title, STYLES.title, CONTENT_WIDTH), MARGIN, STYLES.title);
    this.artifact(() => {
      const y = this.y - 6;
      this.page.drawLine({ start: { x: MARGIN, y }, end: { x: PAGE.width - MARGIN, y }, color: MUTED });
    });
    this.y -= 18;
    for (const block of model.blocks) {
      if (block.kind === 'heading') this.heading(block.text);
      if (block.kind === 'rows') this.rows(block);
      if (block.kind === 'paragraph') this.paragraph(block);
      if (block.kind === 'qr') this.qrCode(block);
    }
  }

  /** Draws the footer on every page and writes the structure tree. */
  finish(): void {
    const footer = this.footerLines.length > 0 ? this.element('P') : undefined;
    this.pages.forEach((page, index) => {
      const draw = () =>
        this.footerLines.forEach((line, number) =>
          this.drawLine(
            page,
            line,
            MARGIN,
            MARGIN + (this.footerLines.length - 1 - number) * STYLES.footer.leading,
            STYLES.footer,
          ),
        );
      // Read once, after the content: on the last page; elsewhere it is page furniture.
      if (!footer) return;
      if (index === this.pages.length - 1) this.marked(footer, index, draw);
      else this.artifact(draw, page, '<</Type /Pagination /Subtype /Footer>>');
    });
    this.writeStructure();
  }

  private get page(): PDFPage {
    return this.pages.at(-1)!;
  }

  private newPage(): void {
    this.pages.push(this.pdf.addPage([PAGE.width, PAGE.height]));
    this.owners.push([]);
    this.y = PAGE.height - MARGIN;
  }

  /** Starts a new page unless `height` more fits on this one. */
  private makeRoom(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }

  private heading(text: string): void {
    const lines = this.wrap(text, STYLES.heading, CONTENT_WIDTH);
    // A heading stays with what follows it: room for itself and two more lines.
    this.makeRoom(14 + lines.length * STYLES.heading.leading + 2 * STYLES.value.leading);
    if (this.y < PAGE.height - MARGIN) this.y -= 14;
    this.lines(this.element('H2'), lines, MARGIN, STYLES.heading);
    this.y -= 6;
  }

  private rows(block: PdfRows): void {
    const table = this.element('Table');
    for (const [label, value] of block.rows) {
      const labelLines = this.wrap(label, STYLES.label, LABEL_WIDTH);
      const valueLines = this.wrap(value, STYLES.value, VALUE_WIDTH);
      const height = Math.max(
        labelLines.length * STYLES.label.leading,
        valueLines.length * STYLES.value.leading,
      );
      this.makeRoom(height);
      const row = this.element('TR', table);
      const top = this.y;
      // Both columns share their first baseline.
      const baseline = top - STYLES.value.size;
      this.marked(this.element('TH', row, { O: 'Table', Scope: 'Row' }), this.pages.length - 1, () =>
        labelLines.forEach((line, index) =>
          this.drawLine(this.page, line, MARGIN, baseline - index * STYLES.label.leading, STYLES.label),
        ),
      );
      this.marked(this.element('TD', row), this.pages.length - 1, () =>
        valueLines.forEach((line, index) =>
          this.drawLine(
            this.page,
            line,
            MARGIN + LABEL_WIDTH + COLUMN_GAP,
            baseline - index * STYLES.value.leading,
            STYLES.value,
          ),
        ),
      );
      this.y = top - height - 7;
    }
    this.y -= 4;
  }

  private paragraph(block: PdfParagraph): void {
    this.lines(
      this.element('P'),
      this.wrap(block.text, STYLES.paragraph, CONTENT_WIDTH),
      MARGIN,
      STYLES.paragraph,
    );
    this.y -= 8;
  }

  /**
   * The code on the left, in black on the white of the page with its quiet zone kept clear, and its
   * caption on the right, top-aligned; both on one page. The squares are one vector path (runs of
   * dark modules as rectangles): sharp at any resolution, and a few kilobytes.
   */
  private qrCode(block: PdfQrCode): void {
    const drawing = drawQr(block.text, 'M');
    const symbolModules = drawing.side - 2 * QUIET_ZONE;
    const moduleSize = QR_SYMBOL_WIDTH / symbolModules;
    const side = drawing.side * moduleSize;
    const captionX = MARGIN + side + COLUMN_GAP;
    const captionLines = this.wrap(block.caption, STYLES.caption, PAGE.width - MARGIN - captionX);
    this.makeRoom(Math.max(side, captionLines.length * STYLES.caption.leading));
    const top = this.y;
    // PDF/UA: a figure has its alternative text, and its bounding box among its layout attributes.
    const figure = this.element('Figure', this.root, {
      O: 'Layout',
      BBox: [MARGIN, top - side, MARGIN + side, top],
      Placement: 'Block',
    });
    figure.alt = block.alt;
    this.marked(figure, this.pages.length - 1, () =>
      // The path's own coordinates run downwards from the top left, in modules, quiet zone included.
      this.page.drawSvgPath(drawing.path, { x: MARGIN, y: top, scale: moduleSize, color: rgb(0, 0, 0) }),
    );
    // The caption starts where the symbol's first row does, not at the quiet zone's edge.
    this.y = top - QUIET_ZONE * moduleSize;
    this.lines(this.element('P'), captionLines, captionX, STYLES.caption);
    this.y = Math.min(this.y, top - side) - 8;
  }

  /** Draws lines one under the other, going on to a new page when one does not fit. */
  private lines(element: StructureElement, lines: string[], x: number, style: TextStyle): void {
    let start = 0;
    while (start < lines.length) {
      this.makeRoom(style.leading);
      const fitting = Math.max(1, Math.floor((this.y - this.bottom) / style.leading));
      const onThisPage = lines.slice(start, start + fitting);
      this.marked(element, this.pages.length - 1, () => {
        for (const line of onThisPage) {
          this.drawLine(this.page, line, x, this.y - style.size, style);
          this.y -= style.leading;
        }
      });
      start += onThisPage.length;
    }
  }

  /** Draws one line, run by run, each in its font. */
  private drawLine(page: PDFPage, line: string, x: number, baseline: number, style: TextStyle): void {
    for (const run of this.book.runs(line, style.weight)) {
      const font = this.fonts.get(run.font)!;
      const size = style.size * run.font.sizeScale;
      page.drawText(run.text, { x, y: baseline, size, font, color: style.color });
      x += font.widthOfTextAtSize(run.text, size);
    }
  }

  private width(text: string, style: TextStyle): number {
    return this.book
      .runs(text, style.weight)
      .reduce(
        (sum, run) =>
          sum + this.fonts.get(run.font)!.widthOfTextAtSize(run.text, style.size * run.font.sizeScale),
        0,
      );
  }

  /** `text` in lines no wider than `width`: broken at spaces, and within a word only if it is wider than a line. */
  private wrap(text: string, style: TextStyle, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ').filter(Boolean)) {
        const longer = line ? `${line} ${word}` : word;
        if (this.width(longer, style) <= width) {
          line = longer;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        while (this.width(line, style) > width) {
          const head = this.fittingStart(line, style, width);
          lines.push(head);
          line = line.slice(head.length);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** The longest start of `word` (whole characters, at least one) no wider than `width`. */
  private fittingStart(word: string, style: TextStyle, width: number): string {
    let head = '';
    for (const { segment } of graphemes.segment(word)) {
      if (head && this.width(head + segment, style) > width) break;
      head += segment;
    }
    return head;
  }

  private element(
    role: string,
    parent = this.root,
    attributes?: StructureElement['attributes'],
  ): StructureElement {
    const element: StructureElement = { role, kids: [], ...(attributes && { attributes }) };
    parent.kids.push(element);
    return element;
  }

  /** Wraps what `draw` adds to page `index` in a marked-content sequence belonging to `element`. */
  private marked(element: StructureElement, index: number, draw: () => void): void {
    const page = this.pages[index]!;
    const mcid = this.owners[index]!.push(element) - 1;
    page.pushOperators(
      PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
        PDFName.of(element.role),
        `<</MCID ${mcid}>>`,
      ]),
    );
    draw();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    element.kids.push({ page: index, mcid });
  }

  /** Wraps what `draw` adds in an artifact: decoration that assistive technology skips. */
  private artifact(draw: () => void, page = this.page, properties = '<<>>'): void {
    page.pushOperators(
      PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Artifact'), properties]),
    );
    draw();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }

  /** The structure tree, its parent tree, and the catalog entries that say the file is tagged. */
  private writeStructure(): void {
    const context = this.pdf.context;
    const refs = new Map<StructureElement, PDFRef>();
    const register = (element: StructureElement) => {
      refs.set(element, context.nextRef());
      for (const kid of element.kids) if ('role' in kid) register(kid);
    };
    register(this.root);
    const treeRoot = context.nextRef();
    const write = (element: StructureElement, parent: PDFRef) => {
      const kids = element.kids.map((kid) =>
        'role' in kid
          ? refs.get(kid)!
          : context.obj({ Type: 'MCR', Pg: this.pages[kid.page]!.ref, MCID: kid.mcid }),
      );
      context.assign(
        refs.get(element)!,
        context.obj({
          Type: 'StructElem',
          S: element.role,
          P: parent,
          K: kids,
          ...(element.attributes && { A: context.obj(element.attributes) }),
          ...(element.alt !== undefined && { Alt: PDFHexString.fromText(element.alt) }),
        }),
      );
      for (const kid of element.kids) if ('role' in kid) write(kid, refs.get(element)!);
    };
    write(this.root, treeRoot);
    const parentTree = context.obj({
      Nums: this.owners.flatMap((owners, index) => [index, owners.map((owner) => refs.get(owner)!)]),
    });
    context.assign(
      treeRoot,
      context.obj({
        Type: 'StructTreeRoot',
        K: refs.get(this.root)!,
        ParentTree: context.register(parentTree),
        ParentTreeNextKey: this.pages.length,
      }),
    );
    this.pages.forEach((page, index) => {
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(index));
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    });
    this.pdf.catalog.set(PDFName.of('StructTreeRoot'), treeRoot);
    this.pdf.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
