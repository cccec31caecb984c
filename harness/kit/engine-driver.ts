// The engine behind a small interface: start from connector JSON, report status, stop.
// The native engine is the only implementation now; a Kafka Connect driver comes later.
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
    logger?: unknown;
  }): Promise<{
    stop(): Promise<void>;
    status(): unknown;
    waitForSnapshot(): Promise<void>;
  }>;
}

// Loaded lazily, so the kit works (stub labs, docs) before and without the engine.
const NATIVE_ENGINE_MODULE = '../engine/index.ts';

export const nativeEngine: EngineDriver = {
  name: 'native',
  async start(opts) {
    const mod = (await import(NATIVE_ENGINE_MODULE)) as NativeEngineModule;
    const log = opts.log;
    const logger = {
      info: (m: unknown) => log(String(m)),
      warn: (m: unknown) => log(`WARN ${String(m)}`),
      error: (m: unknown) => log(`ERROR ${String(m)}`),
      debug: () => undefined,
    };
    const handle = await mod.startEngine({ config: opts.config, bootstrapServers: opts.bootstrapServers, logger });
    return {
      name: opts.name,
      status: async () => (await handle.status()) as ConnectorStatus,
      waitForSnapshot: () => handle.waitForSnapshot(),
      stop: () => handle.stop(),
    };
  },
};

export function engineDriver(name: EngineName): EngineDriver {
  if (name === 'native') return nativeEngine;
  throw new Error(`engine "${name}" is not available yet: only the native engine runs labs for now`);
}
