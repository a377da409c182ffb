// Makes sure a Chromium is available for the tests and the bench: CHROME_PATH or Debian's
// /usr/bin/chromium. On a fresh Debian machine as root it installs Debian's package itself;
// elsewhere it says in one line how to get one.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

if (!findChromium()) {
  if (process.env.CHROME_PATH) {
    console.error(
      `CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist: fix it or unset it.`,
    );
    process.exit(1);
  }
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(
      'Chromium is needed for the tests: install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chrome or Chromium binary.',
    );
    process.exit(1);
  }
  console.log("Chromium not found: installing Debian's chromium package with apt-get (about a minute)...");
  const quiet = {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  };
  execFileSync('apt-get', ['update', '-qq'], quiet);
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], quiet);
  if (!findChromium()) {
    console.error(
      'apt-get finished but /usr/bin/chromium is still missing: install Chromium by hand or set CHROME_PATH.',
    );
    process.exit(1);
  }
}
