// The embeddable entry point: a Debezium PostgresConnector configuration in, a running engine out.
import { parseConnectorConfig } from './config.js';
import { NativeEngine, type Engine, type EngineOptions } from './engine.js';
import { EventBuilder } from './event-builder.js';
import { topicCreation } from './topic-creation.js';

export type { Engine, EngineOptions } from './engine.js';
export type { ConnectorStatus } from './engine-status.js';

/**
 * Validates the configuration (every error, naming the key, before anything touches the
 * database), checks the server, sets up publication and slot, then snapshots and streams in the
 * background. Rejects with a clear message when a check fails.
 */
export async function startEngine(opts: EngineOptions): Promise<Engine> {
  const config = parseConnectorConfig(opts.config);
  // topic.creation.* as Kafka Connect applies it to a source's topics (topic-creation.ts)
  const topicSettings = opts.topicSettings ?? topicCreation(opts.config) ?? undefined;
  const engine = new NativeEngine(config, new EventBuilder(config), { ...opts, topicSettings });
  await engine.start();
  return engine;
}
