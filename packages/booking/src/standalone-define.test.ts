import { expect } from '@open-wc/testing';
import {
  buttonIn,
  pageOnSandboxWith,
  pressIn,
  typeIn,
  undefinedElements,
  until,
} from '../../../test/support/standalone-page.js';

// Each define module alone in a page, as a site importing only it has it: every element it renders,
// at every step reached here, is defined (`<sportello-booking>` renders the calendar, the QR code of
// the confirmation and the managing element).

describe('define modules of @sportello/booking, each alone in a page', () => {
  it('booking: every step to the confirmation renders only defined elements', async () => {
    const view = await pageOnSandboxWith('/packages/booking/src/booking/define.ts');
    view.document.body.innerHTML = '<sportello-booking gateway="sandbox" service="cie"></sportello-booking>';
    const booking = view.document.querySelector('sportello-booking')!;
    const root = booking.shadowRoot!;
    const missing = () => undefinedElements(view, view.document);
    await until(view, () => root.querySelector('sportello-calendar') !== null, 'the day and time step');
    expect(missing(), 'day and time').to.deep.equal([]);
    await pressIn(view, root, /^\p{L}+,? \d+ \p{L}+ \d{4}, \d+ post[oi] liber/u);
    await pressIn(view, root, /^\d{1,2}:\d{2}, \d+ post[oi] liber/);
    await until(view, () => root.querySelector('textarea') !== null, 'the details step');
    expect(missing(), 'details').to.deep.equal([]);
    await pressIn(view, root, /^Avanti$/);
    await until(view, () => root.querySelector('#givenName') !== null, 'the applicant step');
    typeIn(view, root, 'givenName', 'Mario');
    typeIn(view, root, 'familyName', 'Rossi');
    typeIn(view, root, 'email', 'mario.rossi@example.org');
    await pressIn(view, root, /^Avanti$/);
    await pressIn(view, root, /^Conferma l’appuntamento$/);
    await until(view, () => root.querySelector('[part="confirmation"]') !== null, 'the confirmation');
    expect(missing(), 'confirmation').to.deep.equal([]);
    expect(root.querySelector('sportello-qr, a[href*="reference="]'), 'a way to manage it').to.not.equal(
      null,
    );
  });

  it('booking with `manage`: the managing element it shows is defined', async () => {
    const view = await pageOnSandboxWith('/packages/booking/src/booking/define.ts');
    view.document.body.innerHTML = '<sportello-booking gateway="sandbox" manage></sportello-booking>';
    const booking = view.document.querySelector('sportello-booking')!;
    await until(view, () => !!booking.shadowRoot?.querySelector('sportello-booking-manage'), 'managing');
    await until(view, () => undefinedElements(view, view.document).length === 0, 'all defined');
    const manage = booking.shadowRoot!.querySelector('sportello-booking-manage')!;
    await until(view, () => buttonIn(manage.shadowRoot!, /^Cerca appuntamento$/) !== undefined, 'its form');
  });

  it('calendar and managing element alone render no undefined element', async () => {
    for (const [module, tag] of [
      ['/packages/booking/src/calendar/define.ts', 'sportello-calendar'],
      ['/packages/booking/src/booking-manage/define.ts', 'sportello-booking-manage'],
    ] as const) {
      const view = await pageOnSandboxWith(module);
      view.document.body.innerHTML = `<${tag} gateway="sandbox"></${tag}>`;
      await until(view, () => !!view.document.querySelector(tag)!.shadowRoot, `${tag} rendered`);
      expect(undefinedElements(view, view.document), tag).to.deep.equal([]);
    }
  });
});
