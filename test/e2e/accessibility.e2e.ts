// axe on every page a person reaches from `npm start`, in Italian and in English.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoSiteAndBrowser } from '../support/site.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const site = demoSiteAndBrowser();

/** Violations of WCAG 2.2 AA rules, as "rule: selector" lines (empty when clean). */
async function violations(page: Page): Promise<string[]> {
  // evaluate() is not subject to the page's CSP, unlike an injected <script>.
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
  );
}

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
      assert.deepEqual(await violations(page), []);
      await page.close();
    });
  }

  it('the demo site in English and in the dark and high-contrast themes has none either', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    for (const theme of ['dark', 'high-contrast']) {
      await page.getByLabel('Theme').selectOption(theme);
      await page.locator('sportello-qr svg').waitFor();
      assert.deepEqual(await violations(page), [], theme);
    }
    await page.close();
  });
});
