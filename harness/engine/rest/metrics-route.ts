// GET /metrics on the REST server: every registered connector, running or not.
import type { ConnectorRegistry } from './connector-registry.ts';
import { connectorType } from './start-connector.ts';
import { METRICS_CONTENT_TYPE, readSourceView, renderMetrics, type ConnectorSample } from './prometheus-metrics.ts';

export async function scrapeRegistry(registry: ConnectorRegistry): Promise<{ contentType: string; body: string }> {
  const samples: ConnectorSample[] = await Promise.all(
    registry.names().map(async (name) => {
      const engine = registry.engineOf(name);
      return {
        name,
        status: registry.status(name),
        metrics: engine?.metrics(),
        // a sink has no replication slot to report
        source: connectorType(registry.config(name)) === 'sink' ? undefined : await readSourceView(registry.config(name)),
      };
    }),
  );
  return { contentType: METRICS_CONTENT_TYPE, body: await renderMetrics(samples) };
}
