// The embeddable entry point: a Debezium PostgresConnector configuration in, a running engine out.
import { parseConnectorConfig } from './config.ts';
import { NativeEngine, type Engine, type EngineOptions } from './engine.ts';
import { EventBuilder } from '../events/event-builder.ts';
import { topicCreation } from '../connect/topic-creation.ts';
import { withTransforms } from './source-transforms.ts';
import { withEventFailureHandling } from './event-failure.ts';

export type { Engine, EngineOptions } from './engine.ts';
export type { ConnectorStatus } from '../connect/connector-status.ts';

/**
 * Validates the configuration (every error, naming the key, before anything touches the
 * database), checks the server, sets up publication and slot, then snapshots and streams in the
 * background. Rejects with a clear message when a check fails.
 */
export async function startEngine(opts: EngineOptions): Promise<Engine> {
  const config = parseConnectorConfig(opts.config);
  // topic.creation.* as Kafka Connect applies it to a source's topics (topic-creation.ts)
  const topicSettings = opts.topicSettings ?? topicCreation(opts.config) ?? undefined;
  // transforms / predicates run on everything the event side emits, before Kafka (source-transforms.ts)
  // event.processing.failure.handling.mode guards the event side only; the transforms' failures are Connect's (event-failure.ts)
  const events = withEventFailureHandling(new EventBuilder(config), config.eventProcessingFailureHandlingMode, opts.logger ?? (() => undefined));
  const engine = new NativeEngine(config, withTransforms(events, config.transforms), { ...opts, topicSettings });
  await engine.start();
  return engine;
}
