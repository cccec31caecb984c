// Per-stage figures for `npm run bench -- engine`: where a bulk row's time goes once pgoutput has
// decoded it. Each stage runs alone on the benchmark's own stack, with the bulk table's rows:
//   build  — EventBuilder (row struct, Debezium envelope, Connect JSON with schemas) in this
//            process, as events per CPU-second, so other load on the machine counts less;
//   writer — the engine's KafkaWriter alone (its batching, gzip level, acks=all, idempotence and
//            batches in flight) sending pre-built records of that table to a fresh topic;
//   kafkajs — what the engine's writer did before issue #20: kafkajs' idempotent producer, one
//            sendBatch of up to ~960 KB at a time (it allows one idempotent request in flight),
//            kept as the figure the switch to @platformatic/kafka is judged against;
//   java   — Kafka's own producer (org.apache.kafka.tools.ProducerPerformance from the kafka-tools
//            jar the stack already uses) with the same records, acks=all, gzip level 1, idempotence:
//            what the broker on this machine takes from the best client, the ceiling for any
//            client of ours.
import { spawn } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { EventBuilder, formatSequence, KafkaWriter, parseConnectorConfig, type KafkaRecord, type SourcePosition, type TableMeta } from '../../harness/engine/index.ts';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { jarSetLayout } from '../../harness/runtime/native/jars.ts';
import { findToolchain } from '../../harness/runtime/native/toolchain.ts';

/** The bench's `bulk` table as the catalog describes it. */
const BULK: TableMeta = {
  schema: 'public',
  table: 'bulk',
  primaryKey: ['id'],
  replicaIdentity: 'default',
  columns: [
    { name: 'id', position: 1, typeOid: 23, typeName: 'int4', typeMod: -1, typeCategory: 'N', nullable: false },
    { name: 'name', position: 2, typeOid: 25, typeName: 'text', typeMod: -1, typeCategory: 'S', nullable: false },
    { name: 'qty', position: 3, typeOid: 23, typeName: 'int4', typeMod: -1, typeCategory: 'N', nullable: true },
    // numeric(10,2): atttypmod = (precision << 16 | scale) + VARHDRSZ
    { name: 'price', position: 4, typeOid: 1700, typeName: 'numeric', typeMod: ((10 << 16) | 2) + 4, typeCategory: 'N', nullable: true },
    { name: 'ts', position: 5, typeOid: 1184, typeName: 'timestamptz', typeMod: -1, typeCategory: 'D', nullable: false, defaultExpression: 'now()' },
  ],
};

export function builder(): EventBuilder {
  return new EventBuilder(
    parseConnectorConfig({ name: 'bench', 'topic.prefix': 'bench', 'database.hostname': 'localhost', 'database.user': 'postgres', 'database.dbname': 'bench', 'plugin.name': 'pgoutput' }),
  );
}

/** The insert event of bulk row g, as the bench's INSERT … generate_series writes it. */
export function bulkEvent(b: EventBuilder, g: number): KafkaRecord {
  const lsn = 0x3000000n + BigInt(g) * 120n;
  const pos: SourcePosition = { snapshot: 'false', tsUs: 1_790_000_000_000_000n, txId: 800, lsn, sequence: formatSequence(0x2ffff00n, lsn), xmin: null };
  const row = { id: String(g), name: `name ${g}`, qty: String(g % 100), price: (g * 1.25).toFixed(2), ts: '2026-11-21 15:00:00.123456+00' };
  return b.change('c', BULK, null, row, pos)[0]!;
}

export interface StageFigures {
  buildPerCpuSecond: number;
  recordBytes: number;
  writerRate: number;
  /** the writer alone per compression codec */
  writerRates: Record<string, number>;
  kafkajsRate: number;
  javaRate: number | null;
  javaLine: string;
}

export async function measureStages(bootstrapServers: string[], rows: number, dir: string, log: (line: string) => void): Promise<StageFigures> {
  // build
  log(`stage build: ${rows} events through EventBuilder`);
  const b = builder();
  let bytes = 0;
  const c0 = process.cpuUsage();
  for (let g = 1; g <= rows; g++) bytes += bulkEvent(b, g).value!.length;
  const c = process.cpuUsage(c0);
  const buildPerCpuSecond = rows / ((c.user + c.system) / 1e6);
  const recordBytes = Math.round(bytes / rows);

  // the same records (1000 distinct rows, repeated) through the engine's writer alone
  const sample = Array.from({ length: 1000 }, (_, i) => bulkEvent(b, i + 1));
  const writerRates: Record<string, number> = {};
  for (const compression of ['gzip', 'lz4', 'none'] as const) {
    log(`stage writer: ${rows} records through KafkaWriter, compression ${compression}`);
    const writer = new KafkaWriter({ bootstrapServers, clientId: 'bench-stage', compression });
    await writer.start();
    const kStart = performance.now();
    for (let i = 0; i < rows; i += 100) {
      await writer.enqueue(sample.slice(i % 1000, (i % 1000) + Math.min(100, rows - i)).map((r) => ({ ...r, topic: `bench.stage.writer.${compression}` })));
    }
    await writer.flush();
    writerRates[compression] = rows / ((performance.now() - kStart) / 1000);
    await writer.stop();
  }
  const writerRate = writerRates.gzip;

  // kafkajs, one idempotent request at a time (gzip level 1: KafkaWriter.start replaced its codec)
  log(`stage kafkajs: ${rows} records through kafkajs' idempotent producer`);
  const kafka = new Kafka({
    brokers: bootstrapServers,
    clientId: 'bench-stage-kafkajs',
    // TCP_NODELAY, as the engine's writer had it with kafkajs (plain TCP: the bench stack has no TLS)
    socketFactory: ({ host, port, onConnect }) => net.connect({ host, port }, onConnect).setNoDelay(true),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
  await producer.connect();
  await producer.send({ topic: 'bench.stage.kafkajs', acks: -1, messages: [{ key: sample[0].key, value: sample[0].value }] });
  const jsStart = performance.now();
  for (let i = 0; i < rows; i += 300) {
    const messages = Array.from({ length: Math.min(300, rows - i) }, (_, j) => sample[(i + j) % 1000]).map((r) => ({ key: r.key, value: r.value, partition: 0 }));
    await producer.sendBatch({ acks: -1, compression: CompressionTypes.GZIP, topicMessages: [{ topic: 'bench.stage.kafkajs', messages }] });
  }
  const kafkajsRate = rows / ((performance.now() - jsStart) / 1000);
  await producer.disconnect();

  // Kafka's Java producer with the same values
  log(`stage java: ${rows} records through ProducerPerformance`);
  const payloads = path.join(dir, 'payloads.txt');
  fs.writeFileSync(payloads, sample.map((r) => r.value!.toString('utf8')).join('\n'));
  const { java } = await findToolchain();
  const lib = jarSetLayout('kafka').mavenOut;
  const args = [
    '-cp', path.join(lib, '*'), 'org.apache.kafka.tools.ProducerPerformance',
    '--topic', 'bench.stage.java', '--num-records', String(rows), '--throughput', '-1', '--payload-file', payloads,
    '--producer-props', `bootstrap.servers=${bootstrapServers.join(',')}`, 'acks=all', 'enable.idempotence=true',
    'compression.type=gzip', 'compression.gzip.level=1', 'linger.ms=5', 'batch.size=1000000', 'max.request.size=1048576',
  ];
  const lines = await new Promise<string>((resolve) => {
    let out = '';
    const p = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', () => resolve(out));
  });
  // "200000 records sent, 41500.3 records/sec (130.58 MB/sec), …" is the summary line
  const summary = lines.split('\n').filter((l) => / records sent, /.test(l)).pop() ?? '';
  const m = / records sent, ([\d.]+) records\/sec/.exec(summary);
  return { buildPerCpuSecond, recordBytes, writerRate, writerRates, kafkajsRate, javaRate: m ? Number(m[1]) : null, javaLine: summary || lines.split('\n').slice(-5).join(' | ') };
}
