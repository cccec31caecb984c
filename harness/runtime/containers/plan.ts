import { versions } from '../../versions.ts';
import type { ExtraService, KafkaMode } from '../types.ts';

// What the containers runtime starts, as plain data: images from harness/versions.ts, the same
// settings as the native runtime. Pure, so unit tests can check it on machines without Docker.

export interface ContainerSpec {
  /** network alias other containers use to reach it */
  alias: string;
  image: string;
  env: Record<string, string>;
  command?: string[];
  /** container ports to publish; `sameOnHost` maps a chosen free host port 1:1 (Kafka advertises it) */
  ports: Array<{ container: number; sameOnHost?: boolean }>;
  /** HTTP path answering 200 when ready, or a log line */
  waitFor: { http?: { port: number; path: string }; log?: string };
}

export const CONTAINER_POSTGRES_PASSWORD = 'postgres';
export const CONTAINER_S3_USER = 'cdclabs';
export const CONTAINER_S3_PASSWORD = 'cdclabs-secret';

export function postgresSpec(): ContainerSpec {
  return {
    alias: 'postgres',
    image: versions.postgres.image,
    env: { POSTGRES_PASSWORD: CONTAINER_POSTGRES_PASSWORD },
    // wal_level set on the command line, not by editing files in the container
    command: ['postgres', '-c', 'wal_level=logical', '-c', 'max_replication_slots=64', '-c', 'max_wal_senders=64', '-c', 'max_connections=200'],
    ports: [{ container: 5432 }],
    waitFor: { log: 'database system is ready to accept connections' },
  };
}

/** apache/kafka in KRaft combined mode; the HOST listener is advertised on the same port on the host. */
export function kraftSpec(hostPort: number, clusterId: string): ContainerSpec {
  return {
    alias: 'kafka',
    image: versions.kafka.image,
    env: {
      CLUSTER_ID: clusterId,
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093,HOST://0.0.0.0:${hostPort}`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://kafka:9092,HOST://localhost:${hostPort}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,HOST:PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
      ...singleBrokerEnv,
    },
    ports: [{ container: hostPort, sameOnHost: true }],
    waitFor: { log: 'Kafka Server started' },
  };
}

const singleBrokerEnv = {
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
  KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
  KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
};

export function zookeeperSpec(): ContainerSpec {
  return {
    alias: 'zookeeper',
    image: versions.confluent.zookeeperImage,
    env: { ZOOKEEPER_CLIENT_PORT: '2181', ZOOKEEPER_TICK_TIME: '2000' },
    ports: [{ container: 2181 }],
    waitFor: { log: 'binding to port' },
  };
}

/** cp-kafka in ZooKeeper mode: broker.id and zookeeper.connect. */
export function zookeeperKafkaSpec(hostPort: number): ContainerSpec {
  return {
    alias: 'kafka',
    image: versions.confluent.kafkaImage,
    env: {
      KAFKA_BROKER_ID: '1',
      KAFKA_ZOOKEEPER_CONNECT: 'zookeeper:2181',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:9092,HOST://0.0.0.0:${hostPort}`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://kafka:9092,HOST://localhost:${hostPort}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,HOST:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
      ...singleBrokerEnv,
    },
    ports: [{ container: hostPort, sameOnHost: true }],
    waitFor: { log: 'started (kafka.server.KafkaServer)' },
  };
}

/**
 * Debezium's Connect image, configured by its documented environment variables. With a registry in the
 * stack, ENABLE_APICURIO_CONVERTERS=true puts the image's Apicurio converters on its plugin path
 * (https://github.com/debezium/container-images, connect-base docker-entrypoint.sh).
 */
export function connectSpec(withRegistry = false): ContainerSpec {
  return {
    alias: 'connect',
    image: versions.debezium.connectImage,
    env: {
      BOOTSTRAP_SERVERS: 'kafka:9092',
      GROUP_ID: 'cdc-labs-connect',
      CONFIG_STORAGE_TOPIC: 'cdc-labs-connect-configs',
      OFFSET_STORAGE_TOPIC: 'cdc-labs-connect-offsets',
      STATUS_STORAGE_TOPIC: 'cdc-labs-connect-status',
      CONFIG_STORAGE_REPLICATION_FACTOR: '1',
      OFFSET_STORAGE_REPLICATION_FACTOR: '1',
      STATUS_STORAGE_REPLICATION_FACTOR: '1',
      ...(withRegistry ? { ENABLE_APICURIO_CONVERTERS: 'true' } : {}),
    },
    ports: [{ container: 8083 }],
    waitFor: { http: { port: 8083, path: '/connectors' } },
  };
}

export function minioSpec(): ContainerSpec {
  return {
    alias: 's3',
    image: versions.s3.minioImage,
    env: { MINIO_ROOT_USER: CONTAINER_S3_USER, MINIO_ROOT_PASSWORD: CONTAINER_S3_PASSWORD },
    command: ['server', '/data'],
    ports: [{ container: 9000 }],
    waitFor: { http: { port: 9000, path: '/minio/health/live' } },
  };
}

/** Apicurio Registry's in-memory image; other containers reach it as http://registry:8080. */
export function registrySpec(): ContainerSpec {
  return {
    alias: 'registry',
    image: versions.apicurio.image,
    env: {},
    ports: [{ container: 8080 }],
    // Quarkus' readiness endpoint (Apicurio 2.x serves SmallRye Health at /health/ready)
    waitFor: { http: { port: 8080, path: '/health/ready' } },
  };
}

export interface StackPlan {
  postgres: ContainerSpec;
  kafka: ContainerSpec[];
  connect?: ContainerSpec;
  s3?: ContainerSpec;
  registry?: ContainerSpec;
}

export function planStack(mode: KafkaMode, extras: ReadonlySet<ExtraService>, kafkaHostPort: number, clusterId: string): StackPlan {
  return {
    postgres: postgresSpec(),
    kafka: mode === 'zookeeper' ? [zookeeperSpec(), zookeeperKafkaSpec(kafkaHostPort)] : [kraftSpec(kafkaHostPort, clusterId)],
    connect: extras.has('connect') ? connectSpec(extras.has('registry')) : undefined,
    s3: extras.has('s3') ? minioSpec() : undefined,
    registry: extras.has('registry') ? registrySpec() : undefined,
  };
}
