import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { apiClientFor } from '@sportello/core';
import type { SportelloCalendar } from '@sportello/booking/calendar';
import type { SportelloQr } from '@sportello/core/qr';
import type { SportelloPayment } from '@sportello/payment/payment';
// The CDN build registers the sandbox in each element's module; from source, the test does.
import '@sportello/sandbox/register';

/** Uncaught errors, rejections nobody handled, and console errors and warnings while `run` runs. */
async function problemsDuring(run: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  const onError = (event: ErrorEvent) => problems.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled: ${String(event.reason)}`);
  const { error, warn } = console;
  console.error = (...args: unknown[]) => problems.push(`console.error: ${args.join(' ')}`);
  console.warn = (...args: unknown[]) => problems.push(`console.warn: ${args.join(' ')}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await run();
  } finally {
    Object.assign(console, { error, warn });
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return problems;
}

/** Scripts the page has downloaded so far, by path. */
const downloaded = () =>
  performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);

// The loader as a page gets it: started once, by importing the CDN entry, with an element already
// in the page (module scripts run after the page is parsed); it watches the page from then on.
// Each test uses an element no other test has defined: a tag is defined once per page.
describe('the CDN loader', () => {
  const inPageBeforeStart = document.createElement('sportello-qr');
  before(async () => {
    inPageBeforeStart.setAttribute('value', 'https://www.comune.example.it/');
    inPageBeforeStart.setAttribute('label', 'Codice QR del sito del Comune');
    document.body.append(inPageBeforeStart);
    await import('./index.js');
  });
  after(() => inPageBeforeStart.remove());
  afterEach(() => fixtureCleanup());

  it('defines an element that was in the page when it started', async () => {
    await customElements.whenDefined('sportello-qr');
    await (inPageBeforeStart as SportelloQr).updateComplete;
    const code = inPageBeforeStart.shadowRoot!.querySelector('svg[part="code"]');
    expect(code?.getAttribute('aria-label')).to.equal('Codice QR del sito del Comune');
  });

  it('defines an element added to the page later, downloading only that element', async () => {
    expect(customElements.get('sportello-calendar')).to.equal(undefined);
    const calendar = await fixture<SportelloCalendar>(
      html`<sportello-calendar today="2026-11-23" month="2026-11"></sportello-calendar>`,
    );
    await customElements.whenDefined('sportello-calendar');
    await calendar.updateComplete;
    expect(calendar.shadowRoot!.querySelectorAll('button[part~="day"]')).to.have.length(30);
    expect(customElements.get('sportello-booking')).to.equal(undefined);
    expect(downloaded().some((path) => path.includes('/booking/booking.ts'))).to.equal(false);
  });

  it('defines an element inside the open shadow root of an element the page defines after it', async () => {
    // As a page built with another library puts a widget inside one of its own components.
    const host = await fixture(html`<test-page-section></test-page-section>`);
    expect(host.shadowRoot, 'no shadow root before its element is defined').to.equal(null);
    customElements.define(
      'test-page-section',
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' });
        }

        connectedCallback() {
          // Rendered a moment after the element connects, as Lit and most libraries do.
          queueMicrotask(() => {
            this.shadowRoot!.innerHTML = '<sportello-payment></sportello-payment>';
          });
        }
      },
    );
    await customElements.whenDefined('sportello-payment');
    const payment = host.shadowRoot!.querySelector<SportelloPayment>('sportello-payment')!;
    await payment.updateComplete;
    expect(payment.shadowRoot!.querySelector('form input')).to.exist;
  });

  it('leaves an unknown sportello-foo alone', async () => {
    const problems = await problemsDuring(async () => {
      await fixture(
        html`<div>
          <sportello-foo></sportello-foo>
          <sportello-payment-catalogue gateway="sandbox"></sportello-payment-catalogue>
        </div>`,
      );
      // Both came in one change of the page: by the time this one is defined, that one was seen.
      await customElements.whenDefined('sportello-payment-catalogue');
    });
    expect(customElements.get('sportello-foo')).to.equal(undefined);
    expect(downloaded().some((path) => /foo/.test(path))).to.equal(false);
    expect(problems.filter((problem) => /foo/.test(problem))).to.deep.equal([]);
  });

  it('signs a demo citizen in to the sandbox, as the all-in-one bundle did', async () => {
    const { signInToSandbox } = await import('./index.js');
    const token = await signInToSandbox('RSSMRA50C15L219Y');
    const section = await fixture(html`<section gateway="sandbox"></section>`);
    const me = await apiClientFor(section, { token: () => token }).get('/api/me');
    expect(me.givenName).to.equal('Mario');
  });

  it('runs beside a second copy of itself: no errors, each element defined once', async () => {
    const problems = await problemsDuring(async () => {
      // Another URL, so another instance of the module, as a CMS plug-in and a template would load it.
      const secondCopy = './index.ts?copy=2';
      await import(secondCopy);
      await fixture(html`<sportello-booking gateway="sandbox"></sportello-booking>`);
      await customElements.whenDefined('sportello-booking');
    });
    expect(problems).to.deep.equal([]);
  });
});
