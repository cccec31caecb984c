// The engine behind a small interface: start from connector JSON, report status, stop.
// Two implementations: the native engine (below) and real Debezium on Kafka Connect (debezium-driver.ts).
import type { StackInfo } from '../runtime/types.ts';
import { debeziumDriver } from './debezium-driver.ts';
import { labUrl } from './lab-resources.ts';
import type { EngineName } from './types.ts';

/** Kafka Connect's GET /connectors/<name>/status body. */
export interface ConnectorStatus {
  name: string;
  connector: { state: string; worker_id?: string; trace?: string };
  tasks: Array<{ id: number; state: string; worker_id?: string; trace?: string }>;
  type?: string;
}

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
}

interface NativeEngineModule {
  startEngine(opts: {
    config: Record<string, unknown>;
    bootstrapServers: string[];
    logger?: (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;
    workerId?: string;
  }): Promise<{
    stop(): Promise<void>;
    status(): unknown;
    metrics(): Record<string, number>;
    waitForSnapshot(): Promise<void>;
  }>;
}

interface MetricsModule {
  renderMetrics(samples: Array<{ name: string; status: ConnectorStatus; metrics?: Record<string, number>; source?: unknown }>): Promise<string>;
  readSourceView(config: Record<string, unknown>): Promise<unknown>;
}

// Loaded lazily, so the kit works (stub labs, docs) before and without the engine.
const NATIVE_ENGINE_MODULES = ['../engine/index.ts'];

async function loadNativeEngine(): Promise<NativeEngineModule> {
  let lastError: unknown;
  for (const specifier of NATIVE_ENGINE_MODULES) {
    try {
      return (await import(specifier)) as NativeEngineModule;
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
      lastError = err;
    }
  }
  throw new Error(`the native engine is not available (harness/engine): ${(lastError as Error).message}`);
}

export const nativeEngine: EngineDriver = {
  name: 'native',
  async start(opts) {
    const mod = await loadNativeEngine();
    const launch = () =>
      mod.startEngine({
        config: opts.config,
        bootstrapServers: opts.bootstrapServers,
        logger: (level, msg) => {
          if (level !== 'debug') opts.log(`${level.toUpperCase()} ${msg}`);
        },
      });
    let handle = await launch();
    // paused as Kafka Connect pauses: no task runs, the slot stays, status says PAUSED
    let paused = false;
    const status = async (): Promise<ConnectorStatus> => {
      if (!paused) return (await handle.status()) as ConnectorStatus;
      const worker = ((await handle.status()) as ConnectorStatus).connector.worker_id;
      return { name: opts.name, connector: { state: 'PAUSED', worker_id: worker }, tasks: [{ id: 0, state: 'PAUSED', worker_id: worker }], type: 'source' };
    };
    return {
      name: opts.name,
      status,
      waitForSnapshot: () => handle.waitForSnapshot(),
      stop: () => handle.stop(),
      async pause() {
        if (paused) return;
        await handle.stop();
        paused = true;
      },
      async resume() {
        if (!paused) return;
        handle = await launch();
        paused = false;
      },
      async restart() {
        await handle.stop();
        handle = await launch();
        paused = false;
      },
      async metrics() {
        const m = (await import('../engine/rest/prometheus-metrics.ts')) as MetricsModule;
        return m.renderMetrics([
          { name: opts.name, status: await status(), metrics: paused ? undefined : handle.metrics(), source: await m.readSourceView(opts.config) },
        ]);
      },
    };
  },
};

/** Where a lab runs: the debezium driver needs the stack's Kafka Connect and the lab's database. */
export interface DriverContext {
  stack: StackInfo;
  database: string;
}

export function engineDriver(name: EngineName, context?: DriverContext): EngineDriver {
  if (name === 'native') return nativeEngine;
  const connect = context?.stack.connect;
  if (connect === undefined || context === undefined) {
    throw new Error('the debezium engine needs Kafka Connect: start the stack with the connect service');
  }
  return debeziumDriver({
    connectUrl: connect.url,
    postgresUrl: labUrl(context.stack, context.database),
    postgresHost: connect.postgresHost,
    postgresPort: connect.postgresPort,
  });
}
