import { describe, expect, it } from 'vitest';
import { pipelineDiagram } from './pipeline-diagram.ts';

const source = { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'slot.name': 's', 'topic.prefix': 'shop', 'table.include.list': 'public.payments' };
const sink = { 'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector', 'errors.deadletterqueue.topic.name': 'dlq_payments' };

describe('pipelineDiagram', () => {
  it('draws source, slot, Kafka, the JDBC sink and its dead letter queue from the connector configs', () => {
    const d = pipelineDiagram({ engines: ['native', 'debezium'], kafka: ['kraft'], connectors: [source, sink] });
    expect(d).toContain('pg[("PostgreSQL<br/>public.payments")]');
    expect(d).toContain('replication slot<br/>s');
    expect(d).toContain('source: native engine or Debezium connector');
    expect(d).toContain('Kafka, KRaft mode<br/>topics shop.*');
    expect(d).toContain('kafka0 --> jdbc');
    expect(d).toContain('jdbc -. failed records .-> dlq');
    expect(d).not.toContain('s3sink');
    expect(d).not.toContain('registry');
  });

  it('draws the schema registry when the source writes with an AvroConverter', () => {
    const d = pipelineDiagram({ engines: ['native'], kafka: ['kraft'], connectors: [{ ...source, 'value.converter': 'io.apicurio.registry.utils.converter.AvroConverter' }] });
    expect(d).toContain('registry[("schema registry<br/>subjects topic-key, topic-value")]');
    expect(d).toContain('src -. schemas .-> registry');
  });

  it('draws one Kafka per mode and escapes quotes', () => {
    const d = pipelineDiagram({ engines: ['native'], kafka: ['zookeeper', 'kraft'], connectors: [{ ...source, 'table.include.list': 'a."b"' }] });
    expect(d).toContain('Kafka, ZooKeeper mode');
    expect(d).toContain('src --> kafka1');
    expect(d).toContain('a.#quot;b#quot;');
  });
});
