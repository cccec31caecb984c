// The engine's figures in the Prometheus text format (GET /metrics), one series set per connector.
// Formatting is prom-client's; this file only maps Engine.status()/metrics() and the source
// server's view of the slot onto metric names. A connector that is paused, failed or not yet
// started still shows up, with its state and the slot's lag as the server sees it.
import pg from 'pg';
import { Counter, Gauge, Registry } from 'prom-client';
import type { ConnectorStatus } from '../connect/connector-status.ts';
import { parseLsn } from '../postgres/lsn.ts';

export const CONNECTOR_STATES = ['RUNNING', 'PAUSED', 'FAILED', 'UNASSIGNED', 'RESTARTING'] as const;

/** What the source server says about a connector's slot (read at scrape time). */
export interface SourceView {
  /** pg_current_wal_lsn() */
  currentLsn: bigint;
  /** the slot's row in pg_replication_slots, if it exists */
  slot?: { confirmedFlushLsn: bigint | null; restartLsn: bigint | null; active: boolean; walStatus: string | null };
}

export interface ConnectorSample {
  name: string;
  status: ConnectorStatus | { connector: { state: string }; tasks: Array<{ id: number; state: string }> };
  /** Engine.metrics(); undefined while no engine runs (paused, failed to start, deleted) */
  metrics?: Record<string, number>;
  /** undefined when the source could not be read */
  source?: SourceView;
}

export const METRICS_CONTENT_TYPE = new Registry().contentType;

const NUM = (m: Record<string, number> | undefined, key: string): number | undefined => m?.[key];

/** Renders the samples as Prometheus text exposition format. */
export async function renderMetrics(samples: ConnectorSample[]): Promise<string> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames: ['connector', ...labelNames], registers: [registry] });
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames: ['connector', ...labelNames], registers: [registry] });

  const connectorState = gauge('cdc_connector_state', 'Connector state as in the Connect status body: 1 for the current state, 0 for the others', ['state']);
  const taskState = gauge('cdc_task_state', 'Task state as in the Connect status body: 1 for the current state, 0 for the others', ['task', 'state']);
  const engineUp = gauge('cdc_engine_up', '1 while an engine runs for the connector');
  const sourceUp = gauge('cdc_source_up', '1 when the source server answered this scrape');
  const events = counter('cdc_events_total', 'Change events produced, per captured table and op (r = snapshot, c, u, d, t = truncate)', ['table', 'op']);
  const receivedLsn = gauge('cdc_last_received_lsn', 'Newest WAL position received from the slot (LSN as a number)');
  const confirmedLsn = gauge('cdc_last_confirmed_lsn', 'Newest WAL position confirmed to the slot after Kafka acknowledged everything before it');
  const serverLsn = gauge('cdc_server_wal_lsn', "The source server's current WAL position, pg_current_wal_lsn()");
  const lagBytes = gauge('cdc_lag_bytes', "Bytes of WAL between the server's current position and the confirmed position (the slot's confirmed_flush_lsn while no engine runs)");
  const retainedBytes = gauge('cdc_slot_retained_wal_bytes', "Bytes of WAL the slot keeps on the server: current position minus the slot's restart_lsn");
  const slotActive = gauge('cdc_slot_active', '1 when a walsender streams from the slot');
  const slotLost = gauge('cdc_slot_wal_lost', "1 when the slot's wal_status is 'lost' (WAL it needs was removed)");
  const behind = gauge('cdc_millis_behind_source', 'Milliseconds between the commit of the newest streamed transaction and its handling');
  const lastCommit = gauge('cdc_last_commit_timestamp_ms', 'Commit time of the newest streamed transaction (ms since the epoch)');
  const snapshotRows = counter('cdc_snapshot_rows_total', 'Rows read by the snapshot');
  const snapshotTables = gauge('cdc_snapshot_tables', 'Tables the snapshot reads');
  const snapshotCompleted = gauge('cdc_snapshot_completed', '1 once the snapshot finished (or none was needed)');
  const queueRecords = gauge('cdc_queue_records', 'Records waiting for a Kafka acknowledgement');
  const sent = counter('cdc_kafka_records_sent_total', 'Records sent to Kafka');
  const transactions = counter('cdc_transactions_total', 'Transactions streamed');
  const heartbeats = counter('cdc_heartbeats_total', 'Heartbeat records written');
  const errors = counter('cdc_errors_total', 'Errors that failed or restarted the task');
  const restarts = counter('cdc_task_restarts_total', 'Task restarts after retriable errors');
  const dlq = counter('cdc_dlq_records_total', 'Records sent to the dead letter queue (no sink runs in this engine yet)');

  for (const s of samples) {
    const c = { connector: s.name };
    for (const state of CONNECTOR_STATES) connectorState.set({ ...c, state }, s.status.connector.state === state ? 1 : 0);
    for (const task of s.status.tasks) {
      for (const state of CONNECTOR_STATES) taskState.set({ ...c, task: String(task.id), state }, task.state === state ? 1 : 0);
    }
    const m = s.metrics;
    engineUp.set(c, m === undefined ? 0 : 1);
    sourceUp.set(c, s.source === undefined ? 0 : 1);
    dlq.inc(c, 0);
    errors.inc(c, NUM(m, 'task.errors') ?? 0);
    if (m !== undefined) {
      for (const [key, value] of Object.entries(m)) {
        const match = /^events\.([a-z])\.(.+)$/.exec(key);
        if (match) events.inc({ ...c, op: match[1], table: match[2] }, value);
      }
      receivedLsn.set(c, m['stream.receivedLsn'] ?? 0);
      confirmedLsn.set(c, m['offsets.confirmedLsn'] ?? 0);
      behind.set(c, m['stream.millisBehindSource'] ?? 0);
      lastCommit.set(c, m['stream.lastCommitTimeMs'] ?? 0);
      snapshotRows.inc(c, m['snapshot.rows'] ?? 0);
      snapshotTables.set(c, m['snapshot.tables'] ?? 0);
      snapshotCompleted.set(c, m['snapshot.completed'] ?? 0);
      queueRecords.set(c, m['kafka.buffered'] ?? 0);
      sent.inc(c, m['kafka.recordsSent'] ?? 0);
      transactions.inc(c, m['stream.transactions'] ?? 0);
      heartbeats.inc(c, m['heartbeat.beats'] ?? 0);
      restarts.inc(c, m['task.restarts'] ?? 0);
    }
    const src = s.source;
    if (src !== undefined) {
      serverLsn.set(c, Number(src.currentLsn));
      const engineConfirmed = NUM(m, 'offsets.confirmedLsn');
      const confirmed = engineConfirmed !== undefined && engineConfirmed > 0 ? BigInt(engineConfirmed) : src.slot?.confirmedFlushLsn;
      if (confirmed !== undefined && confirmed !== null) lagBytes.set(c, Math.max(0, Number(src.currentLsn - confirmed)));
      if (src.slot !== undefined) {
        slotActive.set(c, src.slot.active ? 1 : 0);
        slotLost.set(c, src.slot.walStatus === 'lost' ? 1 : 0);
        if (src.slot.restartLsn !== null) retainedBytes.set(c, Math.max(0, Number(src.currentLsn - src.slot.restartLsn)));
      }
    }
  }
  return registry.metrics();
}

/** Reads the server's WAL position and the slot from the connector's own database settings. */
export async function readSourceView(config: Record<string, unknown>, timeoutMs = 3000): Promise<SourceView | undefined> {
  const str = (k: string) => (config[k] === undefined ? undefined : String(config[k]));
  const client = new pg.Client({
    host: str('database.hostname'),
    port: Number(str('database.port') ?? 5432),
    user: str('database.user'),
    password: str('database.password'),
    database: str('database.dbname'),
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    application_name: 'cdc-labs-metrics',
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const slotName = str('slot.name') ?? 'debezium';
    const { rows } = await client.query<{ current: string; confirmed: string | null; restart: string | null; active: boolean | null; wal_status: string | null }>(
      `SELECT pg_current_wal_lsn()::text AS current, s.confirmed_flush_lsn::text AS confirmed, s.restart_lsn::text AS restart,
              s.active, s.wal_status
         FROM (SELECT 1) one LEFT JOIN pg_replication_slots s ON s.slot_name = $1`,
      [slotName],
    );
    const r = rows[0];
    const lsn = (t: string | null) => (t === null ? null : parseLsn(t));
    return {
      currentLsn: parseLsn(r.current),
      ...(r.active === null ? {} : { slot: { confirmedFlushLsn: lsn(r.confirmed), restartLsn: lsn(r.restart), active: r.active, walStatus: r.wal_status } }),
    };
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** One sample's value from Prometheus text, e.g. readSample(text, 'cdc_connector_state', { state: 'PAUSED' }). */
export function readSample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}
