import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../index.ts';
import { produceAndConsume } from './kafka-roundtrip.ts';
import { NativeStack } from './native-stack.ts';

// A second stack of its own: Kafka in ZooKeeper mode with a Kafka Connect worker carrying the
// Debezium plugins. Stopping it must leave no process behind.

describe('native stack: ZooKeeper mode + Kafka Connect', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ runtime: 'native', kafka: 'zookeeper', with: ['connect'] });
  });
  afterAll(async () => stack?.stop());

  it('runs a ZooKeeper process and a broker registered in it', () => {
    expect(stack.info.kafka.mode).toBe('zookeeper');
    expect(stack.info.kafka.zookeeperConnect).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(stack.logTail('zookeeper', 200)).not.toBe('');
  });

  it('produces and consumes with kafkajs', async () => {
    const values = await produceAndConsume(stack.info.kafka.bootstrapServers, 'runtime-zk-roundtrip', ['a', 'b']);
    expect(values).toEqual(['a', 'b']);
  });

  it('GET /connector-plugins lists the Debezium PostgresConnector and JdbcSinkConnector', async () => {
    const response = await fetch(`${stack.info.connect!.url}/connector-plugins`);
    expect(response.status).toBe(200);
    const classes = ((await response.json()) as Array<{ class: string; version: string }>).map((p) => p.class);
    expect(classes).toContain('io.debezium.connector.postgresql.PostgresConnector');
    expect(classes).toContain('io.debezium.connector.jdbc.JdbcSinkConnector');
  });

  it('stop() ends every process it started', async () => {
    const pids = [...(stack as NativeStack).processMap.values()].map((p) => p.pid!);
    expect(pids.length).toBe(4); // postgres, zookeeper, kafka-1, connect
    await stack.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0), `pid ${pid}`).toThrow();
  });
});
