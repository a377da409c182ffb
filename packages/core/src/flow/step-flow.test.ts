import { expect, fixture, html as fixtureHtml } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { createApiClient } from '../api/client.js';
import { StepFlow } from './step-flow.js';

type Step = 'first' | 'second';

/** A two-step element, as an element made of steps uses the flow. */
class TwoSteps extends LitElement {
  readonly flow = new StepFlow<Step>(this, {
    first: 'first',
    announcement: (title) => `Passo: ${title}`,
  });
  answer?: unknown;
  /** Answers held back until the test lets them through. */
  readonly held: ((response: Response) => void)[] = [];
  readonly api = this.flow.client(
    createApiClient({
      baseUrl: '',
      fetch: () => new Promise<Response>((resolve) => this.held.push(resolve)),
    }),
  );

  async ask() {
    this.answer = await this.flow.whileBusy('busy', () => this.api.get('/api/health'));
  }

  override render() {
    const title = this.flow.step === 'first' ? 'Primo' : 'Secondo';
    return html`<section>${this.flow.heading(title)} ${this.flow.renderProblem()}</section>
      ${this.flow.renderStatus()}`;
  }
}
customElements.define('two-steps-for-flow', TwoSteps);

const health = () =>
  new Response(JSON.stringify({ status: 'ok' }), { headers: { 'Content-Type': 'application/json' } });

describe('StepFlow', () => {
  it('goes to a step: focuses its heading, says it, and tells the page its name', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      fixtureHtml`<div><two-steps-for-flow></two-steps-for-flow></div>`,
    );
    const element = wrapper.querySelector<TwoSteps>('two-steps-for-flow')!;
    const events: string[] = [];
    wrapper.addEventListener('sportello-step-change', (e) => events.push(`step ${e.detail.step}`));
    wrapper.addEventListener('sportello-announcement', (e) => events.push(`said ${e.detail.text}`));
    element.flow.goTo('second');
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement?.textContent).to.equal('Secondo');
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Passo: Secondo');
    expect(events).to.deep.equal(['step second', 'said Passo: Secondo']);
  });

  it('puts the headings at the level the page gives with heading-level', async () => {
    const element = await fixture<TwoSteps>(
      fixtureHtml`<two-steps-for-flow heading-level="4"></two-steps-for-flow>`,
    );
    expect(element.shadowRoot!.querySelector('h4')!.textContent).to.equal('Primo');
    element.setAttribute('heading-level', '9'); // out of range: the default
    element.requestUpdate();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('h2')!.textContent).to.equal('Primo');
  });

  it('reset(): the first step, no problem, not busy, and the answer on its way never arrives', async () => {
    const element = await fixture<TwoSteps>(fixtureHtml`<two-steps-for-flow></two-steps-for-flow>`);
    element.flow.goTo('second');
    element.flow.showProblem(() => 'Qualcosa non va');
    void element.ask();
    expect(element.flow.busy).to.equal('busy');
    element.flow.reset();
    await element.updateComplete;
    expect(element.flow.step).to.equal('first');
    expect(element.flow.problem).to.equal(undefined);
    expect(element.flow.busy).to.equal(undefined);
    element.held[0]!(health());
    for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(element.answer, 'the answer of the request before the reset').to.equal(undefined);
    void element.ask();
    element.held[1]!(health());
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(element.answer).to.deep.equal({ status: 'ok' });
  });
});
