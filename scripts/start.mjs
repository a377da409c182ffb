// `npm start`: builds what is missing, then serves the demo site, the docs and the CDN bundle.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startDemoServer } from './demo-server.mjs';

const built = ['dist/sportello.js', 'packages/core/custom-elements.json'].every((file) => existsSync(file));
if (!built) {
  console.log('First start: building Sportello (npm run build)...');
  execSync('npm run build', { stdio: 'inherit' });
}

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const { url, close } = await startDemoServer({ port, host });
console.log(`Sportello demo running:
  demo site (Comune di Esempio)  ${url}/
  element docs                   ${url}/docs/
  CDN bundle                     ${url}/dist/sportello.js
Press Ctrl-C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await close();
    console.log('Stopped.');
    process.exit(0);
  });
}
