// `sportello-gateway kiosk-key add|list|revoke`: kiosk keys from the command line, on the database
// the gateway is configured with (the same environment and SPORTELLO_CONFIG as the server).
import { parseArgs } from 'node:util';
import type { Database } from './database.js';
import { runOnConfiguredDatabase } from './database-command.js';
import { addKiosk, listKioskKeys, revokeKiosk } from './kiosks.js';

export const KIOSK_KEY_USAGE = `Usage:
  sportello-gateway kiosk-key add --name "Biblioteca civica" --location "Piazza Garibaldi 3"
  sportello-gateway kiosk-key list
  sportello-gateway kiosk-key revoke <id>`;

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs one kiosk-key command on an open, migrated database; resolves to the exit code. The key
 * `add` makes is printed here once and stored nowhere but as its hash.
 */
export async function kioskKeyCommand(
  args: string[],
  database: Database,
  { now, out, err }: CommandOutput & { now: () => number },
): Promise<number> {
  const [action, ...rest] = args;
  try {
    if (action === 'add') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { name: { type: 'string' }, location: { type: 'string' } },
        allowPositionals: true,
      });
      if (positionals.length > 0) throw new Error(`unexpected ${positionals.join(' ')}`);
      const { id, key } = await addKiosk(database, {
        name: values.name ?? '',
        location: values.location ?? '',
        now: now(),
      });
      out(`Kiosk ${id} registered. Its key, shown this once (the gateway keeps only its hash):`);
      out('');
      out(`  ${key}`);
      out('');
      out('Type it into the kiosk’s admin area (kiosk key). Lost it? Revoke this kiosk and add it again.');
      return 0;
    }
    if (action === 'list' && rest.length === 0) {
      const kiosks = await listKioskKeys(database);
      if (kiosks.length === 0) out('No kiosks yet: add one with `sportello-gateway kiosk-key add`.');
      for (const kiosk of kiosks) {
        const state = kiosk.revokedAt ? `revoked ${kiosk.revokedAt}` : 'active';
        out(`${kiosk.id}\t${kiosk.name}\t${kiosk.location}\tadded ${kiosk.createdAt}\t${state}`);
      }
      return 0;
    }
    if (action === 'revoke' && rest.length === 1) {
      const id = rest[0]!;
      if (await revokeKiosk(database, id, now())) {
        out(`Kiosk ${id} revoked: its key no longer works.`);
        return 0;
      }
      err(`No active kiosk ${id} (see \`sportello-gateway kiosk-key list\`).`);
      return 1;
    }
  } catch (error) {
    err(`kiosk-key ${action}: ${(error as Error).message}`);
    err(KIOSK_KEY_USAGE);
    return 2;
  }
  err(KIOSK_KEY_USAGE);
  return 2;
}

/** The command as `sportello-gateway` runs it: configured from the environment, on its database. */
export async function runKioskKeyCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return runOnConfiguredDatabase('kiosk-key', env, (database, output) =>
    kioskKeyCommand(args, database, output),
  );
}
