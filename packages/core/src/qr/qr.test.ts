import { expect, fixture, html } from '@open-wc/testing';
import jsQR from 'jsqr';
import './define.js';
import type { SportelloQr } from './qr.js';

const NOTICE_QR = 'PAGOPA|002|312202600000010279|80001234568|12300';

function encoderRequests(): number {
  return performance.getEntriesByType('resource').filter((entry) => entry.name.includes('qr-encoder')).length;
}

/** Renders the element's SVG to a canvas and reads it back with a real QR decoder. */
async function decode(element: SportelloQr): Promise<string | undefined> {
  const svg = element.shadowRoot!.querySelector('svg')!;
  const markup = new XMLSerializer().serializeToString(svg).replace(
    '<svg ',
    '<svg width="330" height="330" ', // draw it large, as a phone camera would see it
  );
  // Shadow styles do not travel with the markup: colour the modules as the element's CSS does.
  const styled = markup
    .replace('class="ground"', 'fill="#fff" class="ground"')
    .replace('class="modules"', 'fill="#000" class="modules"');
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([styled], { type: 'image/svg+xml' }));
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 330;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0, 330, 330);
  const pixels = context.getImageData(0, 0, 330, 330);
  return jsQR(pixels.data, 330, 330)?.data;
}

describe('<sportello-qr>', () => {
  it('draws an accessible code, downloading the encoder only when a code is first drawn', async () => {
    const empty = await fixture<SportelloQr>(html`<sportello-qr></sportello-qr>`);
    expect(encoderRequests()).to.equal(0);
    await expect(empty).to.be.accessible();

    const element = await fixture<SportelloQr>(
      html`<sportello-qr
        value=${NOTICE_QR}
        label="Codice QR per pagare l’avviso con l’app della banca"
      ></sportello-qr>`,
    );
    expect(encoderRequests()).to.equal(1);
    await expect(element).to.be.accessible();
    const image = element.shadowRoot!.querySelector('[part="code"]')!;
    expect(image.getAttribute('role')).to.equal('img');
    expect(image.getAttribute('aria-label')).to.equal('Codice QR per pagare l’avviso con l’app della banca');
  });

  it('encodes exactly its value: a QR reader gets the pagoPA payload back', async () => {
    const element = await fixture<SportelloQr>(html`<sportello-qr value=${NOTICE_QR}></sportello-qr>`);
    expect(await decode(element)).to.equal(NOTICE_QR);
    // The symbol printed on the paper notice: version 4 (33 modules a side), and the quiet zone.
    expect(element.shadowRoot!.querySelector('svg')!.viewBox.baseVal.width).to.equal(33 + 2 * 4);

    element.value = 'https://comune.example.it/paga?notice=312202600000010279';
    await element.updateComplete;
    expect(await decode(element)).to.equal('https://comune.example.it/paga?notice=312202600000010279');
  });

  it('uses error correction M unless told otherwise: more correction, more modules', async () => {
    // Long enough for each level to need a different symbol size (33, 37 and 49 modules).
    const link = 'https://comune.example.it/servizi/pagamenti?avviso=312202600000010279&ente=80001234568';
    const side = async (level?: string) => {
      const element = await fixture<SportelloQr>(
        level
          ? html`<sportello-qr value=${link} error-correction=${level}></sportello-qr>`
          : html`<sportello-qr value=${link}></sportello-qr>`,
      );
      return element.shadowRoot!.querySelector('svg')!.viewBox.baseVal.width;
    };
    const [low, medium, byDefault, high] = [await side('L'), await side('M'), await side(), await side('H')];
    expect(byDefault).to.equal(medium);
    expect(low).to.be.below(medium);
    expect(high).to.be.above(medium);
  });

  it('gives a text alternative in the page language, following it when it changes', async () => {
    const wrapper = await fixture(
      html`<div lang="it"><sportello-qr value="https://example.org"></sportello-qr></div>`,
    );
    const element = wrapper.querySelector('sportello-qr')!;
    await element.updateComplete;
    const label = () => element.shadowRoot!.querySelector('[part="code"]')!.getAttribute('aria-label');
    expect(label()).to.equal('Codice QR');
    wrapper.setAttribute('lang', 'en');
    await new Promise((resolve) => setTimeout(resolve)); // let the MutationObserver deliver
    await element.updateComplete;
    expect(label()).to.equal('QR code');
  });

  it('leaves its author’s caption and label in the page’s language, marking only its own words', async () => {
    const wrapper = await fixture(
      html`<div lang="de">
        <sportello-qr value="https://example.org" label="QR-Code der Seite"
          >Mit dem Handy scannen</sportello-qr
        >
        <sportello-qr value="https://example.org"></sportello-qr>
      </div>`,
    );
    const [authored, plain] = [...wrapper.querySelectorAll('sportello-qr')];
    await authored!.updateComplete;
    await plain!.updateComplete;
    expect(authored!.hasAttribute('lang'), 'the caption is read as German').to.equal(false);
    expect(authored!.shadowRoot!.querySelector('[part="code"]')!.hasAttribute('lang')).to.equal(false);
    const own = plain!.shadowRoot!.querySelector('[part="code"]')!;
    expect([own.getAttribute('aria-label'), own.getAttribute('lang')]).to.deep.equal(['Codice QR', 'it']);
  });

  it('shows a clear message instead of a broken code when the value is too long to encode', async () => {
    const element = await fixture<SportelloQr>(
      html`<div lang="en"><sportello-qr value=${'x'.repeat(3000)} error-correction="H"></sportello-qr></div>`,
    );
    const qr = element.querySelector('sportello-qr')!;
    await qr.updateComplete;
    expect(qr.shadowRoot!.querySelector('svg')).to.equal(null);
    const error = qr.shadowRoot!.querySelector('[part="error"]')!;
    expect(error.textContent).to.equal('The QR code cannot be drawn: the text is too long.');
    expect(error.getAttribute('role')).to.equal('alert');
  });

  it('shows its caption under the code', async () => {
    const element = await fixture<SportelloQr>(
      html`<sportello-qr value="https://example.org">Inquadra il codice con lo smartphone</sportello-qr>`,
    );
    const slot = element.shadowRoot!.querySelector('figcaption slot') as HTMLSlotElement;
    expect(slot.assignedNodes()[0]!.textContent).to.equal('Inquadra il codice con lo smartphone');
  });
});
