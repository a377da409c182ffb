// Reads a PDF the way a viewer or a screen reader does, with pdfjs-dist (Firefox's reader, not the
// library that wrote the file): its properties, its text, and its structure tree; and the QR code
// printed on a page, drawn by pdfjs (on @napi-rs/canvas, declared for it) and read by jsQR, a decoder
// that shares no code with Sportello's encoder.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import jsQR from 'jsqr';

export interface PdfReading {
  /** The document information: `Title`, `Language`, `Producer`... */
  info: Record<string, unknown>;
  pageCount: number;
  /** All text in content order, lines joined by single spaces. */
  text: string;
  /** Each piece of text drawn, where it starts and how wide it is, and its page's width. */
  pieces: { text: string; page: number; x: number; width: number; pageWidth: number }[];
  /** Per page, the structure tree of what is on it (as pdfjs gives it), each element with its text. */
  structure: StructureNode[];
  /** Text that is neither in the structure tree nor marked as an artifact. */
  untagged: string[];
}

export interface StructureNode {
  role: string;
  text: string;
  children: StructureNode[];
}

/** pdfjs's marked-content item: it also gives the tag, which its types leave out. */
type MarkedContentItem = TextMarkedContent & { tag?: string };

interface PdfjsStructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: PdfjsStructNode[];
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  // pdfjs takes the buffer over: give it a copy.
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  try {
    const { info } = await document.getMetadata();
    const contentText = new Map<string, string>();
    const pieces: PdfReading['pieces'] = [];
    const untagged: string[] = [];
    const trees: PdfjsStructNode[] = [];
    let text = '';
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const pageWidth = page.view[2]! - page.view[0]!;
      const content = await page.getTextContent({ includeMarkedContent: true });
      const open: (string | undefined)[] = [];
      for (const item of content.items as (TextItem | MarkedContentItem)[]) {
        if ('type' in item) {
          if (item.type === 'endMarkedContent') open.pop();
          else open.push(item.id ?? (item.tag === 'Artifact' ? 'artifact' : undefined));
          continue;
        }
        const piece = item.str + (item.hasEOL ? ' ' : '');
        text += piece;
        if (item.str.trim()) {
          pieces.push({ text: item.str, page: number, x: item.transform[4], width: item.width, pageWidth });
        }
        const owner = open.findLast(Boolean);
        if (owner && owner !== 'artifact') contentText.set(owner, (contentText.get(owner) ?? '') + piece);
        else if (!owner && item.str.trim()) untagged.push(item.str);
      }
      const tree = (await page.getStructTree()) as PdfjsStructNode | null;
      if (tree) trees.push(tree);
    }
    return {
      info: info as Record<string, unknown>,
      pageCount: document.numPages,
      text: words(text),
      pieces,
      structure: trees.map((tree) => withText(tree, contentText)),
      untagged,
    };
  } finally {
    await document.destroy();
  }
}

function withText(node: PdfjsStructNode, contentText: Map<string, string>): StructureNode {
  const children = node.children ?? [];
  const ownText = children
    .filter((child) => child.type === 'content')
    .map((child) => contentText.get(child.id!) ?? '')
    .join(' ');
  return {
    role: node.role ?? 'Root',
    text: words(ownText),
    children: children.filter((child) => child.role).map((child) => withText(child, contentText)),
  };
}

/** pdfjs's canvas maker in Node (over @napi-rs/canvas); its types leave it as `Object`. */
interface CanvasFactory {
  create(width: number, height: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D };
}

/**
 * The QR code on a page as a phone reads a print: the page rendered by pdfjs at 144 dpi, read by
 * jsQR; undefined when there is none.
 */
export async function scanQrCode(bytes: Uint8Array, pageNumber = 1): Promise<string | undefined> {
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  try {
    const page = await document.getPage(pageNumber);
    const viewport = page.getViewport({ scale: 2 });
    const { canvas, context } = (document.canvasFactory as CanvasFactory).create(
      viewport.width,
      viewport.height,
    );
    await page.render({ canvas, canvasContext: context, viewport }).promise;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height)?.data;
  } finally {
    await document.destroy();
  }
}
