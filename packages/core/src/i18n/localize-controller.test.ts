import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { defineCatalogue } from './catalogue.js';
import { LocalizeController, languageOf } from './localize-controller.js';

const catalogue = defineCatalogue({
  it: { greeting: 'Buongiorno {name}' },
  en: { greeting: 'Good morning {name}' },
});

class GreetingElement extends LitElement {
  readonly i18n = new LocalizeController(this, catalogue);
  override render() {
    return litHtml`<p>${this.i18n.t('greeting', { name: 'Ada' })}</p>`;
  }
}
customElements.define('test-greeting', GreetingElement);

class ParentElement extends LitElement {
  override render() {
    return litHtml`<test-greeting></test-greeting>`;
  }
}
customElements.define('test-parent', ParentElement);

const text = (element: Element) => element.shadowRoot!.querySelector('p')!.textContent;

describe('LocalizeController', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('takes the language of the page, in Italian when the page says nothing', async () => {
    const element = await fixture<GreetingElement>(html`<test-greeting></test-greeting>`);
    expect(text(element)).to.equal('Buongiorno Ada');
    document.documentElement.lang = 'en-GB';
    await nextFrame();
    expect(text(element)).to.equal('Good morning Ada');
    expect(element.i18n.locale).to.equal('en-GB');
  });

  it('prefers its own lang, then the nearest ancestor’s, over the page', async () => {
    document.documentElement.lang = 'it';
    const wrapper = await fixture(
      html`<section lang="en">
        <test-greeting></test-greeting><test-greeting lang="it"></test-greeting>
      </section>`,
    );
    const [inherited, own] = [...wrapper.querySelectorAll('test-greeting')];
    expect(text(inherited!)).to.equal('Good morning Ada');
    expect(text(own!)).to.equal('Buongiorno Ada');
    own!.setAttribute('lang', 'en');
    await nextFrame();
    expect(text(own!)).to.equal('Good morning Ada');
  });

  it('finds the language across shadow roots, for elements inside other elements', async () => {
    const wrapper = await fixture(html`<div lang="en"><test-parent></test-parent></div>`);
    const parent = wrapper.querySelector('test-parent')!;
    await (parent as ParentElement).updateComplete;
    const inner = parent.shadowRoot!.querySelector('test-greeting')!;
    await (inner as GreetingElement).updateComplete;
    expect(languageOf(inner)).to.equal('en');
    expect(text(inner)).to.equal('Good morning Ada');
    wrapper.setAttribute('lang', 'it');
    await nextFrame();
    expect(text(inner)).to.equal('Buongiorno Ada');
  });
});
