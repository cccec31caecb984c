// Sink connectors in labs: a connector JSON whose connector.class is a sink is dispatched here
// instead of to the source engine driver. On the native engine the kit runs our sinks
// (startPostgresSink, startS3Sink); on the debezium engine the JSON is posted to the stack's Kafka
// Connect, where the real Debezium JDBC sink runs (Confluent's S3 sink jar is not available, so the
// S3 sink is native only). Status, pause, resume, restart and delete go through the same
// EngineHandle the curl steps use for sources.
import type { Admin } from 'kafkajs';
import { JDBC_SINK_CONNECTOR_CLASS as JDBC_SINK_CLASS, S3_SINK_CONNECTOR_CLASS as S3_SINK_CLASS, SINK_CONNECTOR_CLASSES } from '../engine/connector-classes.ts';
import type { PostgresSink, S3Sink } from '../engine/index.ts';
// kafkajs has no LZ4; topics created with compression.type=lz4 need it in every reader
import '../engine/kafkajs-lz4.ts';
import type { StackInfo } from '../runtime/types.ts';
import type { ConnectorStatus, EngineHandle } from './engine-handle.ts';
import { labUrl, resetDatabase } from './lab-resources.ts';
import { waitUntil } from './wait.ts';
import type { EngineName } from './types.ts';

export { JDBC_SINK_CLASS, S3_SINK_CLASS };

export function isSinkConfig(config: Record<string, unknown>): boolean {
  return SINK_CONNECTOR_CLASSES.includes(String(config['connector.class'] ?? ''));
}

/** The database name in a JDBC URL (jdbc:postgresql://host:port/<db>?…), or undefined. */
export function jdbcDatabase(url: string): string | undefined {
  const m = /^jdbc:postgresql:\/\/[^/]*\/([^?;]+)/.exec(url);
  return m?.[1];
}

/**
 * The lab-owned database a JDBC sink writes to: `<lab database>_<database named in connection.url>`
 * (e.g. lab_postgres_to_postgres_target), so sink targets never collide with the lab's source
 * tables or with other labs. The kit creates it fresh before the run and drops it after.
 */
export function sinkTargetDatabase(labDb: string, config: Record<string, unknown>): string | undefined {
  if (config['connector.class'] !== JDBC_SINK_CLASS) return undefined;
  const db = jdbcDatabase(String(config['connection.url'] ?? ''));
  return `${labDb}_${(db ?? 'target').replace(/[^A-Za-z0-9_]/g, '_').toLowerCase()}`;
}

/**
 * A sink config with the stack's connection filled in, as withStackConnection does for sources:
 * JDBC sink → connection.url/username/password of the lab's target database; S3 sink → store.url,
 * region and credentials of the stack's S3 store. `postgresHost/Port` are how the connector's
 * process reaches PostgreSQL (the Connect worker may see it under another address).
 */
export function withSinkConnection(
  config: Record<string, unknown>,
  stack: StackInfo,
  labDb: string,
  postgres: { host: string; port: number } = { host: stack.postgres.host, port: stack.postgres.port },
): Record<string, unknown> {
  const cls = config['connector.class'];
  if (cls === JDBC_SINK_CLASS) {
    const target = sinkTargetDatabase(labDb, config)!;
    return {
      ...config,
      'connection.url': `jdbc:postgresql://${postgres.host}:${postgres.port}/${target}`,
      'connection.username': stack.postgres.user,
      'connection.password': stack.postgres.password,
    };
  }
  if (cls === S3_SINK_CLASS) {
    if (stack.s3 === undefined) throw new Error(`connector ${String(config.name)} is an S3 sink: the lab needs the s3 service (needs.services: ['s3'])`);
    return {
      ...config,
      'store.url': stack.s3.endpoint,
      's3.region': stack.s3.region,
      'aws.access.key.id': stack.s3.accessKeyId,
      'aws.secret.access.key': stack.s3.secretAccessKey,
      's3.path.style.access.enabled': 'true',
    };
  }
  return config;
}

/** A URL (postgres://) of the database a lab's JDBC sink writes to. */
export function sinkTargetUrl(stack: StackInfo, target: string): string {
  return labUrl(stack, target);
}

export interface SinkStartOptions {
  engine: EngineName;
  name: string;
  /** the connector's config with the stack's connection already filled in (withSinkConnection) */
  config: Record<string, unknown>;
  stack: StackInfo;
  labDatabase: string;
  log: (line: string) => void;
}

type NativeSink = PostgresSink | S3Sink;

function nativeSinkHandle(opts: SinkStartOptions, launch: () => Promise<NativeSink>, first: NativeSink): EngineHandle {
  let sink: NativeSink | null = first;
  let paused = false;
  const status = async (): Promise<ConnectorStatus> => {
    if (sink === null || paused) {
      return { name: opts.name, connector: { state: 'PAUSED' }, tasks: [{ id: 0, state: 'PAUSED' }], type: 'sink' };
    }
    return sink.status();
  };
  return {
    name: opts.name,
    status,
    waitForSnapshot: async () => undefined, // a sink has no snapshot
    async stop() {
      await sink?.stop();
      sink = null;
    },
    // paused as Connect pauses a sink: the task stops consuming; its committed offsets stay
    async pause() {
      if (paused) return;
      await sink?.stop();
      sink = null;
      paused = true;
    },
    async resume() {
      if (!paused) return;
      sink = await launch();
      paused = false;
    },
    // restart?includeTasks=true&onlyFailed=true: a new task reads from the last committed offset
    async restart() {
      await sink?.stop();
      sink = await launch();
      paused = false;
    },
  };
}

async function startNativeSink(opts: SinkStartOptions): Promise<EngineHandle> {
  // loaded on first use, as native-driver.ts loads the engine
  const mod = await import('../engine/index.ts');
  const sinkOptions = {
    config: opts.config,
    bootstrapServers: opts.stack.kafka.bootstrapServers,
    logger: (level: string, msg: string) => {
      if (level !== 'debug') opts.log(`${level.toUpperCase()} ${msg}`);
    },
  };
  const launch = (): Promise<NativeSink> =>
    opts.config['connector.class'] === S3_SINK_CLASS ? mod.startS3Sink(sinkOptions) : mod.startPostgresSink(sinkOptions);
  return nativeSinkHandle(opts, launch, await launch());
}

async function rest(url: string, method: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

async function startConnectSink(opts: SinkStartOptions): Promise<EngineHandle> {
  const connect = opts.stack.connect;
  if (connect === undefined) throw new Error('the debezium engine needs Kafka Connect: start the stack with the connect service');
  if (opts.config['connector.class'] === S3_SINK_CLASS) {
    throw new Error(`connector ${opts.name}: Confluent's S3 sink is not installed on the stack's Kafka Connect (its jar is not on Maven Central); run this lab with --engine native`);
  }
  // the Connect worker may reach PostgreSQL under another address than the host
  // (opts.config already points at the lab's target database: only the address changes)
  const target = jdbcDatabase(String(opts.config['connection.url'] ?? ''));
  const config = { ...opts.config, 'connection.url': `jdbc:postgresql://${connect.postgresHost}:${connect.postgresPort}/${target}` };
  const base = connect.url.replace(/\/$/, '');
  const url = `${base}/connectors/${encodeURIComponent(opts.name)}`;
  const created = await rest(`${base}/connectors`, 'POST', { name: opts.name, config });
  if (created.status !== 201) throw new Error(`Kafka Connect refused the connector ${opts.name} (HTTP ${created.status}): ${JSON.stringify(created.json)}`);
  opts.log(`INFO sink connector ${opts.name} created on ${base}`);
  const status = async (): Promise<ConnectorStatus> => {
    const { status: code, json } = await rest(`${url}/status`, 'GET');
    if (code !== 200) return { name: opts.name, connector: { state: 'UNASSIGNED' }, tasks: [], type: 'sink' };
    return json as ConnectorStatus;
  };
  const call = async (path: string, method: string): Promise<void> => {
    const { status: code, json } = await rest(`${url}${path}`, method);
    if (code >= 300) throw new Error(`Kafka Connect ${method} ${path} on ${opts.name} failed (HTTP ${code}): ${JSON.stringify(json)}`);
  };
  return {
    name: opts.name,
    status,
    async waitForSnapshot() {
      // a sink has no snapshot: wait until its task runs (or fails)
      const deadline = Date.now() + 60_000;
      for (;;) {
        const s = await status();
        if (s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING' || t.state === 'FAILED')) return;
        if (Date.now() > deadline) throw new Error(`sink connector ${opts.name} has no running task after 60 s: ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    pause: () => call('/pause', 'PUT'),
    resume: () => call('/resume', 'PUT'),
    restart: () => call('/restart?includeTasks=true&onlyFailed=true', 'POST'),
    async stop() {
      const { status: code, json } = await rest(url, 'DELETE');
      if (code !== 204 && code !== 404) throw new Error(`could not delete connector ${opts.name} (HTTP ${code}): ${JSON.stringify(json)}`);
      // DELETE returns before the task stopped; wait until Connect no longer lists it
      for (let i = 0; i < 80; i++) {
        if ((await rest(`${url}/status`, 'GET')).status === 404) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}

/** Starts a sink connector on the lab's engine (see the file comment). */
export async function startSinkConnector(opts: SinkStartOptions): Promise<EngineHandle> {
  const handle = opts.engine === 'native' ? await startNativeSink(opts) : await startConnectSink(opts);
  if (opts.engine !== 'native') await handle.waitForSnapshot();
  return handle;
}

/** What a lab's sink JSON files leave in Kafka (cleaned before a run): DLQ topics and consumer groups. */
export function sinkLeftovers(files: Record<string, string>, parse: (text: string, name: string) => { name: string; config: Record<string, unknown> }): {
  topics: string[];
  groups: string[];
  targets: Array<Record<string, unknown>>;
} {
  const topics = new Set<string>();
  const groups = new Set<string>();
  const targets: Array<Record<string, unknown>> = [];
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith('.json')) continue;
    let parsed: { name: string; config: Record<string, unknown> };
    try {
      parsed = parse(text, file);
    } catch {
      continue;
    }
    if (!isSinkConfig(parsed.config)) continue;
    // Connect names a sink's consumer group connect-<connector name>
    groups.add(`connect-${parsed.name}`);
    const dlq = parsed.config['errors.deadletterqueue.topic.name'];
    if (typeof dlq === 'string' && dlq !== '') topics.add(dlq);
    targets.push(parsed.config);
  }
  return { topics: [...topics], groups: [...groups], targets };
}

/**
 * Before a run: deletes the DLQ topics and the consumer groups of the lab's sinks (a rerun must not
 * start from the last run's offsets) and recreates each JDBC sink's target database empty.
 */
export async function resetSinkLeftovers(
  admin: Admin,
  stack: StackInfo,
  labDb: string,
  files: Record<string, string>,
  parse: (text: string, name: string) => { name: string; config: Record<string, unknown> },
): Promise<string[]> {
  const { topics, groups, targets } = sinkLeftovers(files, parse);
  const existing = await admin.listTopics();
  const doomed = topics.filter((t) => existing.includes(t));
  if (doomed.length > 0) {
    await admin.deleteTopics({ topics: doomed, timeout: 30_000 });
    await waitUntil(async () => (await admin.listTopics()).every((t) => !doomed.includes(t)), 20_000, `topics ${doomed.join(', ')} deleted`);
  }
  const known = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
  const stale = groups.filter((g) => known.has(g));
  if (stale.length > 0) await admin.deleteGroups(stale).catch(() => undefined);
  const databases = [...new Set(targets.map((c) => sinkTargetDatabase(labDb, c)).filter((d): d is string => d !== undefined))];
  for (const db of databases) await resetDatabase(stack, db);
  return databases;
}
