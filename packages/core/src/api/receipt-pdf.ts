// A one-page PDF receipt, written directly (PDF 1.4, standard Helvetica): small enough to share
// between the gateway and the sandbox, with no dependency. Text is WinAnsi (Latin-1 plus €).

const PAGE = { width: 595, height: 842 }; // A4 in points

function winAnsi(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (char === '€') bytes.push(0x80);
    else if (char === '’' || char === '‘') bytes.push(0x27);
    else if (char === '“' || char === '”') bytes.push(0x22);
    else if (char === '–' || char === '—') bytes.push(0x2d);
    else bytes.push(code >= 0x20 && code <= 0xff ? code : 0x3f); // '?' for anything else
  }
  return bytes;
}

/** A PDF string literal: parentheses and backslashes escaped, other bytes as they are. */
function literal(text: string): string {
  return `(${String.fromCharCode(...winAnsi(text)).replace(/[()\\]/g, '\\$&')})`;
}

export interface ReceiptContent {
  title: string;
  /** Label and value, one per line. */
  lines: [string, string][];
  footer: string;
}

export function receiptPdf(content: ReceiptContent): Uint8Array {
  const operations = [`BT /F2 20 Tf 56 ${PAGE.height - 80} Td ${literal(content.title)} Tj ET`];
  content.lines.forEach(([label, value], index) => {
    const y = PAGE.height - 130 - index * 28;
    operations.push(
      `BT /F1 11 Tf 56 ${y} Td ${literal(label)} Tj ET`,
      `BT /F2 12 Tf 230 ${y} Td ${literal(value)} Tj ET`,
    );
  });
  operations.push(`BT /F1 9 Tf 56 60 Td ${literal(content.footer)} Tj ET`);
  const stream = operations.join('\n');

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Lang (it) >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
  ];
  // Every character above is a single byte (winAnsi already mapped the text), so string offsets
  // are byte offsets.
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(body, (char) => char.charCodeAt(0));
}
