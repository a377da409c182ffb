import {
  problem,
  toRomeIso,
  type ContractResponse,
  type Handler,
  type Schemas,
} from '@sportello/core/contract';
import { DEMO_OPERATOR_TOKEN, demoKiosk } from '@sportello/demo-data';

/** As the gateway: a kiosk is stale after this long without a heartbeat, and reports this often. */
const STALE_AFTER_MINUTES = 15;
const HEARTBEAT_SECONDS = 300;

const ok = (status: number, body: unknown): ContractResponse => ({ status, body });

/** The demo kiosk, the one kiosk of the sandbox's town: its key is the demo's published one. */
const kiosk: Schemas['Kiosk'] = { id: demoKiosk.id, name: demoKiosk.name, location: demoKiosk.location };

/** The kiosk a request's `Sportello-Kiosk-Key` names, or the 401 the gateway would answer. */
export function sandboxKioskOf(headers: Record<string, string>): Schemas['Kiosk'] | ContractResponse {
  const key = headers['sportello-kiosk-key'];
  if (key === demoKiosk.key) return kiosk;
  return {
    status: 401,
    body: problem(401, 'unauthorized', {
      title: 'A valid kiosk key is needed',
      detail: key
        ? 'This kiosk key is unknown or has been revoked.'
        : 'No kiosk key: send it in the Sportello-Kiosk-Key header.',
    }),
  };
}

/**
 * The kiosk operations in memory, for the demo kiosk only (its published key) and the demo's
 * operator credential: the sandbox is a demo, as the gateway is in demo mode. The latest heartbeat
 * is kept, as the gateway keeps it.
 */
export function sandboxKiosks(now: () => number): Record<string, Handler> {
  let latest: { receivedAtMs: number; heartbeat: Schemas['KioskHeartbeat'] } | undefined;
  const createdAt = toRomeIso(now());
  return {
    async sendKioskHeartbeat({ headers, body }) {
      const found = sandboxKioskOf(headers);
      if ('status' in found) return found;
      latest = { receivedAtMs: now(), heartbeat: body as Schemas['KioskHeartbeat'] };
      return ok(200, {
        receivedAt: toRomeIso(latest.receivedAtMs),
        nextHeartbeatSeconds: HEARTBEAT_SECONDS,
      } satisfies Schemas['KioskHeartbeatReceipt']);
    },

    async getKiosk({ headers }) {
      const found = sandboxKioskOf(headers);
      return 'status' in found ? found : ok(200, found);
    },

    async listKiosks({ headers }) {
      if (headers['sportello-operator-token'] !== DEMO_OPERATOR_TOKEN) {
        return {
          status: 401,
          body: problem(401, 'unauthorized', {
            title: 'A valid operator credential is needed',
            detail: 'Send the operator credential in the Sportello-Operator-Token header.',
          }),
        };
      }
      const status: Schemas['KioskStatus'] = {
        ...kiosk,
        createdAt,
        stale: !latest || latest.receivedAtMs < now() - STALE_AFTER_MINUTES * 60_000,
        ...(latest
          ? {
              lastHeartbeat: {
                receivedAt: toRomeIso(latest.receivedAtMs),
                version: latest.heartbeat.version,
                serviceWorker: latest.heartbeat.serviceWorker,
                storageUsedBytes: latest.heartbeat.storageUsedBytes,
                ...(latest.heartbeat.lastSelfCheck ? { lastSelfCheck: latest.heartbeat.lastSelfCheck } : {}),
              },
            }
          : {}),
      };
      return ok(200, {
        kiosks: [status],
        staleAfterMinutes: STALE_AFTER_MINUTES,
      } satisfies Schemas['KioskFleet']);
    },
  };
}
