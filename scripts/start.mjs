// `npm start`: builds what is missing, then runs the reference gateway on SQLite (data/ by default)
// serving the demo site, the docs, the kiosk, the demo sign-in and the API on one port.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const built = [
  'dist/sportello.js',
  'dist/kiosk/sw.js',
  'packages/gateway/dist/cli.js',
  'packages/demo-data/dist/index.js',
  'packages/core/custom-elements.json',
].every((file) => existsSync(file));
if (!built) {
  console.log('First start: building Sportello (npm run build)...');
  execSync('npm run build', { stdio: 'inherit' });
}

process.env.SITE_ROOT ??= process.cwd();
// `npm start` is the demo: it asks for demo mode (the gateway's own command starts without it), and
// the gateway's banner says so. DEMO_LOGIN=false in the environment still turns it off.
process.env.DEMO_LOGIN ??= 'true';
await import('../packages/gateway/dist/cli.js');
