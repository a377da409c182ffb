import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import {
  manualClock,
  resetSandbox,
  setClock,
  signInToSandbox,
  type CitizenTokenSource,
} from '@sportello/core';
import '@sportello/sandbox/register';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import { sandboxApi, throughNetwork } from '../../../../test/support/sandbox-network.js';
import type { SportelloCertificate } from './certificate.js';

const GIULIA = 'BNCGLU85L62H501D'; // head of the couple with a child
const MARIO = 'RSSMRA50C15L219Y'; // lives alone

const shadow = (element: Element) => element.shadowRoot!;
const heading = (element: Element) =>
  shadow(element).querySelector('.step-heading')?.textContent?.trim() ?? '';
const text = (element: Element) => shadow(element).textContent!.replace(/\s+/g, ' ');
const buttons = (element: Element) => [...shadow(element).querySelectorAll<HTMLButtonElement>('button')];
const button = (element: Element, name: string) =>
  buttons(element).find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === name);
const alertText = (element: Element) =>
  shadow(element).querySelector('[role="alert"]')?.textContent?.trim() ?? '';
const payment = (element: Element) => shadow(element).querySelector('sportello-payment');

/** Waits until the element has finished whatever it was doing (API calls included), frame by frame. */
async function settled(element: Element, until: () => boolean) {
  for (let i = 0; i < 250 && !until(); i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await elementUpdated(element as SportelloCertificate);
  }
  expect(until(), 'the element reached the expected state').to.equal(true);
}

async function press(element: Element, name: string) {
  await settled(element, () => Boolean(button(element, name)));
  button(element, name)!.click();
  await elementUpdated(element as SportelloCertificate);
}

/** A choice's name, without the line under it that explains it. */
const choiceName = (label: HTMLLabelElement) =>
  label
    .textContent!.replace(label.querySelector('.hint')?.textContent ?? '', '')
    .replace(/\s+/g, ' ')
    .trim();

/** The choice named `name` (or whose name starts with it), as the citizen reads it. */
const choiceNamed = (element: Element, name: string) => {
  const labels = [...shadow(element).querySelectorAll('label')];
  return labels.find((l) => choiceName(l) === name) ?? labels.find((l) => choiceName(l).startsWith(name));
};

/** Picks a radio or checkbox by its name, as a citizen clicks it. */
async function choose(element: Element, name: string) {
  await settled(element, () => choiceNamed(element, name) !== undefined);
  choiceNamed(element, name)!.querySelector('input')!.click();
  await elementUpdated(element as SportelloCertificate);
}

/** Answers a question and goes on to the step whose heading is `next`. */
async function answer(element: Element, label: string, next: string, go = 'Avanti') {
  await choose(element, label);
  await press(element, go);
  await settled(element, () => heading(element) === next);
}

/** A certificate element on a sandbox page, signed in as `citizen` (none: nobody signed in). */
async function certificate(
  options: { citizen?: string; lang?: string; attributes?: Record<string, string> } = {},
): Promise<SportelloCertificate> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div gateway="sandbox" lang=${options.lang ?? 'it'}></div>`,
  );
  const element = document.createElement('sportello-certificate');
  for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
  if (options.citizen) {
    const token = await signInToSandbox(options.citizen);
    element.getToken = () => token;
  }
  wrapper.append(element);
  await element.updateComplete;
  return element;
}

/** As a citizen at a step: the path to the review of the family certificate for Sofia, for a bank. */
async function familyCertificateForBank(element: SportelloCertificate) {
  await answer(element, 'Per un privato', 'Per chi è?');
  await answer(element, 'Sofia Verdi', 'Quale certificato ti serve?');
  await answer(element, 'Certificato di stato di famiglia', 'Controlla e conferma');
}

/** The request the page's address names, as checkout comes back to it. */
const requestInAddress = () => new URL(location.href).searchParams.get('certificate-request');

function leaveAddressAlone() {
  const url = new URL(location.href);
  url.searchParams.delete('certificate-request');
  url.searchParams.delete('payment');
  history.replaceState(null, '', url);
}

beforeEach(() => {
  resetSandbox();
  sessionStorage.clear();
  leaveAddressAlone();
});
afterEach(leaveAddressAlone);

describe('<sportello-certificate>', () => {
  it('is accessible at its first question, which asks what the document is for', async () => {
    const element = await certificate({ citizen: GIULIA });
    await expect(element).to.be.accessible();
    expect(heading(element)).to.equal('A cosa ti serve?');
    expect(text(element)).to.include('Per un ufficio pubblico o un gestore di servizi pubblici');
    expect(text(element)).to.include('Basta un’autocertificazione, gratuita');
  });

  for (const lang of ['it', 'en'] as const) {
    it(`is accessible at every step, in ${lang === 'it' ? 'Italian' : 'English'}`, async () => {
      const words =
        lang === 'it'
          ? {
              private: 'Per un privato',
              exempt: 'Per un uso esente dal bollo',
              other: 'Un’altra esenzione',
              office: 'Per un ufficio pubblico',
              next: 'Avanti',
              who: 'Per chi è?',
              kind: 'Quale certificato ti serve?',
              family: 'Certificato di stato di famiglia',
              residence: 'Certificato di residenza',
              review: 'Controlla e conferma',
              pay: 'Chiedi il certificato e paga il bollo',
              stamp: 'Paga la marca da bollo',
              facts: 'Cosa vuoi dichiarare?',
              make: 'Prepara l’autocertificazione',
              declaration: 'L’autocertificazione è pronta',
              signIn: 'Accedi per chiedere un certificato',
            }
          : {
              private: 'For a private party',
              exempt: 'For a use exempt from the stamp',
              other: 'Another exemption',
              office: 'For a public office',
              next: 'Next',
              who: 'Who is it for?',
              kind: 'Which certificate do you need?',
              family: 'Family certificate',
              residence: 'Residence certificate',
              review: 'Check and confirm',
              pay: 'Ask for the certificate and pay the stamp',
              stamp: 'Pay the stamp duty',
              facts: 'What do you want to declare?',
              make: 'Prepare the self-declaration',
              declaration: 'Your self-declaration is ready',
              signIn: 'Sign in to ask for a certificate',
            };
      const signedOut = await certificate({ lang });
      expect(heading(signedOut)).to.equal(words.signIn);
      await expect(signedOut).to.be.accessible();

      const element = await certificate({ citizen: GIULIA, lang });
      // What for, with the exemptions and the reason of "another exemption", wrong.
      await choose(element, words.exempt);
      await choose(element, words.other);
      await press(element, words.next);
      await settled(element, () => shadow(element).querySelector('#reason-error') !== null);
      await expect(element).to.be.accessible();
      await answer(element, words.private, words.who, words.next);
      await expect(element).to.be.accessible();
      await answer(element, 'Sofia Verdi', words.kind, words.next);
      shadow(element).querySelector('details')!.open = true;
      await expect(element).to.be.accessible();
      await answer(element, words.family, words.review, words.next);
      await expect(element).to.be.accessible();
      await press(element, words.pay);
      await settled(element, () => heading(element) === words.stamp && payment(element) !== null);
      await settled(element, () => shadow(payment(element)!).querySelector('[part="summary"]') !== null);
      await expect(element).to.be.accessible();

      // The certificate's download, after an exempt request.
      element.reset();
      await choose(element, words.exempt);
      await answer(element, lang === 'it' ? 'Una causa in tribunale' : 'A court case', words.who, words.next);
      await answer(element, 'Giulia Bianchi', words.kind, words.next);
      await answer(element, words.residence, words.review, words.next);
      await press(element, lang === 'it' ? 'Chiedi il certificato' : 'Ask for the certificate');
      await settled(element, () => shadow(element).querySelector('a[part="download"]') !== null);
      await expect(element).to.be.accessible();

      // The self-declaration.
      element.reset();
      await answer(element, words.office, words.who, words.next);
      await answer(element, 'Giulia Bianchi', words.facts, words.next);
      await expect(element).to.be.accessible();
      await answer(element, words.residence, words.declaration, words.make);
      await expect(element).to.be.accessible();
    });
  }

  it('without a token says why signing in is needed, and asks the page when the citizen presses', async () => {
    const element = await certificate();
    expect(heading(element)).to.equal('Accedi per chiedere un certificato');
    expect(text(element)).to.include('I certificati contengono dati personali');
    expect(text(element)).to.include('SPID o CIE');
    let token: string | undefined = undefined; // nobody signed in yet
    const asked: CitizenTokenSource = () => token;
    element.getToken = asked;
    await element.updateComplete;
    const required = oneEvent(element, 'sportello-auth-required');
    await press(element, 'Accedi con SPID o CIE');
    expect((await required).detail).to.deep.equal({ service: 'certificate', reason: 'missing' });
    expect(heading(element)).to.equal('Accedi per chiedere un certificato');

    // The page signs the citizen in; they press again, and the element asks for the token again.
    token = await signInToSandbox(GIULIA);
    await press(element, 'Accedi con SPID o CIE');
    await settled(element, () => heading(element) === 'A cosa ti serve?');
    await answer(element, 'Per un privato', 'Per chi è?');
    await settled(element, () => text(element).includes('Giulia Bianchi (tu)'));
  });

  it('a token the gateway refuses even renewed: says the session ended, fires auth-required, and goes on after', async () => {
    const element = await certificate();
    const renewals: boolean[] = [];
    let token = 'sandbox.not-a-token';
    element.getToken = ({ renew }) => (renewals.push(renew), token);
    await element.updateComplete;
    await settled(element, () => heading(element) === 'A cosa ti serve?');
    const required = oneEvent(element, 'sportello-auth-required');
    await answer(element, 'Per un privato', 'Accedi per chiedere un certificato');
    expect((await required).detail).to.deep.equal({ service: 'certificate', reason: 'expired' });
    expect(renewals, 'asked once more, to renew').to.include(true);
    expect(text(element)).to.include('La sessione è scaduta');

    token = await signInToSandbox(GIULIA);
    await press(element, 'Accedi con SPID o CIE');
    await settled(element, () => heading(element) === 'Per chi è?' && text(element).includes('Sofia Verdi'));
  });

  it('the family certificate for the child, for a bank: the stamp is paid in the payment element, then the certificate', async () => {
    const element = await certificate({ citizen: GIULIA });
    await familyCertificateForBank(element);
    expect(text(element)).to.include('Sofia Verdi');
    expect(text(element)).to.include('16,00 €, da pagare con pagoPA');
    await press(element, 'Chiedi il certificato e paga il bollo');
    await settled(element, () => heading(element) === 'Paga la marca da bollo' && payment(element) !== null);
    const pay = payment(element)!;
    expect(pay.getAttribute('notice')).to.match(/^\d{18}$/);
    expect(pay.getAttribute('creditor')).to.equal('80001234568');
    const requestId = requestInAddress();
    expect(requestId, 'a reload comes back to the request').to.match(/^[0-9a-f-]{36}$/);
    expect(new URL(pay.getAttribute('return-url')!).searchParams.get('certificate-request')).to.equal(
      requestId,
    );
    expect(location.href, 'nothing about the citizen in the address').to.not.include('VRDSFO');

    // The payment element finds the stamp's notice: pay it in the practice checkout.
    const payButton = () =>
      [...shadow(pay).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Paga con pagoPA');
    await settled(element, () => payButton() !== undefined);
    payButton()!.click();
    await settled(element, () =>
      [...shadow(pay).querySelectorAll('button')].some((b) => b.textContent!.trim() === 'Paga'),
    );
    const issued = oneEvent(element, 'sportello-certificate-issued');
    [...shadow(pay).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Paga')!.click();
    const { detail } = await issued;
    expect(Object.keys(detail).sort()).to.deep.equal(['id', 'kind']);
    expect(detail.kind).to.equal('family');
    await settled(element, () => heading(element) === 'Il certificato è pronto');
    await settled(element, () => shadow(element).querySelector('a[part="download"]') !== null);
    expect(text(element)).to.include(detail.id.replace(/(.{4})(?=.)/g, '$1-'));
  });

  it('comes back to the request named in the address: the stamp still to pay, then, once paid elsewhere and signed in again, the certificate', async () => {
    const first = await certificate({ citizen: GIULIA });
    await familyCertificateForBank(first);
    await press(first, 'Chiedi il certificato e paga il bollo');
    // The payment element has found the stamp's notice before the page is left.
    const summaryShown = (element: Element) =>
      payment(element)?.shadowRoot?.querySelector('[part="summary"]') != null;
    await settled(first, () => summaryShown(first));
    const notice = {
      noticeNumber: payment(first)!.getAttribute('notice')!,
      creditorFiscalCode: payment(first)!.getAttribute('creditor')!,
    };
    first.remove();

    // A reload before paying: the stamp step again, with the same notice.
    const reloaded = await certificate({ citizen: GIULIA });
    await settled(reloaded, () => summaryShown(reloaded));
    expect(payment(reloaded)!.getAttribute('notice')).to.equal(notice.noticeNumber);
    reloaded.remove();

    // Paid on pagoPA checkout (as another tab, or the phone, would), then back to the page.
    const sandbox = await sandboxApi();
    const paid = await sandbox.post('/api/payments/checkouts', {
      body: { notices: [notice], returnUrl: location.href },
      idempotencyKey: crypto.randomUUID(),
    });
    await sandbox.post('/api/payments/{paymentId}/simulated-outcome', {
      params: { paymentId: paid.id },
      body: { outcome: 'paid' },
    });
    const url = new URL(location.href);
    url.searchParams.set('payment', paid.id);
    history.replaceState(null, '', url);
    const issued: string[] = [];
    document.addEventListener('sportello-certificate-issued', (e) =>
      issued.push((e as CustomEvent<{ kind: string }>).detail.kind),
    );
    // Her session ran out while she paid: back on the page signed out, she signs in again, and the
    // request the address names comes back, not a new form (nor a second stamp).
    const back = await certificate();
    await settled(back, () => heading(back) === 'Accedi per chiedere un certificato');
    const token = await signInToSandbox(GIULIA);
    back.getToken = () => token;
    await settled(back, () => heading(back) === 'Il certificato è pronto');
    await settled(back, () => shadow(back).querySelector('a[part="download"]') !== null);
    expect(issued).to.deep.equal(['family']);
  });

  it('an exempt use: the certificate at once, its download link, identifier and validity, and the issued event', async () => {
    const element = await certificate({ citizen: GIULIA });
    const links: string[] = [];
    await throughNetwork((sandboxFetch) => async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (String(input).endsWith('/download-links')) links.push((await response.clone().json()).url);
      return response;
    });
    await choose(element, 'Per un uso esente dal bollo');
    expect(text(element)).to.include('Atti dei processi: DPR 115/2002, articolo 18');
    await answer(element, 'Una causa in tribunale', 'Per chi è?');
    await answer(element, 'Giulia Bianchi', 'Quale certificato ti serve?');
    await answer(element, 'Certificato di residenza', 'Controlla e conferma');
    expect(text(element)).to.include('Non dovuta: Atti dei processi: DPR 115/2002, articolo 18');
    const issued = oneEvent(element, 'sportello-certificate-issued');
    await press(element, 'Chiedi il certificato');
    const { detail } = await issued;
    expect(detail).to.deep.equal({ kind: 'residence', id: detail.id });
    expect(detail.id).to.match(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    await settled(element, () => shadow(element).querySelector('a[part="download"]') !== null);
    const link = shadow(element).querySelector<HTMLAnchorElement>('a[part="download"]')!;
    expect(link.textContent!.trim()).to.equal('Scarica il certificato (PDF)');
    expect(link.download).to.match(/^certificato-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}\.pdf$/);
    expect(text(element)).to.include('Il link funziona una volta sola, fino alle');
    expect(text(element)).to.include('Valido fino al');
    expect(text(element)).to.include('Il certificato serve tra privati');

    // Followed, the link gives the PDF (saved from the page's sandbox), and goes: it works once.
    const saved: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.href); // the file core saves: not to the test machine's disk
    };
    try {
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
      await settled(element, () => saved.length === 1);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    const pdf = await (await fetch(saved[0]!)).text();
    expect(pdf.startsWith('%PDF-'), 'a PDF').to.equal(true);
    await settled(element, () => shadow(element).querySelector('a[part="download"]') === null);
    expect(text(element)).to.include('Hai usato il link. Se il file non è arrivato, chiedi un nuovo link.');
    expect(shadow(element).activeElement?.textContent?.trim()).to.equal('Il certificato è pronto');

    // A new link, for a link used or run out.
    await press(element, 'Chiedi un nuovo link');
    await settled(
      element,
      () => links.length === 2 && shadow(element).querySelector('a[part="download"]') !== null,
    );
    expect(links[0]).to.not.equal(links[1]);
  });

  it('a link run out while the page stayed open: a new one in its place, not the gateway’s refusal', async () => {
    const element = await certificate({ citizen: GIULIA });
    const links: string[] = [];
    await throughNetwork((sandboxFetch) => async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (String(input).endsWith('/download-links')) links.push((await response.clone().json()).url);
      return response;
    });
    await choose(element, 'Per un uso esente dal bollo');
    await answer(element, 'Una causa in tribunale', 'Per chi è?');
    await answer(element, 'Giulia Bianchi', 'Quale certificato ti serve?');
    await answer(element, 'Certificato di residenza', 'Controlla e conferma');
    await press(element, 'Chiedi il certificato');
    await settled(element, () => shadow(element).querySelector('a[part="download"]') !== null);
    // Sixteen minutes later, by the clock the page and the sandbox go by; the page keeps its
    // citizen signed in (a token of the moment), as a host page that renews them does.
    element.getToken = () => signInToSandbox(GIULIA);
    const previous = setClock(manualClock(Date.now() + 16 * 60_000));
    const saved: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.href);
    };
    try {
      const link = shadow(element).querySelector<HTMLAnchorElement>('a[part="download"]')!;
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
      await settled(
        element,
        () => links.length === 2 && shadow(element).querySelector('a[part="download"]') !== null,
      );
      expect(saved, 'nothing saved from the old link').to.deep.equal([]);
      expect(text(element)).to.include('Il link funziona una volta sola, fino alle');
    } finally {
      HTMLAnchorElement.prototype.click = click;
      setClock(previous);
    }
  });

  it('refuses “another exemption” without a reason, or with too long a reason, before sending it', async () => {
    const element = await certificate({ citizen: GIULIA });
    const sent: string[] = [];
    await throughNetwork((sandboxFetch) => (input, init) => {
      sent.push(String(input));
      return sandboxFetch(input, init);
    });
    await choose(element, 'Per un uso esente dal bollo');
    await choose(element, 'Un’altra esenzione');
    await press(element, 'Avanti');
    const reason = shadow(element).querySelector<HTMLTextAreaElement>('#reason')!;
    await settled(element, () => shadow(element).activeElement === reason);
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).querySelector('#reason-error')!.textContent).to.equal(
      'Scrivi per quale motivo il certificato è esente dal bollo, con la legge che lo prevede.',
    );
    await sendKeys({ type: 'x'.repeat(257) });
    await press(element, 'Avanti');
    await settled(
      element,
      () =>
        shadow(element).querySelector('#reason-error')?.textContent ===
        'Il motivo può avere al massimo 256 caratteri: accorcialo.',
    );
    expect(heading(element)).to.equal('A cosa ti serve?');
    expect(sent.filter((path) => path.includes('/api/certificates/requests'))).to.deep.equal([]);
  });

  it('shows the gateway’s refusal of the reason too, back at the question', async () => {
    const element = await certificate({ citizen: GIULIA });
    await choose(element, 'Per un uso esente dal bollo');
    await choose(element, 'Un’altra esenzione');
    shadow(element).querySelector<HTMLTextAreaElement>('#reason')!.focus();
    await sendKeys({ type: 'Legge 123/2020' });
    await answer(element, 'Un’altra esenzione', 'Per chi è?');
    await answer(element, 'Giulia Bianchi', 'Quale certificato ti serve?');
    await answer(element, 'Certificato di residenza', 'Controlla e conferma');
    expect(text(element)).to.include('Legge 123/2020');
    // A back end stricter than this element: it refuses the reason.
    element.setAttribute('gateway', '/test-api/refusing/400/validation-failed/exemptionReason:required/');
    await press(element, 'Chiedi il certificato');
    await settled(element, () => heading(element) === 'A cosa ti serve?');
    await settled(element, () => shadow(element).querySelector('#reason-error') !== null);
  });

  it('a person outside the registry family: the gateway refuses, and the element says what to do', async () => {
    const element = await certificate({ citizen: GIULIA });
    await familyCertificateForBank(element);
    // Meanwhile the page signed someone else in (Mario, who lives alone): Sofia is not in his family.
    const mario = await signInToSandbox(MARIO);
    element.getToken = () => mario;
    await press(element, 'Chiedi il certificato e paga il bollo');
    await settled(element, () => alertText(element) !== '');
    expect(alertText(element)).to.equal(
      'Puoi chiedere certificati solo per te e per le persone della tua famiglia anagrafica. Per chiunque altro: lo chiede la persona stessa, oppure si va all’ufficio anagrafe.',
    );
    expect(heading(element)).to.equal('Controlla e conferma');
    expect(payment(element)).to.equal(null);
  });

  it('a certificate the registry has nothing for: says so, and what to do', async () => {
    const element = await certificate({ citizen: GIULIA });
    await answer(element, 'Per un privato', 'Per chi è?');
    await answer(element, 'Sofia Verdi', 'Quale certificato ti serve?');
    await answer(element, 'Certificato di matrimonio', 'Controlla e conferma');
    expect(text(element)).to.include('Non dovuta per questo certificato');
    await press(element, 'Chiedi il certificato');
    await settled(element, () => alertText(element) !== '');
    expect(alertText(element)).to.include('L’anagrafe non ha i dati che questo documento dovrebbe dire');
    expect(alertText(element)).to.include('Scegli un altro certificato');
  });

  it('the registry unreachable: try again later, or the office', async () => {
    const element = await certificate({ citizen: GIULIA });
    await familyCertificateForBank(element);
    element.setAttribute('gateway', '/test-api/refusing/503/registry-unavailable/');
    await press(element, 'Chiedi il certificato e paga il bollo');
    await settled(element, () => alertText(element) !== '');
    expect(alertText(element)).to.include(
      'Riprova tra qualche minuto, oppure chiedi il documento all’ufficio anagrafe',
    );
  });

  it('for a public office: the self-declaration, free, with nothing to pay and no certificate issued', async () => {
    const element = await certificate({ citizen: GIULIA });
    const issued: unknown[] = [];
    element.addEventListener('sportello-certificate-issued', (e) => issued.push(e.detail));
    const steps: string[] = [];
    element.addEventListener('sportello-step-change', (e) => steps.push(e.detail.step));
    await answer(element, 'Per un ufficio pubblico', 'Per chi è?');
    await answer(element, 'Sofia Verdi', 'Cosa vuoi dichiarare?');
    await press(element, 'Prepara l’autocertificazione');
    await settled(element, () => alertText(element) === 'Scegli almeno una cosa da dichiarare.');
    await choose(element, 'Certificato di nascita');
    await answer(
      element,
      'Certificato di stato di famiglia',
      'L’autocertificazione è pronta',
      'Prepara l’autocertificazione',
    );
    const link = shadow(element).querySelector<HTMLAnchorElement>('a[part="download"]')!;
    expect(link.textContent!.trim()).to.equal('Scarica l’autocertificazione (PDF)');
    expect(link.download).to.equal('autocertificazione.pdf');
    expect(text(element)).to.include('chi dichiara il falso commette un reato');
    expect(text(element)).to.not.include('bollo');
    expect(payment(element)).to.equal(null);
    expect(issued).to.deep.equal([]);
    expect(steps).to.deep.equal(['who', 'facts', 'declaration']);
  });

  it('where the stamp cannot be paid online: says where to ask, and what still works online', async () => {
    // A back end whose way to pagoPA cannot make notices (pagopa-checkout).
    await throughNetwork((sandboxFetch) => async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (!String(input).endsWith('/api/certificates/kinds')) return response;
      return Response.json({ ...(await response.json()), stampOnline: false });
    });
    const element = await certificate({ citizen: GIULIA });
    await answer(element, 'Per un privato', 'Per chi è?');
    await answer(element, 'Sofia Verdi', 'Quale certificato ti serve?');
    expect(text(element)).to.include('Qui la marca da bollo non si paga online');
    await choose(element, 'Certificato di stato di famiglia');
    await press(element, 'Avanti');
    await settled(element, () =>
      alertText(element).includes('chiedi questo certificato all’ufficio anagrafe'),
    );
    expect(heading(element)).to.equal('Quale certificato ti serve?');
    // Birth never owes the stamp: still online.
    await answer(element, 'Certificato di nascita', 'Controlla e conferma');
  });

  it('where no certificates are issued online: says to ask the registry office', async () => {
    await throughNetwork((sandboxFetch) => async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (!String(input).endsWith('/api/certificates/kinds')) return response;
      return Response.json({ ...(await response.json()), kinds: [] });
    });
    const element = await certificate({ citizen: GIULIA });
    await answer(element, 'Per un ufficio pubblico', 'Per chi è?');
    await answer(element, 'Giulia Bianchi', 'Cosa vuoi dichiarare?');
    expect(text(element)).to.include(
      'Qui i certificati non si chiedono online: chiedili all’ufficio anagrafe',
    );
  });

  it('a back end that answers a request “not found” (no certificates online there): says the same', async () => {
    const element = await certificate({ citizen: GIULIA });
    await familyCertificateForBank(element);
    element.setAttribute('gateway', '/test-api/refusing/404/not-found/');
    await press(element, 'Chiedi il certificato e paga il bollo');
    await settled(element, () => alertText(element) !== '');
    expect(alertText(element)).to.equal(
      'Qui i certificati non si chiedono online: chiedili all’ufficio anagrafe del Comune.',
    );
  });

  it('explains how long a certificate is valid, and the use of an expired one', async () => {
    const element = await certificate({ citizen: MARIO });
    await answer(element, 'Per un privato', 'Per chi è?');
    // Living alone: he is chosen already.
    await settled(element, () => shadow(element).querySelector('input[name="subject"]:checked') !== null);
    await press(element, 'Avanti');
    await settled(element, () => heading(element) === 'Quale certificato ti serve?');
    expect(text(element)).to.include('I certificati storici');
    const details = shadow(element).querySelector('details')!;
    details.querySelector('summary')!.click();
    expect(details.open).to.equal(true);
    expect(details.textContent).to.include('Vale sei mesi dalla data in cui è rilasciato.');
    expect(details.textContent).to.include('Non scade');
    expect(details.textContent).to.include('Scaduto? Puoi usarlo ancora');
  });

  it('goes through by keyboard, the focus on each step’s heading, each step said', async () => {
    const element = await certificate({ citizen: GIULIA });
    const said: string[] = [];
    element.addEventListener('sportello-announcement', (e) => said.push(e.detail.text));
    const focused = () => shadow(element).activeElement;
    const radio = (name: string) => shadow(element).querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    radio('use').focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' }); // the exempt use
    await elementUpdated(element);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' }); // the first exemption, a court case
    await sendKeys({ press: 'Enter' });
    await settled(element, () => heading(element) === 'Per chi è?' && text(element).includes('Sofia'));
    expect(focused()?.classList.contains('step-heading')).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    await settled(element, () => heading(element) === 'Quale certificato ti serve?');
    expect(focused()?.classList.contains('step-heading')).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' }); // the first kind: birth
    await sendKeys({ press: 'Enter' });
    await settled(element, () => heading(element) === 'Controlla e conferma');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' }); // past "Back"
    await sendKeys({ press: 'Enter' });
    await settled(element, () => heading(element) === 'Il certificato è pronto');
    expect(focused()?.textContent?.trim()).to.equal('Il certificato è pronto');
    expect(said).to.deep.equal([
      'Per chi è?',
      'Quale certificato ti serve?',
      'Controlla e conferma',
      'Il certificato è pronto',
    ]);
  });

  it('speaks English on an English page, to the end', async () => {
    const element = await certificate({ citizen: GIULIA, lang: 'en' });
    expect(heading(element)).to.equal('What do you need it for?');
    await choose(element, 'For a use exempt from the stamp');
    await answer(element, 'A foreign pension', 'Who is it for?', 'Next');
    await answer(element, 'Giulia Bianchi (you)', 'Which certificate do you need?', 'Next');
    await answer(element, 'Certificate of being alive', 'Check and confirm', 'Next');
    expect(text(element)).to.include('Not due: Pensions: DPR 642/1972, table B, article 9');
    await press(element, 'Ask for the certificate');
    await settled(element, () => heading(element) === 'Your certificate is ready');
    await settled(element, () => text(element).includes('The link works once only, until'));
  });

  describe('at a kiosk', () => {
    const PHONE_PAGE = 'https://www.comune.esempio.it/servizi/certificati-anagrafici.html';

    it('never signs in on the kiosk: a QR code opens the page on the phone', async () => {
      const element = await certificate({ attributes: { kiosk: '', 'phone-url': PHONE_PAGE } });
      let asked = false;
      element.addEventListener('sportello-auth-required', () => (asked = true));
      expect(heading(element)).to.equal('Accedi per chiedere un certificato');
      expect(button(element, 'Accedi con SPID o CIE')).to.equal(undefined);
      expect(text(element)).to.include('Su questo totem non si accede con SPID o CIE');
      const code = shadow(element).querySelector('sportello-qr')!;
      expect(code.getAttribute('value')).to.equal(PHONE_PAGE);
      await expect(element).to.be.accessible();
      expect(asked).to.equal(false);
    });

    it('with a citizen signed in: targets of 48 px, the document by QR code for the phone, and printing', async () => {
      const element = await certificate({
        citizen: GIULIA,
        attributes: { kiosk: '', printer: '', 'phone-url': PHONE_PAGE },
      });
      const targets = () =>
        [...shadow(element).querySelectorAll<HTMLElement>('button, .choice, a.button, summary')].filter(
          (target) => target.getClientRects().length > 0,
        );
      const small = () =>
        targets()
          .filter(
            (target) =>
              target.getBoundingClientRect().height < 48 || target.getBoundingClientRect().width < 48,
          )
          .map((target) => target.textContent!.trim());
      expect(small()).to.deep.equal([]);
      await choose(element, 'Per un uso esente dal bollo');
      await answer(element, 'Un ente senza scopo di lucro', 'Per chi è?');
      expect(small()).to.deep.equal([]);
      await answer(element, 'Luca Verdi', 'Quale certificato ti serve?');
      expect(small()).to.deep.equal([]);
      await answer(element, 'Certificato di cittadinanza', 'Controlla e conferma');
      expect(small()).to.deep.equal([]);
      await press(element, 'Chiedi il certificato');
      await settled(element, () => shadow(element).querySelector('sportello-qr[part="phone-code"]') !== null);
      expect(small()).to.deep.equal([]);
      const code = shadow(element).querySelector('sportello-qr')!;
      const link = new URL(code.getAttribute('value')!);
      expect(link.pathname).to.match(/^\/api\/certificates\/downloads\/[A-Za-z0-9_-]{22,64}$/);
      expect(link.search + link.hash, 'nothing but the code').to.equal('');
      expect(shadow(element).querySelector('a[part="download"]'), 'nothing saved on the kiosk').to.equal(
        null,
      );
      expect(text(element)).to.include('Funziona una volta sola, fino alle');
      expect(button(element, 'Stampa')).to.not.equal(undefined);
      await expect(element).to.be.accessible();
    });

    it('shows no printing without a printer', async () => {
      const element = await certificate({ citizen: MARIO, attributes: { kiosk: '' } });
      await choose(element, 'Per un uso esente dal bollo');
      await answer(element, 'Una pensione estera', 'Per chi è?');
      await answer(element, 'Mario Rossi', 'Quale certificato ti serve?');
      await answer(element, 'Certificato di esistenza in vita', 'Controlla e conferma');
      await press(element, 'Chiedi il certificato');
      await settled(element, () => shadow(element).querySelector('sportello-qr[part="phone-code"]') !== null);
      expect(button(element, 'Stampa')).to.equal(undefined);
    });

    it('at the stamp, the payment element shows the pagoPA QR code', async () => {
      const element = await certificate({ citizen: GIULIA, attributes: { kiosk: '' } });
      await familyCertificateForBank(element);
      await press(element, 'Chiedi il certificato e paga il bollo');
      await settled(element, () => payment(element) !== null);
      expect(payment(element)!.hasAttribute('kiosk')).to.equal(true);
    });
  });

  it('reset leaves nothing of the citizen’s, and the address names no request', async () => {
    const element = await certificate({ citizen: GIULIA });
    await familyCertificateForBank(element);
    await press(element, 'Chiedi il certificato e paga il bollo');
    await settled(element, () => payment(element) !== null);
    element.reset();
    await element.updateComplete;
    expect(heading(element)).to.equal('A cosa ti serve?');
    expect(requestInAddress()).to.equal(null);
    expect(text(element)).to.not.include('Sofia');
    expect(shadow(element).querySelector<HTMLInputElement>('input[name="use"]:checked')).to.equal(null);
  });
});
