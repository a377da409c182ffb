// Starts the reference gateway for a test, on a free port, over a fresh database of either kind:
// SQLite in a new temporary folder, or a new PostgreSQL database created on the server named by
// DATABASE_URL (a role that may CREATE DATABASE; .ci/run sets one up). Without DATABASE_URL the
// PostgreSQL runs are reported as skipped, never as passed.
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  buildGateway,
  loadConfig,
  type Gateway,
  type GatewayConfig,
  type DatabaseKind,
  type GatewayOptions,
} from '@sportello/gateway';

export type { DatabaseKind };

export const POSTGRES_ADMIN_URL = process.env.DATABASE_URL;

/** For `describe(name, { skip })`: why the PostgreSQL variant cannot run here, or false. */
export function skipUnless(kind: DatabaseKind): string | false {
  return kind === 'postgres' && !POSTGRES_ADMIN_URL
    ? 'no PostgreSQL server: set DATABASE_URL to a role that can create databases (see README)'
    : false;
}

export interface TestGateway {
  url: string;
  gateway: Gateway;
  config: GatewayConfig;
  /** Stops the gateway and starts it again on the same data (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A new, empty PostgreSQL database on the DATABASE_URL server: its URL, and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sportello_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch (error) {
        // FORCE may not stop an autovacuum worker busy on the database after many writes (42501 for
        // a role that is not superuser); a plain DROP does, waiting for it to stop.
        if ((error as { code?: string }).code !== '42501') throw error;
        await client.query(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A port nobody is listening on now: the gateway needs it before listening, to know its own address. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startTestGateway(
  kind: DatabaseKind,
  overrides: Partial<GatewayConfig> = {},
  options: GatewayOptions = {},
): Promise<TestGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-gateway-'));
  const postgres = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig(
    {},
    {
      port: await freePort(),
      dataDir,
      logLevel: 'warn',
      // The tests play the demo (its sign-in, notices and simulated payments) unless they say not.
      demoLogin: true,
      ...(postgres ? { databaseUrl: postgres.url } : {}),
      ...overrides,
    },
  );
  const cleanUp = async () => {
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let started: Gateway | undefined;
  let url: string;
  try {
    started = await buildGateway(config, options);
    url = await started.listen();
  } catch (error) {
    // Refused to start (the tests of its configuration checks): nothing of this gateway is left.
    await started?.close();
    await cleanUp();
    throw error;
  }
  let gateway = started;
  const test: TestGateway = {
    url,
    gateway,
    config,
    async restart() {
      await gateway.close();
      gateway = await buildGateway(config, options);
      test.gateway = gateway;
      test.url = await gateway.listen();
      // Node's fetch keeps connections to the old server in its pool; each fails once when reused.
      // Use them up on a health check before the test's own requests.
      for (let attempt = 0; attempt < 20; attempt++) {
        if (
          await fetch(`${test.url}/api/health`).then(
            (response) => response.ok,
            () => false,
          )
        )
          break;
      }
    },
    async close() {
      await gateway.close();
      await cleanUp();
    },
  };
  return test;
}

export interface TestGatewayGroup {
  /** How each start went, in order: a gateway listening at `url`, or why it did not start. */
  started: PromiseSettledResult<{ url: string; gateway: Gateway }>[];
  /** The gateways that started. */
  running: { url: string; gateway: Gateway }[];
  /** Stops every gateway that started, then drops the database. */
  close(): Promise<void>;
}

/**
 * Starts `count` gateways at the same moment on one new PostgreSQL database, as N instances behind
 * a reverse proxy: each with its own port and data folder (its own machine), sharing the database.
 */
export async function startTestGateways(
  count: number,
  overrides: Partial<GatewayConfig> = {},
  options: GatewayOptions = {},
): Promise<TestGatewayGroup> {
  const postgres = await createPostgresDatabase();
  const dataDirs: string[] = [];
  const configs: GatewayConfig[] = [];
  for (let index = 0; index < count; index++) {
    const dataDir = mkdtempSync(join(tmpdir(), `sportello-instance-${index}-`));
    dataDirs.push(dataDir);
    configs.push(
      loadConfig(
        {},
        {
          port: await freePort(),
          dataDir,
          logLevel: 'warn',
          demoLogin: true,
          databaseUrl: postgres.url,
          ...overrides,
        },
      ),
    );
  }
  const started = await Promise.allSettled(
    configs.map(async (config) => {
      const gateway = await buildGateway(config, options);
      try {
        return { gateway, url: await gateway.listen() };
      } catch (error) {
        await gateway.close();
        throw error;
      }
    }),
  );
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  return {
    started,
    running,
    async close() {
      await Promise.all(running.map(({ gateway }) => gateway.close()));
      await postgres.drop();
      for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
