// The picture at the top of a lab page: a Mermaid flowchart of the pipeline the lab builds, drawn
// from the connector configurations in the lab's folder (sources, sinks, dead letter queues) and
// what the lab needs (engines, Kafka modes), so a new lab gets its diagram without writing one.

export interface DiagramInput {
  engines: string[];
  kafka: string[];
  /** the `config` of every connector JSON in the lab's folder */
  connectors: Array<Record<string, unknown>>;
}

const SOURCE = /PostgresConnector$/;
const JDBC_SINK = /JdbcSinkConnector$/;
const S3_SINK = /S3SinkConnector$/;

/** Mermaid label text: quotes and angle brackets would end or break the label. */
function text(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function some(items: string[], max: number): string {
  const unique = [...new Set(items)];
  return unique.length <= max ? unique.join(', ') : `${unique.slice(0, max).join(', ')} +${unique.length - max} more`;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function list(v: unknown): string[] {
  return str(v)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

export function pipelineDiagram(input: DiagramInput): string {
  const classOf = (c: Record<string, unknown>): string => str(c['connector.class']);
  const sources = input.connectors.filter((c) => SOURCE.test(classOf(c)));
  const jdbc = input.connectors.filter((c) => JDBC_SINK.test(classOf(c)));
  const s3 = input.connectors.filter((c) => S3_SINK.test(classOf(c)));
  const tables = sources.flatMap((c) => list(c['table.include.list']));
  const slots = sources.map((c) => str(c['slot.name'])).filter((s) => s !== '');
  const prefixes = sources.map((c) => str(c['topic.prefix'])).filter((s) => s !== '');
  const dlqs = input.connectors.map((c) => str(c['errors.deadletterqueue.topic.name'])).filter((s) => s !== '');
  const engine = input.engines.map((e) => (e === 'debezium' ? 'Debezium connector' : 'native engine')).join(' or ');

  const lines = ['flowchart LR'];
  lines.push(`  pg[("PostgreSQL<br/>${text(tables.length > 0 ? some(tables, 3) : 'source tables')}")]`);
  lines.push(`  slot[/"replication slot<br/>${text(slots.length > 0 ? some(slots, 2) : 'pgoutput')}"/]`);
  lines.push(`  src["source: ${text(engine)}${sources.length > 1 ? `<br/>${sources.length} connectors` : ''}"]`);
  lines.push('  pg -- WAL --> slot -- pgoutput --> src');
  const topics = prefixes.length > 0 ? `topics ${some(prefixes.map((p) => `${p}.*`), 2)}` : 'change topics';
  const modes = input.kafka.length > 0 ? input.kafka : ['kraft'];
  const kafkaIds = modes.map((mode, i) => {
    const id = `kafka${i}`;
    lines.push(`  ${id}[["Kafka, ${mode === 'zookeeper' ? 'ZooKeeper mode' : 'KRaft mode'}<br/>${text(topics)}"]]`);
    lines.push(`  src --> ${id}`);
    return id;
  });
  const fromKafka = (to: string): void => {
    for (const k of kafkaIds) lines.push(`  ${k} --> ${to}`);
  };
  // a source whose key or value converter is an AvroConverter (Confluent's or Apicurio's) registers its schemas
  if (sources.some((c) => [c['key.converter'], c['value.converter']].some((v) => /AvroConverter$/.test(str(v))))) {
    lines.push('  registry[("schema registry<br/>subjects topic-key, topic-value")]', '  src -. schemas .-> registry');
  }
  if (jdbc.length > 0) {
    lines.push(`  jdbc["JDBC sink${jdbc.length > 1 ? ` ×${jdbc.length}` : ''}"]`, '  target[("PostgreSQL target")]');
    fromKafka('jdbc');
    lines.push('  jdbc --> target');
  }
  if (s3.length > 0) {
    const buckets = s3.map((c) => str(c['s3.bucket.name'])).filter((b) => b !== '');
    lines.push('  s3sink["S3 sink"]', `  bucket[("S3 bucket<br/>${text(buckets.length > 0 ? some(buckets, 1) : 'objects')}")]`);
    fromKafka('s3sink');
    lines.push('  s3sink --> bucket');
  }
  if (dlqs.length > 0) {
    const from = jdbc.length > 0 ? 'jdbc' : s3.length > 0 ? 's3sink' : 'src';
    lines.push(`  dlq[["dead letter queue<br/>${text(some(dlqs, 2))}"]]`, `  ${from} -. failed records .-> dlq`);
  }
  return lines.join('\n');
}
