// axe-core in a Playwright page, for the end-to-end accessibility checks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Violations of WCAG 2.2 AA rules in the page, as "rule: selector" lines (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Colours are judged as they settle: text fading in (the kiosk's attract screen changes its words
  // every few seconds) is, for a moment, paler than it will be, and axe would read that moment. The
  // pages drop their fades for visitors who ask for less motion: axe asks too, for its run only.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  try {
    return await violationsNow(page);
  } finally {
    await page.emulateMedia({ reducedMotion: null });
  }
}

async function violationsNow(page: Page): Promise<string[]> {
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
