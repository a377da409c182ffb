// Shared by the end-to-end tests and the bench: Debian's Chromium driven by playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';

/** Chromium with the project's flags, plus any a test needs (a fake camera, say). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
  });
}

export interface PageProblems {
  errors: string[];
  warnings: string[];
  cspViolations: string[];
}

/**
 * Collects what would go wrong for a visitor: uncaught errors, console errors and warnings, and
 * Content Security Policy violations (recorded by a script the browser adds before the page's own,
 * which the policy does not apply to).
 */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { errors: [], warnings: [], cspViolations: [] };
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
    if (message.type() === 'warning') problems.warnings.push(message.text());
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`,
      );
    });
  });
  return problems;
}
