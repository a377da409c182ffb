import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { SportelloElement } from '../base-element.js';
import { defineCatalogue, type Messages } from './catalogue.js';
import { LocalizeController, languageOf, onLanguageChange } from './localize-controller.js';

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

  it('follows a lang changed inside the shadow root of an app built of web components', async () => {
    // An integrator's own element, whose shadow root holds a section in English with a widget in it.
    const app = await fixture(html`<div></div>`);
    const root = app.attachShadow({ mode: 'open' });
    root.innerHTML = '<section lang="en"><test-greeting></test-greeting></section>';
    const inner = root.querySelector<GreetingElement>('test-greeting')!;
    await inner.updateComplete;
    expect(text(inner)).to.equal('Good morning Ada');

    root.querySelector('section')!.setAttribute('lang', 'it');
    await nextFrame();
    expect(text(inner)).to.equal('Buongiorno Ada');

    // Gone from the page, it stops listening; the elements left still follow the page.
    const onPage = await fixture<GreetingElement>(html`<test-greeting></test-greeting>`);
    inner.remove();
    document.documentElement.lang = 'en';
    await nextFrame();
    expect(text(onPage)).to.equal('Good morning Ada');
  });

  it('follows the page’s lang set in the same task as a widget leaves a shadow root', async () => {
    const onPage = await fixture<GreetingElement>(html`<test-greeting></test-greeting>`);
    const app = await fixture(html`<div></div>`);
    const root = app.attachShadow({ mode: 'open' });
    root.innerHTML = '<test-greeting></test-greeting>';
    const inner = root.querySelector<GreetingElement>('test-greeting')!;
    await inner.updateComplete;

    document.documentElement.lang = 'en';
    inner.remove(); // the last one listening in that shadow root
    await nextFrame();
    expect(text(onPage)).to.equal('Good morning Ada');
  });

  it('stops one listener once, however often its stop is called', async () => {
    const element = await fixture(html`<div></div>`);
    const heard: string[] = [];
    const stop = onLanguageChange(element, () => heard.push('first'));
    const stopOther = onLanguageChange(element, () => heard.push('other'));
    stop();
    stop();
    document.documentElement.lang = 'en';
    await nextFrame();
    stopOther();
    expect(heard).to.deep.equal(['other']);
  });

  it('says its words are Italian on a page in a language it does not speak, and stops once it does', async () => {
    const wrapper = await fixture(html`<div lang="de-AT"><test-parent></test-parent></div>`);
    const parent = wrapper.querySelector('test-parent')!;
    await (parent as ParentElement).updateComplete;
    const inner = parent.shadowRoot!.querySelector('test-greeting')!;
    await (inner as GreetingElement).updateComplete;
    expect(text(inner)).to.equal('Buongiorno Ada');
    // Screen readers take the language from the nearest `lang`: Italian, not the page's German.
    expect(inner.closest('[lang]')!.getAttribute('lang')).to.equal('it');
    expect(inner.matches(':lang(it)')).to.equal(true);

    wrapper.setAttribute('lang', 'en');
    await nextFrame();
    expect(text(inner)).to.equal('Good morning Ada');
    expect(inner.matches(':lang(en)')).to.equal(true);
    expect(inner.hasAttribute('lang')).to.equal(false);

    wrapper.setAttribute('lang', 'fr');
    await nextFrame();
    expect(text(inner)).to.equal('Buongiorno Ada');
    expect(inner.matches(':lang(it)')).to.equal(true);
  });

  it('never changes a lang the page’s author put on the element', async () => {
    const element = await fixture<GreetingElement>(html`<test-greeting lang="de"></test-greeting>`);
    expect(text(element)).to.equal('Buongiorno Ada');
    expect(element.getAttribute('lang')).to.equal('de');
  });
});

/** An element whose English arrives when the test says, and the words of each of its renders. */
function elementWithLoadedEnglish(tag: string, english: () => Promise<Messages>) {
  const renders: string[] = [];
  const lazy = defineCatalogue({
    it: { greeting: 'Buongiorno' },
    en: english as () => Promise<{ greeting: string }>,
  });
  customElements.define(
    tag,
    class extends SportelloElement {
      readonly i18n = new LocalizeController(this, lazy);
      override render() {
        renders.push(this.i18n.t('greeting'));
        return litHtml`<p>${renders.at(-1)}</p>`;
      }
    },
  );
  return renders;
}

describe('a language loaded the first time an element speaks it', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('shows an element on an English page in English from its first render, never Italian first', async () => {
    let arrive!: (messages: Messages) => void;
    const renders = elementWithLoadedEnglish(
      'test-late-english',
      () => new Promise((resolve) => (arrive = resolve)),
    );
    const wrapper = await fixture(html`<div lang="en"><test-late-english></test-late-english></div>`);
    const element = wrapper.querySelector<SportelloElement>('test-late-english')!;
    await nextFrame();
    expect(renders, 'nothing shown while its words are on their way').to.deep.equal([]);
    arrive({ greeting: 'Good morning' });
    await element.updateComplete;
    expect(renders).to.deep.equal(['Good morning']);
    expect(text(element)).to.equal('Good morning');
  });

  it('loads English when the page switches to it, and shows it once it is here', async () => {
    let arrive!: (messages: Messages) => void;
    const renders = elementWithLoadedEnglish(
      'test-switch-english',
      () => new Promise((resolve) => (arrive = resolve)),
    );
    const element = await fixture<SportelloElement>(html`<test-switch-english></test-switch-english>`);
    expect(renders).to.deep.equal(['Buongiorno']);
    document.documentElement.lang = 'en';
    await nextFrame();
    arrive({ greeting: 'Good morning' });
    await element.updateComplete;
    expect(renders).to.deep.equal(['Buongiorno', 'Good morning']);
  });

  it('speaks Italian when its English cannot be loaded, and says why in the console', async () => {
    const told: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => told.push(args[0]);
    try {
      const renders = elementWithLoadedEnglish('test-offline-english', () =>
        Promise.reject(new TypeError('offline')),
      );
      const wrapper = await fixture(html`<div lang="en"><test-offline-english></test-offline-english></div>`);
      await wrapper.querySelector<SportelloElement>('test-offline-english')!.updateComplete;
      expect(renders).to.deep.equal(['Buongiorno']);
      expect(String(told[0])).to.contain('could not load its messages in "en"');
    } finally {
      console.error = consoleError;
    }
  });
});
