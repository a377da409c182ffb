// For end-to-end files: one gateway serving the demo site and one Chromium, started before the
// file's tests and stopped after them.
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import type { GatewayOptions } from '@sportello/gateway';
import { launchChromium } from './browser.js';
import { startTestGateway, type TestGateway } from './gateway.js';

export function demoSiteAndBrowser(options: GatewayOptions = {}): { server: TestGateway; browser: Browser } {
  const running = {} as { server: TestGateway; browser: Browser };
  before(async () => {
    running.server = await startTestGateway('sqlite', { siteRoot: '.' }, options);
    running.browser = await launchChromium();
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.close();
  });
  return running;
}
