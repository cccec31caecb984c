// The Postgres sink with value.converter = an Avro converter, on the shared stack's PostgreSQL and Kafka:
// a record that is not in the Avro wire format, and one whose schema the registry cannot give (it is down),
// are the converter's DataExceptions and go to the dead letter queue under errors.tolerance=all, named as
// Kafka Connect names them (stage VALUE_CONVERTER, the converter's class).
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresSink } from '../../index.ts';
import { closedPort, createTestDb, readTopic, stackInfo, uniqueId, type TestDb } from '../../source/it-helpers.test-helper.ts';

let target: TestDb;
beforeAll(async () => {
  target = await createTestDb('avro_sink');
});
afterAll(async () => {
  await target?.drop();
});


describe('Postgres sink with an Avro value converter', () => {
  it('undecodable records go to the DLQ as the Avro converter\'s DataExceptions', async () => {
    const id = uniqueId('avsink');
    const topic = `${id}.src`;
    const url = `http://127.0.0.1:${await closedPort()}`;
    const kafka = new Kafka({ brokers: stackInfo().kafka.bootstrapServers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [
      { key: null, value: '{"schema":null,"payload":1}' },
      { key: null, value: Buffer.from([0, 0, 0, 0, 1, 2, 4]) },
    ] });
    await producer.disconnect();
    const { postgres } = stackInfo();
    const sink = await startPostgresSink({
      config: {
        name: `${id}-sink`,
        'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
        'connection.url': `jdbc:postgresql://${postgres.host}:${postgres.port}/${target.name}`,
        'connection.username': postgres.user,
        'connection.password': postgres.password,
        topics: topic,
        'value.converter': 'io.confluent.connect.avro.AvroConverter',
        'value.converter.schema.registry.url': url,
        'errors.tolerance': 'all',
        'errors.deadletterqueue.topic.name': `${id}-dlq`, 'errors.deadletterqueue.topic.replication.factor': '1',
        'errors.deadletterqueue.context.headers.enable': 'true',
      },
      bootstrapServers: stackInfo().kafka.bootstrapServers,
    });
    try {
      const dlq = await readTopic(`${id}-dlq`, (m) => m.length >= 2, 60_000);
      expect(dlq).toHaveLength(2);
      for (const m of dlq) {
        expect(m.headers).toMatchObject({
          '__connect.errors.stage': 'VALUE_CONVERTER',
          '__connect.errors.class.name': 'io.confluent.connect.avro.AvroConverter',
          '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
        });
      }
      expect(dlq[0].headers['__connect.errors.exception.message']).toBe('Failed to deserialize data to Avro: Unknown magic byte 123: not the Confluent Avro wire format');
      expect(dlq[1].headers['__connect.errors.exception.message']).toContain(`Cannot reach the schema registry at ${url} (value.converter.schema.registry.url)`);
      expect(sink.status().tasks[0].state).toBe('RUNNING');
    } finally {
      await sink.stop();
    }
  });
});
