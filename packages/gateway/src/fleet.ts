// The fleet page, `/fleet/`: the kiosks and their health, for operators. The page itself holds
// nothing: it asks for the operator credential and reads `GET /api/kiosks` with it, so it is
// served on every gateway, with or without a credential configured.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from './config.js';
import { serveGatewayPage } from './look.js';

export async function registerFleet(
  app: FastifyInstance,
  config: GatewayConfig,
  municipalityName: string,
): Promise<void> {
  await app.register(
    async (fleet) => {
      await fleet.register(rateLimit, { max: config.rateLimit.max, timeWindow: config.rateLimit.windowMs });
      serveGatewayPage(fleet, 'fleet', ['fleet.js', 'fleet.css'], municipalityName);
    },
    { prefix: '/fleet' },
  );
}
