#!/usr/bin/env node
// `sportello-gateway`: starts the gateway configured from the environment (see config.ts).
import { buildGateway } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const gateway = await buildGateway(config);
const url = (await gateway.listen()).replace('127.0.0.1', 'localhost');
const lines = [
  `Sportello gateway (${gateway.database.kind}) running:`,
  `  API health          ${url}/api/health`,
];
if (config.siteRoot) {
  lines.push(
    `  demo site           ${url}/`,
    `  element docs        ${url}/docs/`,
    `  kiosk               ${url}/kiosk/`,
  );
}
if (gateway.demoIssuer) {
  lines.push(`  demo sign-in        ${url}/demo-login/`, `  demo mailbox        ${url}/demo/mailbox`);
}
console.log(`${lines.join('\n')}\nPress Ctrl-C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    gateway.close().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
