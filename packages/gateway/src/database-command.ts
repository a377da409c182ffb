// How `sportello-gateway`'s commands that work on the database run: configured from the
// environment like the gateway, on its database (migrated first), with their lines on the console.
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, type Database } from './database.js';
import type { CommandOutput } from './kiosk-key-command.js';

/**
 * Runs `command` on the configured database and closes it; 1 with one line on standard error when
 * the configuration is refused (`name` says which command). Payments play no part in these
 * commands: a missing PAYMENT_PROVIDER must not stop a key from being issued or a certificate revoked.
 */
export async function runOnConfiguredDatabase(
  name: string,
  env: NodeJS.ProcessEnv,
  command: (database: Database, output: CommandOutput & { now: () => number }) => Promise<number>,
): Promise<number> {
  let database: Database;
  let now: () => number;
  try {
    const config = loadConfig({ ...env, PAYMENT_PROVIDER: env.PAYMENT_PROVIDER || 'simulated' });
    now = config.now;
    database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${name}: ${error.message}`);
    return 1;
  }
  try {
    await database.migrate();
    return await command(database, {
      now,
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } finally {
    await database.close();
  }
}
