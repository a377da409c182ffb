// `sportello-gateway seal-key generate` makes a new seal key pair (no configuration, no database);
// `sportello-gateway certificate revoke <id>` withdraws an issued certificate on the database the
// gateway is configured with (the same environment and SPORTELLO_CONFIG as the server).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateSealKeys, normaliseCertificateId } from '@sportello/core/certificates';
import { now as clockNow } from '@sportello/core/node';
import { revokeCertificate } from './certificates.js';
import type { Database } from './database.js';
import { runOnConfiguredDatabase } from './database-command.js';
import type { CommandOutput } from './kiosk-key-command.js';
import { newSealKeyId } from './seal-key.js';

export const SEAL_KEY_USAGE = `Usage:
  sportello-gateway seal-key generate [--kid <key id>] [--out <private key file>]`;

export const CERTIFICATE_USAGE = `Usage:
  sportello-gateway certificate revoke <certificate identifier>`;

/**
 * Makes a new Ed25519 seal key pair. The private key goes to `--out` (created readable by its owner
 * only, never over an existing file) or, without it, to standard output; the public key is printed
 * for the operator to see what will be published. Resolves to the exit code.
 */
export async function sealKeyCommand(
  args: string[],
  { now, out, err }: CommandOutput & { now: () => number },
): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'generate') {
    err(SEAL_KEY_USAGE);
    return 2;
  }
  let values: { kid?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { kid: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    err(`seal-key generate: ${(error as Error).message}`);
    err(SEAL_KEY_USAGE);
    return 2;
  }
  const keyId = values.kid ?? newSealKeyId(now());
  if (!/^[!-~]{1,64}$/.test(keyId)) {
    err('seal-key generate: --kid must be 1 to 64 printable characters, no spaces');
    return 2;
  }
  const { privateJwk, publicJwk } = await generateSealKeys(keyId);
  if (values.out) {
    try {
      writeFileSync(values.out, `${JSON.stringify(privateJwk)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      const exists = (error as { code?: string }).code === 'EEXIST';
      err(
        `seal-key generate: ${exists ? `${values.out} exists already: choose a new file` : (error as Error).message}`,
      );
      return 1;
    }
    out(`Seal key ${keyId} written to ${values.out} (readable by its owner only).`);
  } else {
    out(`Seal key ${keyId}. Its private key: save it in a file only the gateway can read, never publish it:`);
    out('');
    out(`  ${JSON.stringify(privateJwk)}`);
  }
  out('');
  out(
    'Point SEAL_KEY_FILE at that file on every instance and restart them. The public key they will publish:',
  );
  out('');
  out(`  ${JSON.stringify(publicJwk)}`);
  out('');
  out(
    'Replacing a key? Add the old key’s public half (above, from when it was made, or from /api/certificates/seal-keys) to SEAL_PUBLIC_KEYS_FILE, so that certificates it sealed still verify.',
  );
  return 0;
}

/** Runs `certificate revoke <id>` on an open, migrated database; resolves to the exit code. */
export async function certificateCommand(
  args: string[],
  database: Database,
  { now, out, err }: CommandOutput & { now: () => number },
): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'revoke' || rest.length !== 1) {
    err(CERTIFICATE_USAGE);
    return 2;
  }
  const id = normaliseCertificateId(rest[0]!);
  if (!id) {
    err(
      `certificate revoke: ${rest[0]} is not a certificate identifier (16 characters, as printed: XXXX-XXXX-XXXX-XXXX)`,
    );
    return 2;
  }
  if (await revokeCertificate(database, id, now())) {
    out(`Certificate ${id} revoked: online verification now answers that it was withdrawn.`);
    return 0;
  }
  err(`No issued certificate ${id} that is not revoked already.`);
  return 1;
}

/** `seal-key` as `sportello-gateway` runs it: nothing to configure, nothing opened. */
export function runSealKeyCommand(args: string[]): Promise<number> {
  return sealKeyCommand(args, {
    now: clockNow,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}

/** `certificate` as `sportello-gateway` runs it: configured from the environment, on its database. */
export async function runCertificateCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return runOnConfiguredDatabase('certificate', env, (database, output) =>
    certificateCommand(args, database, output),
  );
}
