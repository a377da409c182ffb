// The registry the gateway asks who a citizen's family is: ANPR for a real municipality, reached
// through a provider; in demo mode the simulated one over the demo families.
import type { RegistryFamily } from '@sportello/core/certificates';
import { demoRegistry } from '@sportello/demo-data';

/**
 * What the certificate operations need of the registry (ANPR, or the simulated one). One question:
 * the registry family ("famiglia anagrafica") a person belongs to, with everyone in it and the facts
 * certificates state; undefined when the registry does not know the person. A provider that cannot
 * answer now (ANPR down, a timeout) throws: the citizen is answered 503 `registry-unavailable`.
 *
 * A real provider would call ANPR's e-service for the municipality (through PDND) with the
 * municipality's credentials; its answer maps to `RegistryFamily` as the demo data shows.
 */
export interface RegistryProvider {
  /** For logs and the health of the configuration: `simulated`. */
  name: string;
  familyOf(fiscalCode: string): Promise<RegistryFamily | undefined>;
}

/** REGISTRY_PROVIDER's values: `none` turns the certificate operations off (see certificates.ts). */
export const REGISTRY_PROVIDERS = ['simulated', 'none'] as const;
export type RegistryProviderName = (typeof REGISTRY_PROVIDERS)[number];

/**
 * The simulated ANPR: the demo registry's families, as the demo sign-in's citizens live in them.
 * Copies are answered, so no caller can change the registry by changing what it was given.
 */
export function simulatedRegistry(families: readonly RegistryFamily[] = demoRegistry): RegistryProvider {
  const byMember = new Map<string, RegistryFamily>();
  for (const family of families) {
    for (const member of family.members) byMember.set(member.fiscalCode, family);
  }
  return {
    name: 'simulated',
    async familyOf(fiscalCode) {
      const family = byMember.get(fiscalCode);
      return family ? structuredClone(family) : undefined;
    },
  };
}

/** The configured provider, or undefined for `none` (no certificates online). */
export function registryProvider(name: RegistryProviderName): RegistryProvider | undefined {
  return name === 'simulated' ? simulatedRegistry() : undefined;
}
