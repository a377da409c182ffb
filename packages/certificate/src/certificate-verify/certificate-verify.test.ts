import { elementUpdated, expect, fixture, html } from '@open-wc/testing';
import {
  apiClientFor,
  manualClock,
  resetSandbox,
  setClock,
  signInToSandbox,
  type Clock,
  type SandboxTransport,
} from '@sportello/core';
import {
  formatCertificateId,
  generateSealKeys,
  importSealSigningKey,
  sealCertificate,
  type CertificateFace,
  type CertificateKindId,
} from '@sportello/core/certificates';
import { loadScanner } from '@sportello/core/scanner';
import '@sportello/sandbox/register';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import { page, PAGE_SANDBOX, throughNetwork } from '../../../../test/support/sandbox-network.js';
import type { SportelloCertificateVerify } from './certificate-verify.js';

const GIULIA = 'BNCGLU85L62H501D';
const shadow = (element: Element) => element.shadowRoot!;
const heading = (element: Element) => shadow(element).querySelector('h2')?.textContent!.trim();
const text = (element: Element) => shadow(element).textContent!.replace(/\s+/g, ' ');
const button = (element: Element, name: string) =>
  [...shadow(element).querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;
const field = (element: Element) => shadow(element).querySelector<HTMLInputElement>('#certificate-id')!;
const said = (element: Element) => shadow(element).querySelector('[role="status"]')!.textContent!;

async function settled(element: Element, until: () => boolean) {
  for (let i = 0; i < 400 && !until(); i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await elementUpdated(element);
  }
  expect(until(), 'the element reached the expected state').to.equal(true);
}

async function verifier(language = 'it', attributes = ''): Promise<SportelloCertificateVerify> {
  const wrapper = await fixture(
    html`<div lang=${language}>
      <sportello-certificate-verify
        gateway="sandbox"
        ?kiosk=${attributes === 'kiosk'}
      ></sportello-certificate-verify>
    </div>`,
  );
  const element = wrapper.querySelector('sportello-certificate-verify')!;
  await settled(element, () => heading(element) !== undefined);
  return element;
}

/**
 * Types an identifier into the field, or pastes a QR code's text (typing 300 characters one key at
 * a time would only slow the test), and presses Enter, as a person would.
 */
async function check(element: SportelloCertificateVerify, value: string) {
  const input = field(element);
  input.focus();
  input.select();
  if (value.length > 40) {
    input.value = value;
    input.dispatchEvent(
      new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true, composed: true }),
    );
  } else {
    await sendKeys({ type: value });
  }
  await sendKeys({ press: 'Enter' });
}

/** Gives the element a picture as the photo the citizen chose. */
async function choosePhoto(element: SportelloCertificateVerify, picture: HTMLCanvasElement) {
  const blob = await new Promise<Blob>((resolve) => picture.toBlob((b) => resolve(b!), 'image/png'));
  const files = new DataTransfer();
  files.items.add(new File([blob], 'photo.png', { type: 'image/png' }));
  const input = shadow(element).querySelector<HTMLInputElement>('input[type="file"]')!;
  input.files = files.files;
  input.dispatchEvent(new Event('change'));
}

/** A QR code drawn on a canvas, as a camera would see it on paper. */
async function qrPicture(payload: string): Promise<HTMLCanvasElement> {
  const { default: QRCode } = await import('qrcode/lib/core/qrcode.js');
  const { size, data } = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
  const scale = 6;
  const border = 4 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * scale + 2 * border;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (data[row * size + column])
        context.fillRect(border + column * scale, border + row * scale, scale, scale);
    }
  }
  return canvas;
}

/** The first page of a PDF as a picture, drawn by pdfjs (Firefox's reader, not the library that wrote it). */
async function printedPage(pdf: ArrayBuffer): Promise<HTMLCanvasElement> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = '/node_modules/pdfjs-dist/build/pdf.worker.min.mjs';
  const first = await (await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise).getPage(1);
  const viewport = first.getViewport({ scale: 2 });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  await first.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
  return canvas;
}

interface Issued {
  id: string;
  /** The certificate's first page, as printed. */
  paper: HTMLCanvasElement;
  /** The text of its verification QR code, read off the paper. */
  seal: string;
}

/** Giulia Bianchi asks the sandbox for a certificate about herself and prints it. */
async function issue(kind: CertificateKindId): Promise<Issued> {
  const token = await signInToSandbox(GIULIA);
  const holder = await fixture<HTMLDivElement>(html`<div gateway="sandbox"></div>`);
  const api = apiClientFor(holder, { token: () => token });
  const request = await api.post('/api/certificates/requests', {
    body: { kind, subject: GIULIA, use: 'exempt', exemption: 'court-case' },
  });
  const link = await api.post('/api/certificates/requests/{requestId}/download-links', {
    params: { requestId: request.id },
  });
  const pdf = await (await (await page[PAGE_SANDBOX]!).fetch(link.url)).arrayBuffer();
  const paper = await printedPage(pdf);
  const [seal] = await (await loadScanner()).readCodes(paper);
  return { id: request.certificate!.id, paper, seal: seal! };
}

/** The seal with one fact changed and the payload written back, as someone editing the QR would. */
function withChangedFact(seal: string, from: string, to: string): string {
  const [version, payload, signature] = seal.split('.');
  const json = new TextDecoder().decode(
    Uint8Array.from(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
  );
  expect(json).to.contain(from);
  const bytes = new TextEncoder().encode(json.replace(from, to));
  const changed = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `${version}.${changed}.${signature}`;
}

/** No network between the widgets and the sandbox: every request fails as a cut cable does. */
async function cutNetwork() {
  await throughNetwork(() => () => Promise.reject(new TypeError('Failed to fetch')));
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
}

function forgetKeptKeys() {
  for (const key of Object.keys(localStorage))
    if (key.startsWith('sportello.sealKeys:')) localStorage.removeItem(key);
}

describe('<sportello-certificate-verify>', () => {
  let previousClock: Clock;
  let sandbox: Promise<SandboxTransport>;
  let birth: Issued;
  let family: Issued;

  before(async function () {
    // Two certificates issued and printed (the PDF writer, then a PDF reader, load once).
    this.timeout(60_000);
    previousClock = setClock(manualClock('2026-11-23T10:00:00+01:00'));
    resetSandbox();
    forgetKeptKeys();
    birth = await issue('birth');
    family = await issue('family');
    sandbox = page[PAGE_SANDBOX]!;
  });

  afterEach(() => {
    page[PAGE_SANDBOX] = sandbox; // the network put back as it was
    delete (navigator as { onLine?: boolean }).onLine; // back to the prototype's getter
    setClock(manualClock('2026-11-23T10:00:00+01:00'));
  });

  after(() => {
    setClock(previousClock);
    forgetKeptKeys();
  });

  it('is accessible, and asks for the identifier or the QR code', async () => {
    const element = await verifier();
    await expect(element).to.be.accessible();
    expect(heading(element)).to.equal('Verifica un certificato');
    expect(field(element).labels![0]!.textContent).to.equal('Identificativo del certificato');
    expect(button(element, 'Scegli una foto del codice QR')).to.exist;
  });

  it('says genuine for an identifier typed in lower case and groups, and shows only what the paper prints', async () => {
    const element = await verifier();
    const steps: string[] = [];
    element.addEventListener('sportello-step-change', (event) => steps.push(event.detail.step));
    await check(element, formatCertificateId(birth.id).toLowerCase());
    await settled(element, () => heading(element) === 'Il certificato è autentico');
    expect(steps).to.deep.equal(['result']);
    expect(shadow(element).activeElement?.tagName, 'the answer’s heading has the focus').to.equal('H2');
    expect(said(element)).to.contain('Il certificato è autentico. L’ha rilasciato il Comune');
    const shown = text(element);
    for (const printed of [
      'Certificato di nascita',
      'G. B.',
      'Data di nascita',
      '22 luglio 1985',
      'Rilasciato il 23 novembre 2026',
      'Non scade',
      'Comune con codice fiscale 80001234568',
      formatCertificateId(birth.id),
    ]) {
      expect(shown).to.contain(printed);
    }
    expect(shown, 'never the full name or the fiscal code').not.to.match(/Giulia|Bianchi|BNCGLU/);
    expect(shown).not.to.contain('Verificato con il sigillo');
    await expect(element).to.be.accessible();
  });

  it('reads the QR code off a photo of the printed certificate, checks its seal and asks the gateway', async () => {
    const element = await verifier();
    await choosePhoto(element, family.paper);
    await settled(element, () => heading(element) === 'Il certificato è autentico');
    expect(text(element)).to.contain('Certificato di stato di famiglia');
    expect(text(element)).to.contain('Fino al 23 maggio 2027');
    expect(text(element), 'the gateway was asked too').not.to.contain('Verificato con il sigillo');
  });

  it('keeps the municipality’s public keys on the device, and nothing of the certificate', async () => {
    forgetKeptKeys();
    const element = await verifier();
    await check(element, birth.seal);
    await settled(element, () => heading(element) === 'Il certificato è autentico');
    const kept = Object.entries(localStorage).filter(([key]) => key.startsWith('sportello.'));
    expect(kept.map(([key]) => key)).to.deep.equal(['sportello.sealKeys:sandbox']);
    const [keys] = kept.map(([, value]) => JSON.parse(value) as Record<string, string>[]);
    expect(Object.keys(keys![0]!).sort()).to.deep.equal(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(kept[0]![1]).not.to.contain(birth.id);
  });

  it('checks a seal with the network cut, with the keys downloaded once before', async () => {
    forgetKeptKeys();
    const online = await verifier(); // it downloads the keys as it appears
    await settled(online, () => localStorage.getItem('sportello.sealKeys:sandbox') !== null);
    await cutNetwork();
    const element = await verifier();
    await check(element, family.seal);
    await settled(element, () => heading(element) === 'Il certificato è autentico');
    expect(text(element)).to.contain(
      'Verificato con il sigillo del codice QR, senza chiedere al Comune: se il certificato è stato ritirato dopo il rilascio si sa solo online.',
    );
    expect(text(element)).to.contain('G. B.');
    await expect(element).to.be.accessible();

    // An identifier needs the gateway: the citizen is told to scan instead.
    button(element, 'Verifica un altro certificato').click();
    await elementUpdated(element);
    await check(element, family.id);
    await settled(element, () => !!shadow(element).querySelector('[role="alert"]'));
    expect(shadow(element).querySelector('[role="alert"]')!.textContent).to.contain(
      'Senza connessione, inquadra il codice QR del certificato',
    );
  });

  it('says the internet is needed once when offline with no keys kept, and checks once it is back', async () => {
    forgetKeptKeys();
    await cutNetwork();
    const element = await verifier();
    await check(element, birth.seal);
    await settled(element, () => heading(element) === 'Serve internet, una volta');
    expect(text(element)).to.contain('da allora la verifica funziona anche offline');
    page[PAGE_SANDBOX] = sandbox;
    delete (navigator as { onLine?: boolean }).onLine;
    button(element, 'Verifica un altro certificato').click();
    await elementUpdated(element);
    await check(element, birth.seal);
    await settled(element, () => heading(element) === 'Il certificato è autentico');
  });

  it('says genuine but expired, with how it can still be used (art. 41 c. 2), online and offline', async () => {
    setClock(manualClock('2027-06-01T10:00:00+02:00'));
    const element = await verifier();
    await check(element, family.id);
    await settled(element, () => heading(element) === 'Il certificato è autentico, ma è scaduto');
    expect(text(element)).to.contain('vale solo fino al 23 maggio 2027');
    expect(text(element)).to.contain('Puoi usarlo ancora se scrivi in fondo, e firmi, che nulla è cambiato');

    await cutNetwork();
    button(element, 'Verifica un altro certificato').click();
    await elementUpdated(element);
    await check(element, family.seal);
    await settled(element, () => text(element).includes('Verificato con il sigillo'));
    expect(heading(element)).to.equal('Il certificato è autentico, ma è scaduto');
  });

  it('says a certificate changed after it was issued is not valid', async () => {
    const element = await verifier();
    await check(element, withChangedFact(family.seal, 'G. B.', 'G. R.'));
    await settled(element, () => heading(element) === 'Il certificato è stato modificato');
    expect(text(element)).to.contain('Questo certificato è stato cambiato dopo il rilascio');
    expect(text(element), 'nothing of what it claims is shown').not.to.contain('G. R.');
    await expect(element).to.be.accessible();
  });

  it('says a seal from a key this municipality does not use is another municipality’s, or forged', async () => {
    const { privateJwk } = await generateSealKeys('comune-altro-1');
    const face: CertificateFace = {
      kind: 'birth',
      subjectInitials: 'G. B.',
      facts: { birthDate: '1985-07-22', birthPlace: 'Roma' },
      issuedOn: '2026-11-23',
      validUntil: null,
      issuer: '80001234568',
      id: birth.id,
    };
    const forged = await sealCertificate(face, await importSealSigningKey(privateJwk), 'comune-altro-1');
    const element = await verifier();
    await check(element, forged);
    await settled(element, () => heading(element) === 'Il certificato non è di questo Comune');
    expect(text(element)).to.contain('il certificato è di un altro Comune, o è falso');
  });

  it('says a QR code that is not a certificate’s is not one, and a photo without a code has none', async () => {
    const element = await verifier();
    await choosePhoto(element, await qrPicture('PAGOPA|002|312202600000010279|80001234568|12300'));
    await settled(element, () => heading(element) === 'Questo non è il codice QR di un certificato');
    button(element, 'Verifica un altro certificato').click();
    await elementUpdated(element);
    const blank = document.createElement('canvas');
    blank.width = blank.height = 200;
    await choosePhoto(element, blank);
    await settled(element, () => !!shadow(element).querySelector('[role="alert"]'));
    expect(shadow(element).querySelector('[role="alert"]')!.textContent).to.contain(
      'In questa foto non troviamo un codice QR',
    );
  });

  it('says no certificate has an identifier the municipality never issued', async () => {
    const element = await verifier();
    const unknown = birth.id.startsWith('0') ? `1${birth.id.slice(1)}` : `0${birth.id.slice(1)}`;
    await check(element, unknown);
    await settled(element, () => heading(element) === 'Nessun certificato con questo identificativo');
    expect(text(element)).to.contain(formatCertificateId(unknown));
  });

  it('asks again for an identifier that cannot be one, without asking the gateway', async () => {
    const element = await verifier();
    let asked = 0;
    await throughNetwork((sandboxFetch) => (input, init) => (asked++, sandboxFetch(input, init)));
    await check(element, '7K3M-Q9TX');
    await settled(element, () => !!shadow(element).querySelector('[role="alert"]'));
    expect(shadow(element).querySelector('[role="alert"]')!.textContent).to.contain(
      'Questo non è un identificativo di certificato',
    );
    expect(field(element).getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).activeElement).to.equal(field(element));
    expect(asked).to.equal(0);
  });

  it('says a certificate the registry office withdrew is no longer valid, also when its seal holds', async () => {
    // The sandbox withdraws nothing: the gateway's answer is replaced on the way.
    await throughNetwork((sandboxFetch) => async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (!String(input).endsWith('/api/certificates/verifications') || !response.ok) return response;
      return Response.json({ ...(await response.json()), status: 'revoked' });
    });
    const element = await verifier();
    await check(element, birth.seal);
    await settled(element, () => heading(element) === 'Il certificato è stato ritirato');
    expect(text(element)).to.contain('non vale più');
    button(element, 'Verifica un altro certificato').click();
    await elementUpdated(element);
    await check(element, birth.id);
    await settled(element, () => heading(element) === 'Il certificato è stato ritirato');
  });

  it('does not call genuine a sealed certificate the municipality’s records do not know', async () => {
    // A seal made with the municipality's key but unknown to its gateway (a record lost, a test
    // system sharing the key): the gateway's 404 stands against the seal.
    await throughNetwork((sandboxFetch) => async (input, init) => {
      if (!String(input).endsWith('/api/certificates/verifications')) return sandboxFetch(input, init);
      return Response.json(
        { type: 'about:blank', title: 'No certificate', status: 404, code: 'certificate-unknown' },
        { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
      );
    });
    const element = await verifier();
    await check(element, birth.seal);
    await settled(element, () => heading(element) === 'Nessun certificato con questo identificativo');
  });

  it('reads the QR code with the camera', async () => {
    const paper = await qrPicture(birth.seal);
    const getUserMedia = navigator.mediaDevices.getUserMedia;
    let stream: MediaStream | undefined;
    navigator.mediaDevices.getUserMedia = async () => (stream = paper.captureStream());
    // A camera keeps sending frames; the drawing is sent again at each animation frame.
    let filming = true;
    const film = () => {
      if (!filming) return;
      paper.getContext('2d')!.fillRect(0, 0, 1, 1);
      requestAnimationFrame(film);
    };
    film();
    try {
      const element = await verifier();
      button(element, 'Inquadra il codice QR con la fotocamera').click();
      await settled(element, () => heading(element) === 'Il certificato è autentico');
      expect(stream!.getTracks()[0]!.readyState, 'the camera is off').to.equal('ended');
    } finally {
      filming = false;
      navigator.mediaDevices.getUserMedia = getUserMedia;
    }
  });

  it('is accessible in English, and answers in English', async () => {
    const element = await verifier('en');
    expect(heading(element)).to.equal('Check a certificate');
    await expect(element).to.be.accessible();
    await check(element, birth.id);
    await settled(element, () => heading(element) === 'The certificate is genuine');
    expect(text(element)).to.contain('Birth certificate');
    expect(text(element)).to.contain('22 July 1985');
    expect(text(element)).to.contain('It does not expire');
    await expect(element).to.be.accessible();
    button(element, 'Check another certificate').click();
    await elementUpdated(element);
    await check(element, withChangedFact(birth.seal, '1985-07-22', '1985-07-23'));
    await settled(element, () => heading(element) === 'The certificate has been changed');
    await expect(element).to.be.accessible();
  });

  it('gives 48 px targets at a kiosk, where there is no photo to choose', async () => {
    const element = await verifier('it', 'kiosk');
    expect(getComputedStyle(button(element, 'Verifica')).minBlockSize).to.equal('48px');
    expect(shadow(element).querySelector('input[type="file"]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('starts afresh on reset(): nothing of the certificate checked is left', async () => {
    const element = await verifier();
    await check(element, birth.id);
    await settled(element, () => heading(element) === 'Il certificato è autentico');
    element.reset();
    await elementUpdated(element);
    expect(heading(element)).to.equal('Verifica un certificato');
    expect(field(element).value).to.equal('');
    expect(text(element)).not.to.contain('G. B.');

    // A kiosk ending the session while a QR code is being checked: its answer never shows.
    await check(element, birth.seal);
    element.reset();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(heading(element)).to.equal('Verifica un certificato');
    expect(text(element)).not.to.contain('G. B.');
  });
});
