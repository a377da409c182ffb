import { expect, fixture, html } from '@open-wc/testing';
import { apiClientFor } from '@sportello/core';
import './register.js';

describe('gateway="sandbox"', () => {
  it('answers an element’s API calls in the page, with no request on the network', async () => {
    const element = await fixture(html`<section gateway="sandbox"><p>widget</p></section>`);
    const client = apiClientFor(element.querySelector('p')!);
    const health = await client.get('/api/health');
    expect(health.database).to.equal('sandbox');
    const municipality = await client.get('/api/municipality');
    expect(municipality.name).to.equal('Comune di Esempio');
    const apiRequests = performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname.startsWith('/api/'));
    expect(apiRequests).to.deep.equal([]);
  });

  it('is one town for the whole page: what one element writes, another reads', async () => {
    const first = await fixture(html`<div gateway="sandbox"></div>`);
    const second = await fixture(html`<div data-sportello-gateway="sandbox"><span></span></div>`);
    await apiClientFor(first).post('/api/feedback', { body: { service: 'cie', rating: 5 } });
    const summary = await apiClientFor(second.querySelector('span')!).get('/api/feedback/summary', {
      query: { service: 'cie' },
    });
    expect(summary.count).to.equal(1);
  });
});
