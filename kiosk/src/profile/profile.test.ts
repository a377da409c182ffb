import { expect, fixture, html } from '@open-wc/testing';
import { applyProfile, defaultProfile, ROOT_FONT_PX, TEXT_SIZES } from './profile.js';

/** Titillium Web as the gateway serves it at /vendor/bootstrap-italia/fonts/ (the same file). */
const TITILLIUM =
  '/node_modules/bootstrap-italia/dist/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2';

/** EN 301 549 5.1.4: 6 mm of cap height on a 24-inch 1080p screen (0.2767 mm pixels), at 50 cm. */
const MIN_CAP_HEIGHT_PX = 6 / 0.2767;

/**
 * The rendered height of a capital H in `element`'s font, in CSS px: the glyph's ink above the
 * baseline, measured by the browser's text shaper (not the line box, which adds the leading).
 */
function capitalHHeight(element: Element): number {
  const style = getComputedStyle(element);
  const context = document.createElement('canvas').getContext('2d')!;
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const metrics = context.measureText('H');
  return metrics.actualBoundingBoxAscent + metrics.actualBoundingBoxDescent;
}

describe('the accessibility profile', () => {
  const root = document.documentElement;
  afterEach(() => applyProfile(defaultProfile('it')));

  it('sets the language, the theme and the text size on <html>, for every element inside', () => {
    applyProfile({ ...defaultProfile('it'), language: 'en', highContrast: true, textSize: 'large' });
    expect(root.lang).to.equal('en');
    expect(root.getAttribute('data-sportello-theme')).to.equal('high-contrast');
    expect(getComputedStyle(root).fontSize).to.equal(`${ROOT_FONT_PX.large}px`);
    applyProfile(defaultProfile('it'));
    expect(root.lang).to.equal('it');
    expect(root.hasAttribute('data-sportello-theme')).to.equal(false);
    expect(getComputedStyle(root).fontSize).to.equal(`${ROOT_FONT_PX.normal}px`);
  });

  it('has three text sizes, each larger than the one before', () => {
    const sizes = TEXT_SIZES.map((size) => ROOT_FONT_PX[size]);
    expect(sizes).to.have.length(3);
    expect(sizes[1]).to.be.greaterThan(sizes[0]!);
    expect(sizes[2]).to.be.greaterThan(sizes[1]!);
  });

  it('draws a capital H at least 6 mm high on a 24-inch 1080p screen at the largest size (EN 301 549 5.1.4)', async () => {
    const font = new FontFace('Titillium Web', `url(${TITILLIUM})`, { weight: '400' });
    document.fonts.add(await font.load());
    const body = await fixture<HTMLParagraphElement>(html`<p class="probe">H</p>`);
    body.style.setProperty('font-family', "'Titillium Web', sans-serif");
    body.style.setProperty('font-size', '1rem'); // the elements' body text (core's --sportello-font-size)
    expect(document.fonts.check("1rem 'Titillium Web'"), 'Titillium Web is loaded').to.equal(true);

    applyProfile({ ...defaultProfile('it'), textSize: 'largest' });
    const largest = capitalHHeight(body);
    expect(largest).to.be.at.least(MIN_CAP_HEIGHT_PX);

    // And the measure can fail: the normal size's H is well under 6 mm.
    applyProfile(defaultProfile('it'));
    expect(capitalHHeight(body)).to.be.below(MIN_CAP_HEIGHT_PX);
  });
});
