// The seam between a lab and whatever runs its connectors: the native engine (native-driver.ts) or
// real Debezium on Kafka Connect (debezium-driver.ts). Types only, so both drivers and the step
// context can import it without importing each other.
import type { ConnectorStatus } from '../engine/index.ts';

export type { ConnectorStatus };

export const ENGINE_NAMES = ['native', 'debezium'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface EngineHandle {
  /** The connector's name from the JSON. */
  name: string;
  status(): Promise<ConnectorStatus>;
  waitForSnapshot(): Promise<void>;
  stop(): Promise<void>;
  /** PUT /connectors/<name>/pause and /resume: the engine stops and starts again from its slot */
  pause?(): Promise<void>;
  resume?(): Promise<void>;
  /** POST /connectors/<name>/restart?includeTasks=true&onlyFailed=true (also restarts a FAILED task) */
  restart?(): Promise<void>;
  /** GET /metrics: the Prometheus text of the engine's REST server (native engine) */
  metrics?(): Promise<string>;
}

export interface EngineStartOptions {
  name: string;
  config: Record<string, unknown>;
  bootstrapServers: string[];
  log: (line: string) => void;
}

export interface EngineDriver {
  name: EngineName;
  start(opts: EngineStartOptions): Promise<EngineHandle>;
  /** PUT /connector-plugins/<class>/config/validate: Kafka Connect's ConfigInfos for a flat config */
  validate(connectorClass: string, config: Record<string, unknown>): Promise<unknown>;
}
