import { expect, fixture, html } from '@open-wc/testing';
import { gatewayOf } from './gateway.js';

describe('gatewayOf()', () => {
  afterEach(() => document.head.querySelector('meta[name="sportello-gateway"]')?.remove());

  it('defaults to the page’s own origin', async () => {
    const element = await fixture(html`<div></div>`);
    expect(gatewayOf(element)).to.equal(location.origin);
  });

  it('takes the page’s meta tag, then an ancestor’s data attribute, then the element’s own attribute', async () => {
    const meta = Object.assign(document.createElement('meta'), {
      name: 'sportello-gateway',
      content: 'https://servizi.comune.example.it/',
    });
    document.head.append(meta);
    const wrapper = await fixture(html`
      <section data-sportello-gateway="https://regione.example.it/sportello">
        <span id="inherits"></span>
        <span id="own" gateway="sandbox"></span>
      </section>
      <span id="page"></span>
    `);
    const page = wrapper.parentElement!.querySelector('#page')!;
    expect(gatewayOf(page)).to.equal('https://servizi.comune.example.it');
    expect(gatewayOf(wrapper.querySelector('#inherits')!)).to.equal('https://regione.example.it/sportello');
    expect(gatewayOf(wrapper.querySelector('#own')!)).to.equal('sandbox');
  });

  it('crosses shadow roots, so an element inside another one uses the same gateway', async () => {
    const host = await fixture(html`<div data-sportello-gateway="https://comune.example.it"></div>`);
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    expect(gatewayOf(inner)).to.equal('https://comune.example.it');
  });
});
