import type { ConnectorState, ConnectorStatus } from '../connect/connector-status.ts';
import { RestError } from './rest-error.ts';
import { CONNECTOR_CLASSES, connectorType, TASK_CLASSES, type RunningConnector } from './start-connector.ts';
import { configErrors, invalidConfigMessage } from './validate-config.ts';

// The connectors a REST server manages, with Kafka Connect's lifecycle: create (201), pause and
// resume (202), restart (204, or 202 with includeTasks), delete (204). Messages and codes copy
// what Kafka Connect 3.9.1 answers (recorded against a real worker; see connect-rest.integration.test.ts).
// Sources and sinks alike (start-connector.ts picks what runs by connector.class); "type" in the
// bodies says which.

type ConnectorType = 'source' | 'sink';
export type StartEngine = (config: Record<string, unknown>) => Promise<RunningConnector>;

interface Entry {
  name: string;
  config: Record<string, unknown>;
  engine?: RunningConnector;
  /** set when the engine could not start: the task is FAILED with this trace */
  startFailure?: Error;
  paused: boolean;
  starting?: Promise<void>;
}

export class ConnectorRegistry {
  private readonly connectors = new Map<string, Entry>();

  private readonly startEngine: StartEngine;
  readonly workerId: string;
  constructor(
    startEngine: StartEngine,
    workerId: string,
  ) {
    this.startEngine = startEngine;
    this.workerId = workerId;
  }

  names(): string[] {
    return [...this.connectors.keys()];
  }

  async create(body: unknown): Promise<{ name: string; config: Record<string, unknown>; tasks: never[]; type: ConnectorType }> {
    const { name, config } = (body ?? {}) as { name?: unknown; config?: Record<string, unknown> };
    if (typeof name !== 'string' || name === '') throw new RestError(400, 'Connector name must be a non-empty string');
    if (!config || typeof config !== 'object') throw new RestError(400, `Connector config for ${name} is missing`);
    if (this.connectors.has(name)) throw new RestError(409, `Connector ${name} already exists`);
    const full = { ...config, name };
    this.checkConfig(full);
    const entry: Entry = { name, config: full, paused: false };
    this.connectors.set(name, entry);
    this.launch(entry);
    return { name, config: full, tasks: [], type: connectorType(full) };
  }

  info(name: string): { name: string; config: Record<string, unknown>; tasks: Array<{ connector: string; task: number }>; type: ConnectorType } {
    const entry = this.entry(name, `Connector ${name} not found`);
    return { name, config: entry.config, tasks: [{ connector: name, task: 0 }], type: connectorType(entry.config) };
  }

  config(name: string): Record<string, unknown> {
    return this.entry(name, `Connector ${name} not found`).config;
  }

  tasks(name: string): Array<{ id: { connector: string; task: number }; config: Record<string, unknown> }> {
    const entry = this.entry(name, `Connector ${name} not found`);
    return [{ id: { connector: name, task: 0 }, config: { ...entry.config, 'task.class': TASK_CLASSES[String(entry.config['connector.class'])] } }];
  }

  /** PUT /connectors/{name}/config: creates (201) or reconfigures (200) the connector. */
  async putConfig(name: string, config: Record<string, unknown>): Promise<{ created: boolean; body: unknown }> {
    const full = { ...config, name };
    this.checkConfig(full);
    const existing = this.connectors.get(name);
    if (!existing) {
      const entry: Entry = { name, config: full, paused: false };
      this.connectors.set(name, entry);
      this.launch(entry);
      return { created: true, body: { name, config: full, tasks: [], type: connectorType(full) } };
    }
    existing.config = full;
    await this.halt(existing);
    if (!existing.paused) this.launch(existing);
    return { created: false, body: { name, config: full, tasks: [{ connector: name, task: 0 }], type: connectorType(full) } };
  }

  status(name: string): ConnectorStatus {
    const entry = this.entry(name, `No status found for connector ${name}`);
    return this.statusOf(entry);
  }

  taskStatus(name: string, task: number): ConnectorStatus['tasks'][number] {
    const entry = this.connectors.get(name);
    const status = entry && this.statusOf(entry).tasks.find((t) => t.id === task);
    if (!status) throw new RestError(404, `No status found for task ${name}-${task}`);
    return status;
  }

  /** The running engine or sink of a connector (undefined while paused, failed to start or starting). */
  engineOf(name: string): RunningConnector | undefined {
    return this.connectors.get(name)?.engine;
  }

  async pause(name: string): Promise<void> {
    const entry = this.entry(name, `Unknown connector ${name}`);
    entry.paused = true;
    await this.halt(entry);
  }

  async resume(name: string): Promise<void> {
    const entry = this.entry(name, `Unknown connector ${name}`);
    if (!entry.paused) return;
    entry.paused = false;
    this.launch(entry);
  }

  /** The engine resumes from its replication slot, so a restart loses nothing. */
  async restart(name: string, includeTasks: boolean): Promise<ConnectorStatus | undefined> {
    const entry = this.entry(name, `Unknown connector: ${name}`);
    await this.halt(entry);
    const restarting = includeTasks ? this.restartingStatus(entry) : undefined;
    if (!entry.paused) this.launch(entry);
    return restarting;
  }

  async delete(name: string): Promise<void> {
    const entry = this.entry(name, `Connector ${name} not found`);
    this.connectors.delete(name);
    await this.halt(entry);
  }

  async closeAll(): Promise<void> {
    for (const entry of this.connectors.values()) await this.halt(entry);
    this.connectors.clear();
  }

  private checkConfig(config: Record<string, unknown>): void {
    const connectorClass = config['connector.class'];
    if (connectorClass === undefined) {
      throw new RestError(400, `Connector config {${Object.entries(config).map(([k, v]) => `${k}=${String(v)}`).join(', ')}} contains no connector type`);
    }
    if (!CONNECTOR_CLASSES.includes(String(connectorClass))) {
      throw new RestError(500, `Failed to find any class that implements Connector and which name matches ${String(connectorClass)}, available connectors are: ${CONNECTOR_CLASSES.join(', ')}`);
    }
    const errors = configErrors(config);
    if (errors.size) throw new RestError(400, invalidConfigMessage(errors));
  }

  private entry(name: string, notFound: string): Entry {
    const entry = this.connectors.get(name);
    if (!entry) throw new RestError(404, notFound);
    return entry;
  }

  private launch(entry: Entry): void {
    entry.startFailure = undefined;
    entry.starting = this.startEngine(entry.config).then(
      (engine) => {
        entry.engine = engine;
      },
      (error: unknown) => {
        entry.startFailure = error instanceof Error ? error : new Error(String(error));
      },
    );
  }

  private async halt(entry: Entry): Promise<void> {
    await entry.starting;
    const engine = entry.engine;
    entry.engine = undefined;
    await engine?.stop();
  }

  private statusOf(entry: Entry): ConnectorStatus {
    const make = (connector: ConnectorState, task: ConnectorState, trace?: string): ConnectorStatus => ({
      name: entry.name,
      connector: { state: connector, worker_id: this.workerId },
      tasks: [{ id: 0, state: task, worker_id: this.workerId, ...(trace ? { trace } : {}) }],
      type: connectorType(entry.config),
    });
    if (entry.paused) return make('PAUSED', 'PAUSED');
    if (entry.startFailure) return make('RUNNING', 'FAILED', entry.startFailure.stack ?? entry.startFailure.message);
    if (!entry.engine) return make('RUNNING', 'UNASSIGNED');
    return { ...entry.engine.status(), name: entry.name };
  }

  private restartingStatus(entry: Entry): ConnectorStatus {
    return {
      name: entry.name,
      connector: { state: 'RESTARTING', worker_id: this.workerId },
      tasks: [{ id: 0, state: 'RESTARTING', worker_id: this.workerId }],
      type: connectorType(entry.config),
    };
  }
}
