import { expect, fixture, html } from '@open-wc/testing';
import { css, html as litHtml } from 'lit';
import { SportelloElement, baseStyles } from '../base-element.js';
import { installThemePresets } from './tokens.js';

class TokenProbe extends SportelloElement {
  static override styles = [
    baseStyles,
    css`
      button {
        background: var(--_color-primary);
        color: var(--_color-on-primary);
        min-block-size: var(--_target-size);
        padding-inline: var(--_space-4);
      }
    `,
  ];
  override render() {
    return litHtml`<button>OK</button>`;
  }
}
customElements.define('test-token-probe', TokenProbe);

const button = (element: Element) => getComputedStyle(element.shadowRoot!.querySelector('button')!);

describe('design tokens', () => {
  it('default to the Italian design system: primary #0066CC, 44 px targets', async () => {
    const element = await fixture(html`<test-token-probe></test-token-probe>`);
    expect(button(element).backgroundColor).to.equal('rgb(0, 102, 204)');
    expect(button(element).minBlockSize).to.equal('44px');
    expect(button(element).paddingInlineStart).to.equal('16px');
  });

  it('take the page’s font, unless the page names one for the widgets', async () => {
    const wrapper = await fixture(html`
      <div style="font-family: Georgia, serif">
        <test-token-probe></test-token-probe>
        <test-token-probe style="--sportello-font-family: Verdana, sans-serif"></test-token-probe>
      </div>
    `);
    const [following, named] = [...wrapper.querySelectorAll('test-token-probe')];
    expect(getComputedStyle(following!).fontFamily).to.equal('Georgia, serif');
    expect(getComputedStyle(named!).fontFamily).to.equal('Verdana, sans-serif');
  });

  it('follow system tokens set by the page on any ancestor, as the kiosk does for target size', async () => {
    const wrapper = await fixture(html`
      <div style="--sportello-color-primary: rgb(10, 20, 30); --sportello-target-size: 56px">
        <test-token-probe></test-token-probe>
      </div>
    `);
    const element = wrapper.querySelector('test-token-probe')!;
    expect(button(element).backgroundColor).to.equal('rgb(10, 20, 30)');
    expect(button(element).minBlockSize).to.equal('56px');
  });

  it('give 48 px targets at least in kiosk mode: by attribute, or anywhere under the kiosk shell', async () => {
    const wrapper = await fixture(html`
      <div>
        <test-token-probe kiosk></test-token-probe>
        <div data-sportello-kiosk style="--sportello-target-size: 40px">
          <test-token-probe></test-token-probe>
        </div>
        <div data-sportello-kiosk style="--sportello-target-size: 56px">
          <test-token-probe></test-token-probe>
        </div>
        <div data-sportello-kiosk id="nested"></div>
      </div>
    `);
    const [byAttribute, askedLess, askedMore] = wrapper.querySelectorAll('test-token-probe');
    expect(button(byAttribute!).minBlockSize).to.equal('48px');
    expect(button(askedLess!).minBlockSize).to.equal('48px', 'never under 48 px at a kiosk');
    expect(button(askedMore!).minBlockSize).to.equal('56px', 'a kiosk may ask for more');
    // Inside another widget's shadow root, as the calendar is inside the booking widget.
    const host = wrapper.querySelector('#nested')!.appendChild(document.createElement('div'));
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('test-token-probe'));
    await (inner as TokenProbe).updateComplete;
    expect(button(inner).minBlockSize).to.equal('48px');
  });

  it('switch when the page sets a theme after the widgets have rendered', async () => {
    expect(document.adoptedStyleSheets, 'nothing added to a page without themes').to.have.length(0);
    const wrapper = await fixture(html`<div><test-token-probe></test-token-probe></div>`);
    const element = wrapper.querySelector('test-token-probe')!;
    wrapper.setAttribute('data-sportello-theme', 'dark');
    await new Promise((resolve) => setTimeout(resolve)); // the attribute observer runs as a microtask
    expect(button(element).backgroundColor).to.equal('rgb(102, 178, 255)');
  });

  it('switch to the dark and high-contrast presets by attribute, on an ancestor or the element', async () => {
    const wrapper = await fixture(html`
      <div data-sportello-theme="dark"><test-token-probe></test-token-probe></div>
      <test-token-probe data-sportello-theme="high-contrast"></test-token-probe>
    `);
    const dark = wrapper.querySelector('test-token-probe')!;
    const contrast = wrapper.parentElement!.querySelector('test-token-probe[data-sportello-theme]')!;
    expect(button(dark).backgroundColor).to.equal('rgb(102, 178, 255)');
    expect(button(contrast).backgroundColor).to.equal('rgb(255, 255, 0)');
    expect(button(contrast).color).to.equal('rgb(0, 0, 0)');
  });

  it('paint their own background in the dark and high-contrast presets, on a page that stayed white', async () => {
    const wrapper = await fixture(html`
      <div style="background: #ffffff">
        <test-token-probe></test-token-probe>
        <test-token-probe data-sportello-theme="dark"></test-token-probe>
        <test-token-probe data-sportello-theme="high-contrast"></test-token-probe>
      </div>
    `);
    const [light, dark, contrast] = [...wrapper.querySelectorAll('test-token-probe')].map((e) =>
      getComputedStyle(e),
    );
    expect(light!.backgroundColor, 'the page shows through the light theme').to.equal('rgba(0, 0, 0, 0)');
    expect([dark!.color, dark!.backgroundColor]).to.deep.equal(['rgb(242, 243, 245)', 'rgb(23, 25, 28)']);
    expect([contrast!.color, contrast!.backgroundColor]).to.deep.equal([
      'rgb(255, 255, 255)',
      'rgb(0, 0, 0)',
    ]);
  });

  it('keep a page’s focus ring off the widget as a whole, leaving the focused control’s own', async () => {
    const page = document.createElement('style');
    // Bootstrap Italia's ring for whatever has the focus.
    page.textContent =
      ':focus:not(.focus--mouse) { box-shadow: 0 0 0 2px #fd7e14 !important; outline: 2px solid #fd7e14 !important; }';
    document.head.append(page);
    try {
      const element = await fixture(html`<test-token-probe></test-token-probe>`);
      element.shadowRoot!.querySelector('button')!.focus();
      expect(element.matches(':focus'), 'the host is focused with its button').to.equal(true);
      expect(getComputedStyle(element).boxShadow).to.equal('none');
      expect(getComputedStyle(element).outlineStyle).to.equal('none');
      const ring = getComputedStyle(element.shadowRoot!.querySelector('button')!);
      expect([ring.outlineStyle, ring.outlineWidth], 'the button’s own ring stays').to.deep.equal([
        'solid',
        '3px',
      ]);
    } finally {
      page.remove();
    }
  });

  it('add the presets to the page once, touching nothing outside Sportello', async () => {
    await fixture(html`<test-token-probe></test-token-probe>`);
    installThemePresets();
    installThemePresets();
    const sheets = document.adoptedStyleSheets.filter((sheet) =>
      [...sheet.cssRules].some((rule) => rule.cssText.includes('data-sportello-theme')),
    );
    expect(sheets).to.have.length(1);
    const selectors = [...sheets[0]!.cssRules].flatMap((rule) =>
      rule instanceof CSSStyleRule
        ? [rule.selectorText]
        : [...(rule as CSSMediaRule).cssRules].map((r) => (r as CSSStyleRule).selectorText),
    );
    for (const selector of selectors) expect(selector).to.contain('data-sportello-theme');
    const declared = [...sheets[0]!.cssRules].flatMap((rule) =>
      rule instanceof CSSStyleRule
        ? [...rule.style]
        : [...(rule as CSSMediaRule).cssRules].flatMap((r) => [...(r as CSSStyleRule).style]),
    );
    for (const property of declared) expect(property).to.match(/^--sportello-/);
  });
});
