import { describe, expect, it } from 'vitest';
import { connectWorkerProperties, formatProperties, kraftNodeProperties, zookeeperBrokerProperties } from './properties.ts';

describe('broker properties', () => {
  const quorum = [1, 2, 3].map((id) => ({ nodeId: id, brokerPort: 9000 + id, controllerPort: 9100 + id }));

  it('KRaft nodes carry roles, node.id and the same voters, and no ZooKeeper keys', () => {
    const nodes = quorum.map((n) => kraftNodeProperties(n, quorum, '/data'));
    expect(nodes[1]).toMatchObject({ 'process.roles': 'broker,controller', 'node.id': 2, 'controller.listener.names': 'CONTROLLER' });
    expect(new Set(nodes.map((n) => n['controller.quorum.voters']))).toEqual(new Set(['1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103']));
    for (const node of nodes) expect(Object.keys(node).some((k) => k.startsWith('zookeeper') || k === 'broker.id')).toBe(false);
    expect(nodes[0]!['offsets.topic.replication.factor']).toBe(3);
  });

  it('a ZooKeeper-mode broker has broker.id and zookeeper.connect and no KRaft keys', () => {
    const props = zookeeperBrokerProperties(1, 9092, '127.0.0.1:2181', '/data');
    expect(props).toMatchObject({ 'broker.id': 1, 'zookeeper.connect': '127.0.0.1:2181', 'offsets.topic.replication.factor': 1 });
    expect(props).not.toHaveProperty('process.roles');
    expect(props).not.toHaveProperty('controller.quorum.voters');
  });

  it('Connect storage topics use replication factor 1 (the default of 3 fails on one broker)', () => {
    const props = connectWorkerProperties('127.0.0.1:9092', 8083, '/plugins');
    for (const topic of ['offset', 'config', 'status']) expect(props[`${topic}.storage.replication.factor`]).toBe(1);
    expect(props['plugin.path']).toBe('/plugins');
  });

  it('formats one key=value per line and escapes backslashes', () => {
    expect(formatProperties({ a: 1, b: 'c:\\d', e: true })).toBe('a=1\nb=c:\\\\d\ne=true\n');
  });
});
