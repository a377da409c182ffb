// axe on every page a person reaches from `npm start`, in Italian and in English.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axeViolations } from '../support/axe.js';
import { demoSiteAndBrowser } from '../support/site.js';

const site = demoSiteAndBrowser();

describe('accessibility of the demo pages', () => {
  for (const [path, ready] of [
    ['/', 'sportello-qr svg'],
    ['/docs/', 'section#sportello-qr'],
    ['/demo-login/', 'li button'],
    ['/kiosk/', 'h1'],
  ] as const) {
    it(`${path} has no WCAG 2.2 AA violations`, async () => {
      const page = await site.browser.newPage();
      await page.goto(site.server.url + path);
      await page.locator(ready).first().waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await page.close();
    });
  }

  it('judges the kiosk’s attract screen as it settles, even while its words fade in', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/kiosk/`);
    // The attract screen's first words fading in, held at a moment when they are still pale (what
    // a slow machine's axe run met: it judged that moment's contrast).
    await page.waitForFunction(() =>
      document.getAnimations().some((animation) => animation.playState === 'running'),
    );
    await page.evaluate(() => {
      for (const animation of document.getAnimations()) {
        animation.pause();
        animation.currentTime = 300;
      }
    });
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  it('the demo site in English and in the dark and high-contrast themes has none either', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    for (const theme of ['dark', 'high-contrast']) {
      await page.getByLabel('Theme').selectOption(theme);
      await page.locator('sportello-qr svg').waitFor();
      assert.deepEqual(await axeViolations(page), [], theme);
    }
    await page.close();
  });
});
