import { expect } from '@open-wc/testing';
import { pageWith, undefinedElements, until } from '../../../test/support/standalone-page.js';

// The define module alone in a page, as a kiosk shell importing only it has it: importing it only
// defines the element (nothing added to the page, no listener at work until the element is placed),
// and the keyboard it defines works with no other Sportello module there.

describe('define module of @sportello/kiosk, alone in a page', () => {
  it('keyboard: defines the element and nothing else, and opens on a field of the page', async () => {
    const view = await pageWith('/packages/kiosk/src/keyboard/define.ts');
    const { document: page } = view;
    expect(view.customElements.get('sportello-keyboard')).to.exist;
    page.body.innerHTML = '<label>Nome <input id="name"></label>';
    const field = page.querySelector<HTMLInputElement>('#name')!;
    field.focus();
    expect(field.getAttribute('inputmode'), 'no keyboard placed: the field is left alone').to.equal(null);
    expect(page.documentElement.getAttribute('style')).to.equal(null);

    field.blur();
    page.body.append(page.createElement('sportello-keyboard'));
    field.focus();
    const keyboard = page.querySelector('sportello-keyboard')!;
    await until(view, () => keyboard.open, 'the keyboard opened');
    expect(field.getAttribute('inputmode')).to.equal('none');
    expect(undefinedElements(view, page)).to.deep.equal([]);
  });
});
