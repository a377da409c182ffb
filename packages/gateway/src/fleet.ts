// The fleet page, `/fleet/`: the kiosks and their health, for operators. The page itself holds
// nothing: it asks for the operator credential and reads `GET /api/kiosks` with it, so it is
// served on every gateway, with or without a credential configured.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from './config.js';
import { GATEWAY_SITE, gatewayPage } from './look.js';

export async function registerFleet(
  app: FastifyInstance,
  config: GatewayConfig,
  municipalityName: string,
): Promise<void> {
  const page = gatewayPage('fleet/index.html', municipalityName);
  const script = readFileSync(join(GATEWAY_SITE, 'fleet', 'fleet.js'));
  const styles = readFileSync(join(GATEWAY_SITE, 'fleet', 'fleet.css'));
  await app.register(
    async (fleet) => {
      await fleet.register(rateLimit, { max: config.rateLimit.max, timeWindow: config.rateLimit.windowMs });
      fleet.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
      fleet.get('/fleet.js', async (_request, reply) =>
        reply.type('text/javascript; charset=utf-8').send(script),
      );
      fleet.get('/fleet.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(styles));
    },
    { prefix: '/fleet' },
  );
}
