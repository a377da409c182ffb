import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readPdf, scanQrCode, type StructureNode } from '../../../../test/support/pdf-reading.js';
import type { Schemas } from '../api/contract.js';
import { receiptResponse } from '../api/payments.js';
import { FONT_FAMILIES } from './fonts.js';
import { renderPdf } from './index.js';

const LONG_DESCRIPTION =
  'Refezione scolastica del primo quadrimestre, scuola primaria statale Giovanni Pascoli di via delle Rimembranze, plesso centrale e succursale';

function paidPayment(notices: Partial<Schemas['Notice']>[]): Schemas['Payment'] {
  const summaries = notices.map((notice, index) => ({
    creditorFiscalCode: '80001234568',
    noticeNumber: `3122026000000101${78 + index}`,
    payee: 'Comune di Esempio',
    description: 'Mensa scolastica - ottobre 2026',
    amountCents: 4560,
    dueDate: '2026-10-31',
    ...notice,
  }));
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000000',
    status: 'paid',
    amountCents: summaries.reduce((sum, notice) => sum + notice.amountCents, 0),
    notices: summaries,
    createdAt: '2026-11-23T09:00:00.000Z',
    simulated: true,
    receipt: { number: 'SPT-20261123-A1B2C3D4', paidAt: '2026-11-23T09:05:00.000Z', pdfUrl: '/receipt.pdf' },
  };
}

async function receiptBytes(payment: Schemas['Payment']): Promise<Uint8Array> {
  const response = await receiptResponse(payment);
  assert.equal(response.status, 200);
  assert.equal(response.headers?.['Content-Type'], 'application/pdf');
  return response.body as Uint8Array;
}

/** Each label of the structure's tables with the text of its cell: what a screen reader pairs. */
function tableRows(node: StructureNode): [string, string][] {
  if (node.role === 'TR') {
    const cell = (role: string) => node.children.find((child) => child.role === role)?.text ?? '';
    return [[cell('TH'), cell('TD')]];
  }
  return node.children.flatMap(tableRows);
}

/** The figures a screen reader finds on the first page, with their alternative text and bounding box in points. */
async function figuresOf(bytes: Uint8Array): Promise<{ alt?: string; bbox?: number[] }[]> {
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  try {
    type Node = { role?: string; alt?: string; bbox?: number[]; children?: Node[] };
    const figures = (node: Node): Node[] => [
      ...(node.role === 'Figure' ? [node] : []),
      ...(node.children ?? []).flatMap(figures),
    ];
    const tree = (await (await document.getPage(1)).getStructTree()) as Node;
    return figures(tree).map(({ alt, bbox }) => ({ alt, bbox }));
  } finally {
    await document.destroy();
  }
}

describe('PDF documents', () => {
  it('print a long description and names in any script whole, wrapped within the page', async () => {
    assert.equal(LONG_DESCRIPTION.length, 140);
    const reading = await readPdf(
      await receiptBytes(
        paidPayment([
          { description: LONG_DESCRIPTION, payee: 'Občina Dolina' },
          { description: 'Iscrizione al nido: Олена Коваленко', payee: 'Δήμος Αθηναίων' },
        ]),
      ),
    );

    assert.equal(reading.info.Title, 'Ricevuta di pagamento / Payment receipt');
    assert.equal(reading.info.Language, 'it');
    for (const text of [LONG_DESCRIPTION, 'Občina Dolina', 'Олена Коваленко', 'Δήμος Αθηναίων']) {
      assert.ok(reading.text.includes(text), `"${text}" in ${reading.text}`);
    }
    for (const piece of reading.pieces) {
      assert.ok(
        piece.x >= 0 && piece.x + piece.width <= piece.pageWidth,
        `"${piece.text}" runs off the page`,
      );
    }
  });

  it('are tagged: a screen reader finds the title, the headings and each label with its value', async () => {
    const payment = paidPayment([{ description: LONG_DESCRIPTION, payee: 'Občina Dolina' }]);
    const reading = await readPdf(await receiptBytes(payment));

    assert.deepEqual(reading.untagged, [], 'every piece of text is in the structure or an artifact');
    const [page] = reading.structure;
    const document = page!.children[0]!;
    assert.equal(document.role, 'Document');
    assert.deepEqual(
      document.children
        .filter((child) => child.role.startsWith('H'))
        .map((child) => [child.role, child.text]),
      [
        ['H1', 'Ricevuta di pagamento / Payment receipt'],
        ['H2', 'Avviso 1 / Notice 1'],
      ],
    );
    assert.deepEqual(tableRows(document), [
      ['Numero ricevuta / Receipt no.', 'SPT-20261123-A1B2C3D4'],
      ['Data / Date', '23 novembre 2026 alle ore 10:05 (23 November 2026 at 10:05)'],
      ['Importo / Amount', '45,60 €'],
      ['Descrizione / Description', LONG_DESCRIPTION],
      ['Ente creditore / Payee', 'Občina Dolina'],
      ['Codice fiscale ente / Payee tax code', '80001234568'],
      ['Codice avviso / Notice code', '3122 0260 0000 0101 78'],
      ['Importo / Amount', '45,60 €'],
    ]);
    assert.equal(
      document.children.at(-1)!.text,
      'Pagamento simulato: nessun addebito reale. / Simulated payment: no money was taken.',
    );
  });

  it('go on over as many pages as they need, the footer on each and read once', async () => {
    const notices = Array.from({ length: 5 }, (_, index) => ({
      description: `${LONG_DESCRIPTION} (${index + 1})`,
    }));
    const reading = await readPdf(await receiptBytes(paidPayment(notices)));

    assert.ok(reading.pageCount >= 2, `${reading.pageCount} pages`);
    for (const notice of notices) assert.ok(reading.text.includes(notice.description));
    const footer = 'Pagamento simulato: nessun addebito reale.';
    assert.equal(reading.text.split(footer).length - 1, reading.pageCount, 'printed on every page');
    const tagged = JSON.stringify(reading.structure);
    assert.equal(tagged.split(footer).length - 1, 1, 'read once');
    assert.deepEqual(reading.untagged, []);
  });

  it('draw Arabic right to left from its own font, and what no font has as U+FFFD, never a box', async () => {
    const reading = await readPdf(
      await renderPdf({
        title: 'Prova',
        language: 'it',
        blocks: [{ kind: 'paragraph', text: 'Richiedente: محمد عبد الله, nato a Roma; carattere 中.' }],
      }),
    );
    assert.ok(reading.text.includes('محمد عبد الله'), reading.text);
    assert.ok(reading.text.includes('carattere \uFFFD.'), reading.text);
  });

  it('embed only the glyphs they use, in fonts that read back whole', async () => {
    const bytes = await receiptBytes(paidPayment([{ payee: 'Občina Dolina – Δήμος Αθηναίων' }]));
    const pdf = await PDFDocument.load(bytes);
    const programs = pdf.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && object.has(PDFName.of('FontFile2')))
      .map((descriptor) => descriptor.lookup(PDFName.of('FontFile2')))
      .filter((program) => program instanceof PDFRawStream);
    assert.ok(programs.length >= 4, 'Titillium (latin, latin-ext, regular, bold) and Noto Sans for Greek');
    for (const [index, program] of programs.entries()) {
      const font = fontkit.create(decodePDFRawStream(program).decode());
      // A subset, not the whole font: a receipt uses a few dozen glyphs of each.
      assert.ok(font.numGlyphs < 100, `font ${index}: ${font.numGlyphs} glyphs`);
      for (let id = 0; id < font.numGlyphs; id++) assert.doesNotThrow(() => font.getGlyph(id).path);
    }
  });

  it('look for each character in the files whose Unicode ranges @fontsource gives for it', () => {
    const require = createRequire(import.meta.url);
    for (const [family, subsets] of Object.entries(FONT_FAMILIES)) {
      const published = JSON.parse(
        readFileSync(require.resolve(`@fontsource/${family}/unicode.json`), 'utf8'),
      );
      for (const [subset, range] of Object.entries(subsets))
        assert.equal(range, published[subset], `${family} ${subset}`);
    }
  });

  it('draw a QR code that reads back to its text, 4 cm wide or more, as a figure with its alternative text', async () => {
    // A seal's length and alphabet: about 400 characters of base64url, a family certificate's.
    const text = `S1.${'WyJmYW1pbHktd2l0aC1raW5zaGlwIiwiUy4gVi4iLHsiYWRkcmVzcyI6'.repeat(6)}.${'yV4AGt6OpCtQk7jEYjroE517'.repeat(3)}`;
    const bytes = await renderPdf({
      issuer: 'Comune di Esempio',
      title: 'Prova',
      language: 'it',
      blocks: [
        { kind: 'paragraph', text: 'Sopra il codice.' },
        { kind: 'qr', text, caption: 'Inquadra il codice per verificare.', alt: 'Codice QR di verifica' },
        { kind: 'paragraph', text: 'Sotto il codice.' },
      ],
    });

    assert.equal(await scanQrCode(bytes), text);
    const figures = await figuresOf(bytes);
    assert.equal(figures.length, 1);
    const [figure] = figures;
    assert.equal(figure!.alt, 'Codice QR di verifica');
    const [left, bottom, right, top] = figure!.bbox!;
    const centimetre = 72 / 2.54;
    assert.ok(right! - left! >= 4 * centimetre, `${((right! - left!) / centimetre).toFixed(1)} cm wide`);
    assert.ok(Math.abs(top! - bottom! - (right! - left!)) < 0.01, 'square');

    const reading = await readPdf(bytes);
    assert.deepEqual(reading.untagged, []);
    const document = reading.structure[0]!.children[0]!;
    assert.deepEqual(
      document.children.map((child) => [child.role, child.text]),
      [
        ['P', 'Comune di Esempio'],
        ['H1', 'Prova'],
        ['P', 'Sopra il codice.'],
        ['Figure', ''],
        ['P', 'Inquadra il codice per verificare.'],
        ['P', 'Sotto il codice.'],
      ],
      'the issuer, then the title; the caption read after the figure',
    );
  });

  it('refuse a QR code too long to draw, rather than print one nobody can scan', async () => {
    await assert.rejects(
      renderPdf({
        title: 'Prova',
        language: 'it',
        blocks: [{ kind: 'qr', text: 'x'.repeat(3000), caption: '', alt: '' }],
      }),
      RangeError,
    );
  });
});
