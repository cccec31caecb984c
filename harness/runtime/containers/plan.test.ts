import { describe, expect, it } from 'vitest';
import { versions } from '../../versions.ts';
import { planStack } from './plan.ts';

describe('containers plan', () => {
  const all = new Set(['connect', 's3', 'registry'] as const);

  it('uses only the pinned images', () => {
    const kraft = planStack('kraft', all, 19092, 'id');
    const zk = planStack('zookeeper', all, 19092, 'id');
    const images = [kraft, zk].flatMap((p) => [p.postgres, ...p.kafka, p.connect!, p.s3!, p.registry!]).map((s) => s.image);
    const pinned = new Set<string>([
      versions.postgres.image,
      versions.kafka.image,
      versions.confluent.kafkaImage,
      versions.confluent.zookeeperImage,
      versions.debezium.connectImage,
      versions.s3.minioImage,
      versions.apicurio.image,
    ]);
    for (const image of images) expect(pinned, image).toContain(image);
    expect(kraft.kafka.map((s) => s.image)).toEqual(['apache/kafka:3.9.1']);
    expect(zk.kafka.map((s) => s.image)).toEqual([versions.confluent.zookeeperImage, versions.confluent.kafkaImage]);
  });

  it('starts PostgreSQL with wal_level=logical on the command line', () => {
    expect(planStack('kraft', new Set(), 1, 'id').postgres.command).toEqual(expect.arrayContaining(['-c', 'wal_level=logical']));
  });

  it('KRaft has roles and voters; ZooKeeper mode has zookeeper.connect; both advertise the host port', () => {
    const [kraft] = planStack('kraft', new Set(), 19092, 'id').kafka;
    expect(kraft!.env).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093', CLUSTER_ID: 'id' });
    expect(kraft!.env.KAFKA_ADVERTISED_LISTENERS).toContain('HOST://localhost:19092');
    const broker = planStack('zookeeper', new Set(), 19093, 'id').kafka[1]!;
    expect(broker.env).toMatchObject({ KAFKA_ZOOKEEPER_CONNECT: 'zookeeper:2181', KAFKA_BROKER_ID: '1' });
    expect(broker.env).not.toHaveProperty('KAFKA_PROCESS_ROLES');
    expect(broker.env.KAFKA_ADVERTISED_LISTENERS).toContain('HOST://localhost:19093');
  });

  it('adds Connect and S3 only when asked', () => {
    const plan = planStack('kraft', new Set(), 1, 'id');
    expect(plan.connect).toBeUndefined();
    expect(plan.s3).toBeUndefined();
    expect(planStack('kraft', new Set(['connect'] as const), 1, 'id').connect!.env.BOOTSTRAP_SERVERS).toBe('kafka:9092');
    expect(plan.registry).toBeUndefined();
  });

  it('a registry: the pinned Apicurio image, and Connect with the image\'s Apicurio converters enabled', () => {
    const plan = planStack('kraft', new Set(['connect', 'registry'] as const), 1, 'id');
    expect(plan.registry).toMatchObject({ alias: 'registry', image: versions.apicurio.image, ports: [{ container: 8080 }] });
    expect(plan.registry!.image).toMatch(/^apicurio\/apicurio-registry-mem:2\.6\./);
    expect(plan.connect!.env.ENABLE_APICURIO_CONVERTERS).toBe('true');
    expect(planStack('kraft', new Set(['connect'] as const), 1, 'id').connect!.env).not.toHaveProperty('ENABLE_APICURIO_CONVERTERS');
  });
});
