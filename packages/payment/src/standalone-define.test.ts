import { expect } from '@open-wc/testing';
import {
  pageOnSandboxWith,
  pressIn,
  typeIn,
  undefinedElements,
  until,
} from '../../../test/support/standalone-page.js';

// Each define module alone in a page, as a site importing only it has it: every element it renders,
// at every step reached here, is defined (the payment's QR codes at a kiosk, the catalogue's payment).

describe('define modules of @sportello/payment, each alone in a page', () => {
  it('payment at a kiosk: the QR codes to pay from a phone are defined', async () => {
    const view = await pageOnSandboxWith('/packages/payment/src/payment/define.ts');
    view.document.body.innerHTML = '<sportello-payment gateway="sandbox" kiosk></sportello-payment>';
    const root = view.document.querySelector('sportello-payment')!.shadowRoot!;
    const missing = () => undefinedElements(view, view.document);
    await until(view, () => root.querySelector('#notice') !== null, 'the form');
    expect(missing(), 'find').to.deep.equal([]);
    typeIn(view, root, 'notice', '312202600000010279');
    typeIn(view, root, 'creditor', '80001234568');
    await pressIn(view, root, /^Cerca avviso$/);
    await pressIn(view, root, /^Paga con il telefono$/);
    await until(view, () => root.querySelector('sportello-qr') !== null, 'the phone step');
    expect(missing(), 'pay by phone').to.deep.equal([]);
  });

  it('catalogue: the payment it shows is defined', async () => {
    const view = await pageOnSandboxWith('/packages/payment/src/payment-catalogue/define.ts');
    view.document.body.innerHTML =
      '<sportello-payment-catalogue gateway="sandbox"></sportello-payment-catalogue>';
    const root = view.document.querySelector('sportello-payment-catalogue')!.shadowRoot!;
    await until(view, () => root.querySelector('[part="item"]') !== null, 'the list');
    expect(undefinedElements(view, view.document), 'list').to.deep.equal([]);
    // A kiosk's "continue on your phone" link opens the catalogue at its payment.
    view.location.hash = 'notice=312202600000010279&creditor=80001234568';
    view.document.body.innerHTML =
      '<sportello-payment-catalogue gateway="sandbox"></sportello-payment-catalogue>';
    const handedOver = view.document.querySelector('sportello-payment-catalogue')!;
    await until(view, () => !!handedOver.shadowRoot?.querySelector('sportello-payment'), 'the payment');
    expect(undefinedElements(view, view.document), 'pay').to.deep.equal([]);
  });
});
