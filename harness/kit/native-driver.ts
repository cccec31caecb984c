// The native engine behind the EngineHandle seam: harness/engine started in this process, paused and
// restarted as Kafka Connect pauses and restarts a task (the slot stays; the engine resumes from it).
import type { EngineDriver, ConnectorStatus } from './engine-handle.ts';

// Loaded on first use: a lab that runs only Debezium never pays for loading the engine.
const loadEngine = () => import('../engine/index.ts');

export const nativeEngine: EngineDriver = {
  name: 'native',
  async validate(connectorClass, config) {
    return (await loadEngine()).validatePlugin(connectorClass, config);
  },
  async start(opts) {
    const mod = await loadEngine();
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
      if (!paused) return handle.status();
      const worker = handle.status().connector.worker_id;
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
        const m = await loadEngine();
        return m.renderMetrics([
          { name: opts.name, status: await status(), metrics: paused ? undefined : handle.metrics(), source: await m.readSourceView(opts.config) },
        ]);
      },
    };
  },
};
