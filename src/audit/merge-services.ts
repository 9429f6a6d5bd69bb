/** Pure: one project's services across its compose files, as Compose merges `-f a.yml -f b.yml` (later files win per key). */
import type { AuditService } from './types.js';

/** Merges services of the same name; the first definition keeps its position, later keys win. */
export function mergeProjectServices(perFile: readonly AuditService[][]): AuditService[] {
  const merged = new Map<string, AuditService>();
  for (const services of perFile) {
    for (const service of services) {
      const earlier = merged.get(service.name);
      if (earlier === undefined) {
        merged.set(service.name, service);
        continue;
      }
      const environment = new Map([...earlier.environment, ...service.environment].map((entry) => [entry.name, entry]));
      merged.set(service.name, {
        ...earlier,
        keys: new Map([...earlier.keys, ...service.keys]),
        image: service.keys.has('image') ? service.image : earlier.image,
        build: service.keys.has('build') ? service.build : earlier.build,
        labels: new Map([...earlier.labels, ...service.labels]),
        environment: [...environment.values()],
      });
    }
  }
  return [...merged.values()];
}
