// Registry certificates on the demo site, as citizens and whoever receives a certificate would use
// them: the certificate element, the reference gateway over real HTTP, the demo sign-in and the
// simulated pagoPA checkout, the PDF read back as a phone reads a print, and the verify element,
// online and with the network cut.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { watchPage } from '../support/browser.js';
import { readPdf, scanQrCode } from '../support/pdf-reading.js';
import { demoSiteAndBrowser } from '../support/site.js';

const site = demoSiteAndBrowser();

const CERTIFICATES = '/servizi/certificati-anagrafici.html';
const VERIFY = '/servizi/verificare-certificato.html';

/** From the element's own sign-in button, through the demo sign-in, back to the page as Giulia. */
async function signInAsGiulia(page: Page): Promise<Locator> {
  await page.goto(`${site.server.url}${CERTIFICATES}`);
  const certificate = page.locator('sportello-certificate');
  await certificate.getByRole('heading', { name: 'Accedi per chiedere un certificato' }).waitFor();
  await certificate.getByRole('button', { name: 'Accedi con SPID o CIE' }).click();
  await page.getByRole('button', { name: /Giulia Bianchi/ }).click();
  await page.waitForURL(`${site.server.url}${CERTIFICATES}`);
  await certificate.getByRole('heading', { name: 'A cosa ti serve?' }).waitFor();
  return certificate;
}

/** Answers "what for" and "for whom" with the radio buttons, as the citizen does. */
async function chooseUseAndPerson(certificate: Locator, use: RegExp, person: RegExp): Promise<void> {
  await certificate.getByRole('radio', { name: use }).check();
  await certificate.getByRole('button', { name: 'Avanti' }).click();
  await certificate.getByRole('heading', { name: 'Per chi è?' }).waitFor();
  await certificate.getByRole('radio', { name: person }).check();
  await certificate.getByRole('button', { name: 'Avanti' }).click();
}

/** Clicks a download link and answers the file's bytes and name. */
async function download(page: Page, link: Locator): Promise<{ bytes: Uint8Array; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { bytes: new Uint8Array(readFileSync((await file.path())!)), name: file.suggestedFilename() };
}

/** How many notices the gateway holds: a stamp's notice is one more. */
async function noticeCount(): Promise<number> {
  const { count } = await site.server.gateway.database.db
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Checks `text` (an identifier or a seal) on the verify page; answers the result's heading. */
async function verify(verifier: Locator, text: string): Promise<string> {
  await verifier.getByLabel('Identificativo del certificato').fill(text);
  await verifier.getByRole('button', { name: 'Verifica' }).click();
  const heading = verifier.locator('[part="result"]').getByRole('heading').first();
  await heading.waitFor();
  return (await heading.textContent())!.trim();
}

/** The same text with its character at `index` swapped for another of the same alphabet. */
function changedAt(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe('registry certificates on the demo site', () => {
  /** What the paper carries: read off the PDF by the first test, checked by the later ones. */
  const printed = { identifier: '', seal: '' };

  it('a family certificate for the child, for a bank: stamp paid on checkout, PDF downloaded', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.addInitScript(() => {
      document.addEventListener('sportello-certificate-issued', (event) => {
        sessionStorage.setItem('issued', JSON.stringify((event as CustomEvent).detail));
      });
    });
    const certificate = await signInAsGiulia(page);
    await chooseUseAndPerson(certificate, /^Per un privato/, /^Sofia Verdi/);
    await certificate.getByRole('heading', { name: 'Quale certificato ti serve?' }).waitFor();
    await certificate.getByRole('radio', { name: /^Certificato di stato di famiglia Dice/ }).check();
    await certificate.getByRole('button', { name: 'Avanti' }).click();
    await certificate.getByRole('heading', { name: 'Controlla e conferma' }).waitFor();
    const noticesBefore = await noticeCount();
    await certificate.getByRole('button', { name: 'Chiedi il certificato e paga il bollo' }).click();

    // The stamp: the payment element, with the stamp's notice found, and pagoPA's checkout.
    await certificate.getByRole('heading', { name: 'Paga la marca da bollo' }).waitFor();
    assert.equal(await noticeCount(), noticesBefore + 1, 'one notice for the stamp');
    const payment = certificate.locator('sportello-payment');
    await payment.getByText(/Imposta di bollo/).waitFor();
    assert.match(await payment.locator('[part="summary"]').innerText(), /16,00\s€/);
    await payment.getByRole('button', { name: 'Paga con pagoPA' }).click();
    await page.waitForURL(/\/simulated-pagopa\/checkout\//);
    await page.getByRole('button', { name: /^Paga \(esito positivo\)/ }).click();

    // Back on the page, the element resumes at this request and the certificate is issued.
    await page.waitForURL(/certificate-request=/);
    assert.doesNotMatch(page.url(), /BNCGLU|VRDSFO|Verdi|Bianchi/, 'no personal data in the address');
    await certificate.getByRole('heading', { name: 'Il certificato è pronto' }).waitFor();
    const issued = JSON.parse((await page.evaluate(() => sessionStorage.getItem('issued')))!) as {
      kind: string;
      id: string;
    };
    assert.deepEqual(Object.keys(issued).sort(), ['id', 'kind'], 'kind and id only');
    assert.equal(issued.kind, 'family');

    const pdf = await download(page, certificate.getByRole('link', { name: 'Scarica il certificato (PDF)' }));
    assert.equal(pdf.name, 'certificato-family.pdf');
    const text = (await readPdf(pdf.bytes)).text;
    assert.match(text, /Certificato di stato di famiglia/);
    assert.match(text, /Sofia/);
    assert.match(text, /non può essere prodotto agli organi della pubblica amministrazione/);
    assert.match(text, /Imposta di bollo assolta/);
    // The identifier as the paper prints it, in groups of four, and the seal in its QR.
    printed.identifier = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(text)![1]!;
    assert.equal(printed.identifier.replaceAll('-', ''), issued.id.replaceAll('-', ''));
    printed.seal = (await scanQrCode(pdf.bytes))!;
    assert.match(printed.seal, /^S1\./);
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });

  it('verifies the identifier and the QR as genuine; a changed byte in either is not', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${site.server.url}${VERIFY}`);
    const verifier = page.locator('sportello-certificate-verify');
    assert.equal(await verify(verifier, printed.identifier), 'Il certificato è autentico');
    await verifier.getByText('G. B., L. V., S. V.').waitFor();
    await verifier.getByRole('button', { name: 'Verifica un altro certificato' }).click();
    assert.equal(await verify(verifier, printed.seal), 'Il certificato è autentico');
    await verifier.getByRole('button', { name: 'Verifica un altro certificato' }).click();

    const lastOfIdentifier = printed.identifier.length - 1;
    assert.equal(
      await verify(verifier, changedAt(printed.identifier, lastOfIdentifier)),
      'Nessun certificato con questo identificativo',
    );
    await verifier.getByRole('button', { name: 'Verifica un altro certificato' }).click();
    // One byte of the sealed face changed (the child's initials, as a forger would), the signature kept.
    const [version, payload, signature] = printed.seal.split('.');
    const face = Buffer.from(payload!, 'base64url').toString('utf8');
    assert.ok(face.includes('"S. V."'));
    const forged = Buffer.from(face.replace('"S. V."', '"S. W."'), 'utf8').toString('base64url');
    assert.equal(
      await verify(verifier, [version, forged, signature].join('.')),
      'Il certificato è stato modificato',
    );
    // The gateway's 404 for the unknown identifier, which the browser logs: expected, and the only one.
    const unexpected = problems.errors.filter((error) => !/status of 404/.test(error));
    assert.deepEqual({ ...problems, errors: unexpected }, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });

  it('verifies the QR with the network cut, from the keys kept when the page was online', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.server.url}${VERIFY}`);
    const verifier = page.locator('sportello-certificate-verify');
    await verifier.getByLabel('Identificativo del certificato').waitFor();
    // The element keeps the gateway's public keys as it appears.
    await page.waitForFunction(() =>
      Object.keys(localStorage).some((key) => key.startsWith('sportello.sealKeys:')),
    );
    await context.setOffline(true);
    assert.equal(await verify(verifier, printed.seal), 'Il certificato è autentico');
    await verifier.getByText('G. B., L. V., S. V.').waitFor();
    await context.close();
  });

  it('gives the same citizen a self-declaration for a public office, and asks nothing to pay', async () => {
    const page = await site.browser.newPage();
    const problems = await watchPage(page);
    const certificate = await signInAsGiulia(page);
    const noticesBefore = await noticeCount();
    await chooseUseAndPerson(certificate, /^Per un ufficio pubblico/, /^Sofia Verdi/);
    await certificate.getByRole('heading', { name: 'Cosa vuoi dichiarare?' }).waitFor();
    await certificate.getByRole('checkbox', { name: /^Certificato di stato di famiglia Dice/ }).check();
    await certificate.getByRole('button', { name: 'Prepara l’autocertificazione' }).click();
    await certificate.getByRole('heading', { name: 'L’autocertificazione è pronta' }).waitFor();
    const pdf = await download(
      page,
      certificate.getByRole('link', { name: 'Scarica l’autocertificazione (PDF)' }),
    );
    assert.equal(pdf.name, 'autocertificazione.pdf');
    const text = (await readPdf(pdf.bytes)).text;
    assert.match(text, /DICHIARA/);
    assert.match(text, /articolo 76|art\. 76/);
    assert.match(text, /Sofia Verdi/);
    assert.equal(await scanQrCode(pdf.bytes), undefined, 'a self-declaration carries no seal');
    assert.equal(await noticeCount(), noticesBefore, 'nothing to pay');
    assert.doesNotMatch(page.url(), /simulated-pagopa/);
    assert.deepEqual(problems, { errors: [], warnings: [], cspViolations: [] });
    await page.close();
  });

  it('explains a 403 for someone outside the family, from the gateway itself', async () => {
    const page = await site.browser.newPage();
    const certificate = await signInAsGiulia(page);
    await chooseUseAndPerson(certificate, /^Per un privato/, /^Sofia Verdi/);
    await certificate.getByRole('radio', { name: /^Certificato di nascita/ }).check();
    await certificate.getByRole('button', { name: 'Avanti' }).click();
    await certificate.getByRole('heading', { name: 'Controlla e conferma' }).waitFor();
    // Another citizen signs in in this tab (Mario Rossi, who lives alone) while Giulia's choice of
    // Sofia is on screen: the gateway, not the element's list, refuses him her daughter.
    const mario = await page.evaluate(async () => {
      const response = await fetch('/demo-login/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fiscalCode: 'RSSMRA50C15L219Y' }),
      });
      return ((await response.json()) as { access_token: string }).access_token;
    });
    await page.evaluate((token) => sessionStorage.setItem('sportello.citizenToken', token), mario);
    await certificate.getByRole('button', { name: 'Chiedi il certificato' }).click();
    await certificate
      .getByText(/Puoi chiedere certificati solo per te e per le persone della tua famiglia anagrafica/)
      .waitFor();
    await page.close();
  });

  it('refuses "another exemption" without a reason, in the element and at the gateway', async () => {
    const page = await site.browser.newPage();
    const certificate = await signInAsGiulia(page);
    await certificate.getByRole('radio', { name: /^Per un uso esente dal bollo/ }).check();
    await certificate.getByRole('radio', { name: /^Un’altra esenzione/ }).check();
    await certificate.getByRole('button', { name: 'Avanti' }).click();
    await certificate
      .getByText('Scrivi per quale motivo il certificato è esente dal bollo')
      .first()
      .waitFor();
    assert.equal(await certificate.getByRole('heading', { name: 'Per chi è?' }).count(), 0);

    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/certificates/requests', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${sessionStorage.getItem('sportello.citizenToken')}`,
        },
        body: JSON.stringify({
          kind: 'residence',
          subject: 'BNCGLU85L62H501D',
          use: 'exempt',
          exemption: 'other',
        }),
      });
      return { status: response.status, body: (await response.json()) as { field?: string } };
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.field, 'exemptionReason');
    await page.close();
  });
});
