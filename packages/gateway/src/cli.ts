#!/usr/bin/env node
// `sportello-gateway`: starts the gateway configured from the environment (see config.ts);
// `sportello-gateway kiosk-key add|list|revoke` manages kiosk keys on its database and exits;
// `sportello-gateway seal-key generate` prints a new certificate seal key pair;
// `sportello-gateway certificate revoke <id>` withdraws an issued certificate.
import { DEMO_OPERATOR_TOKEN, demoKiosk } from '@sportello/demo-data';
import type { Gateway } from './app.js';
import { ConfigError, loadConfig, type GatewayConfig } from './config.js';

// The server's modules are loaded only to start it: a key is issued in a moment.
if (process.argv[2] === 'kiosk-key') {
  const { runKioskKeyCommand } = await import('./kiosk-key-command.js');
  process.exit(await runKioskKeyCommand(process.argv.slice(3)));
}
if (process.argv[2] === 'seal-key') {
  const { runSealKeyCommand } = await import('./certificate-command.js');
  process.exit(await runSealKeyCommand(process.argv.slice(3)));
}
if (process.argv[2] === 'certificate') {
  const { runCertificateCommand } = await import('./certificate-command.js');
  process.exit(await runCertificateCommand(process.argv.slice(3)));
}
const { buildGateway } = await import('./app.js');

let config: GatewayConfig;
let gateway: Gateway;
try {
  config = loadConfig();
  gateway = await buildGateway(config);
} catch (error) {
  // A configuration it will not run with: one line saying which setting and why, no stack trace.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Sportello gateway not started: ${error.message}`);
  process.exit(1);
}
const url = (await gateway.listen()).replace('127.0.0.1', 'localhost');
const lines = [
  `Sportello gateway (${gateway.database.kind}) running:`,
  `  API health          ${url}/api/health`,
  `  kiosk fleet         ${url}/fleet/`,
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
if (config.demoLogin) {
  lines.push(
    'Demo mode is on (DEMO_LOGIN=true): anyone may sign in as a demo citizen, mark notices paid',
    'and read every booking message. Never with real citizens.',
    `Demo kiosk key: ${demoKiosk.key} (${demoKiosk.name})`,
  );
  // Only the demo's published credential: one of the operator's own is never printed.
  if (config.operatorToken === DEMO_OPERATOR_TOKEN) {
    lines.push(`Demo operator credential for the fleet page: ${DEMO_OPERATOR_TOKEN}`);
  }
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
