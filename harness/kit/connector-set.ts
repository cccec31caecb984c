// The connectors a lab runs (a source and the sinks that read its topics), and the Kafka Connect
// REST calls the labs show, served by their EngineHandles. The engine's own REST server
// (harness/engine/rest) routes to engines in its process only; here a handle may be real Debezium
// on Kafka Connect, so the kit keeps this small router of its own.
import type { StackInfo } from '../runtime/types.ts';
import { parseConnectorJson, withStackConnection } from './connector-config.ts';
import type { EngineDriver, EngineHandle, EngineName } from './engine-handle.ts';
import { isSinkConfig, startSinkConnector, withSinkConnection } from './sink-connector.ts';

export class ConnectorFailedError extends Error {
  constructor(name: string, trace: string | undefined) {
    super(`connector ${name} FAILED${trace === undefined ? '' : `: ${trace.split('\n')[0]}`}`);
    this.name = 'ConnectorFailedError';
  }
}

export interface ConnectorSetOptions {
  labId: string;
  engine: EngineName;
  driver: EngineDriver;
  stack: StackInfo;
  /** the lab's database */
  database: string;
  /** where connector log lines go (prefixed with the connector's name) */
  log: (line: string) => void;
}

export class ConnectorSet {
  /** Running connectors by name, in start order. */
  private readonly running = new Map<string, { handle: EngineHandle; sink: boolean }>();
  private readonly opts: ConnectorSetOptions;
  constructor(opts: ConnectorSetOptions) {
    this.opts = opts;
  }

  names(): string[] {
    return [...this.running.keys()];
  }

  /** The source connector (or the only connector): what ctx.engine() returns. */
  main(): EngineHandle | undefined {
    const all = [...this.running.values()];
    return all.find((c) => !c.sink)?.handle ?? all[0]?.handle;
  }

  get(name: string): EngineHandle {
    const c = this.running.get(name);
    if (c === undefined) throw new Error(`no connector named ${name} is running (running: ${this.names().join(', ') || 'none'})`);
    return c.handle;
  }

  /** Starts the connector a connector JSON describes: a sink through sink-connector.ts, a source through the driver. */
  async start(text: string): Promise<void> {
    const { labId, stack, database } = this.opts;
    const { name, config: raw } = parseConnectorJson(text, labId);
    if (this.running.has(name)) throw new Error(`a connector named ${name} is already running in this lab`);
    const log = (line: string) => this.opts.log(`[${name}] ${line}`);
    if (isSinkConfig(raw)) {
      const config = withSinkConnection(raw, stack, database);
      const handle = await startSinkConnector({ engine: this.opts.engine, name, config, stack, labDatabase: database, log });
      this.running.set(name, { handle, sink: true });
      return;
    }
    if ([...this.running.values()].some((c) => !c.sink)) throw new Error('a source connector is already running in this lab');
    const handle = await this.opts.driver.start({ name, config: withStackConnection(raw, stack, database), bootstrapServers: stack.kafka.bootstrapServers, log });
    this.running.set(name, { handle, sink: false });
  }

  /** Throws as soon as the source connector reports FAILED, instead of waiting for a timeout. */
  async throwIfFailed(): Promise<void> {
    const engine = [...this.running.values()].find((c) => !c.sink)?.handle;
    if (engine === undefined) return;
    const status = await engine.status();
    const failed = [status.connector, ...status.tasks].find((s) => s.state === 'FAILED');
    if (failed !== undefined) throw new ConnectorFailedError(status.name, failed.trace);
  }

  /** Stops every connector, the last started first. */
  async stopAll(): Promise<void> {
    for (const c of [...this.running.values()].reverse()) await c.handle.stop().catch(() => undefined);
    this.running.clear();
  }

  /** A Kafka Connect REST call (the ones the labs show); resolves to the response body. */
  async serve(method: string, path: string, body: string | undefined): Promise<unknown> {
    const engine = this.opts.engine;
    if (method === 'POST' && path.replace(/\/$/, '') === '/connectors') {
      await this.start(body ?? '');
      return { name: parseConnectorJson(body ?? '', this.opts.labId).name };
    }
    if (method === 'GET' && /^\/connectors\/[^/]+\/status$/.test(path)) return this.named(path).status();
    const validate = /^\/connector-plugins\/([^/]+)\/config\/validate$/.exec(path);
    if (method === 'PUT' && validate !== null) {
      // Connect's body here is the flat config, no {name, config} around it
      const config = JSON.parse(body ?? '{}') as Record<string, unknown>;
      return this.opts.driver.validate(decodeURIComponent(validate[1]), withStackConnection(config, this.opts.stack, this.opts.database));
    }
    if (method === 'GET' && path.replace(/\/$/, '') === '/connectors') return this.names();
    if (method === 'PUT' && /^\/connectors\/[^/]+\/(pause|resume)$/.test(path)) {
      const handle = this.named(path);
      const verb = path.endsWith('/pause') ? 'pause' : 'resume';
      if (handle[verb] === undefined) throw new Error(`the ${engine} engine driver cannot ${verb} a connector`);
      await handle[verb]!();
      return null;
    }
    if (method === 'POST' && /^\/connectors\/[^/]+\/(restart|tasks\/\d+\/restart)(\?.*)?$/.test(path)) {
      const handle = this.named(path);
      if (handle.restart === undefined) throw new Error(`the ${engine} engine driver cannot restart a connector`);
      await handle.restart();
      return null;
    }
    if (method === 'GET' && path === '/metrics') {
      const handle = this.main();
      if (handle === undefined) throw new Error('no connector is running: a step must start one first');
      if (handle.metrics === undefined) throw new Error(`the ${engine} engine serves no /metrics`);
      return handle.metrics();
    }
    if (method === 'DELETE' && /^\/connectors\/[^/]+$/.test(path)) {
      const handle = this.named(path);
      await handle.stop();
      this.running.delete(handle.name);
      return null;
    }
    throw new Error(`${method} ${path} is not a request the kit can serve`);
  }

  /** The connector a /connectors/<name>/… path names. */
  private named(path: string): EngineHandle {
    return this.get(decodeURIComponent(/^\/connectors\/([^/?]+)/.exec(path)?.[1] ?? ''));
  }
}
