// The real thing behind the same seam as the native engine: the lab's connector JSON is posted to
// a Kafka Connect worker running Debezium, and status, snapshot progress and stop go through the
// Connect REST API and PostgreSQL, as a reader would check them by hand.
import pg from 'pg';
import type { ConnectorStatus, EngineDriver, EngineHandle, EngineStartOptions } from './engine-handle.ts';

export interface DebeziumDriverOptions {
  /** Kafka Connect REST base URL */
  connectUrl: string;
  /** a PostgreSQL URL for the lab's database, to watch the connector's replication slot */
  postgresUrl: string;
  /** how the Connect worker reaches PostgreSQL (inside a Docker network it is not the host's address) */
  postgresHost: string;
  postgresPort: number;
  /** the schema registry's Apicurio API as the Connect worker reaches it, for Apicurio's converters */
  apicurioUrlForConnect?: string;
}

async function rest(url: string, method: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/**
 * Debezium streams only after its snapshot is done, so a walsender in state "streaming" on the
 * connector's slot means the snapshot is over (this holds for an empty snapshot too, where
 * Debezium commits no offset to watch).
 */
async function slotStreaming(postgresUrl: string, slot: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT r.state FROM pg_replication_slots s JOIN pg_stat_replication r ON r.pid = s.active_pid WHERE s.slot_name = $1`,
      [slot],
    );
    return rows.some((row: { state: string }) => row.state === 'streaming');
  } finally {
    await client.end();
  }
}

export function debeziumDriver(options: DebeziumDriverOptions): EngineDriver {
  /** The config with PostgreSQL and the registry as the Connect worker reaches them. */
  const asConnectReaches = (config: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...config, 'database.hostname': options.postgresHost, 'database.port': String(options.postgresPort) };
    for (const side of ['key', 'value']) {
      const key = `${side}.converter.apicurio.registry.url`;
      if (key in out && options.apicurioUrlForConnect !== undefined) out[key] = options.apicurioUrlForConnect;
    }
    return out;
  };
  return {
    name: 'debezium',
    async validate(connectorClass, config) {
      const base = options.connectUrl.replace(/\/$/, '');
      const { status, json } = await rest(`${base}/connector-plugins/${encodeURIComponent(connectorClass)}/config/validate`, 'PUT', asConnectReaches(config));
      if (status !== 200) throw new Error(`Kafka Connect could not validate the config (HTTP ${status}): ${JSON.stringify(json)}`);
      return json;
    },
    async start(opts: EngineStartOptions): Promise<EngineHandle> {
      const base = options.connectUrl.replace(/\/$/, '');
      const url = `${base}/connectors/${encodeURIComponent(opts.name)}`;
      // Debezium's plugin.name defaults to decoderbufs, which PostgreSQL 17 does not ship
      const config = asConnectReaches({ 'plugin.name': 'pgoutput', ...opts.config });
      const created = await rest(`${base}/connectors`, 'POST', { name: opts.name, config });
      if (created.status !== 201) throw new Error(`Kafka Connect refused the connector ${opts.name} (HTTP ${created.status}): ${JSON.stringify(created.json)}`);
      opts.log(`INFO connector ${opts.name} created on ${base}`);
      const slot = String(config['slot.name'] ?? 'debezium');
      const status = async (): Promise<ConnectorStatus> => {
        const { status: code, json } = await rest(`${url}/status`, 'GET');
        if (code !== 200) return { name: opts.name, connector: { state: 'UNASSIGNED' }, tasks: [], type: 'source' };
        return json as ConnectorStatus;
      };
      return {
        name: opts.name,
        status,
        async waitForSnapshot() {
          const deadline = Date.now() + 120_000;
          for (;;) {
            const current = await status();
            const failed = current.tasks.find((t) => t.state === 'FAILED');
            if (failed) throw new Error(`Debezium task failed: ${failed.trace?.split('\n').slice(0, 3).join(' ') ?? 'no trace'}`);
            if (current.tasks[0]?.state === 'RUNNING' && (await slotStreaming(options.postgresUrl, slot))) return;
            if (Date.now() > deadline) throw new Error(`Debezium connector ${opts.name} did not finish its snapshot within 120 s: ${JSON.stringify(current)}`);
            await new Promise((r) => setTimeout(r, 250));
          }
        },
        async pause() {
          await rest(`${url}/pause`, 'PUT');
        },
        async resume() {
          await rest(`${url}/resume`, 'PUT');
        },
        async restart() {
          await rest(`${url}/restart?includeTasks=true&onlyFailed=true`, 'POST');
        },
        async stop() {
          const { status: code, json } = await rest(url, 'DELETE');
          if (code !== 204 && code !== 404) throw new Error(`could not delete connector ${opts.name} (HTTP ${code}): ${JSON.stringify(json)}`);
          // DELETE returns before the task has let go of its slot; wait so the lab can drop it
          for (let i = 0; i < 80; i++) {
            const client = new pg.Client({ connectionString: options.postgresUrl });
            await client.connect();
            const { rows } = await client.query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]).finally(() => client.end());
            if (!rows[0]?.active) return;
            await new Promise((r) => setTimeout(r, 250));
          }
        },
      };
    },
  };
}
