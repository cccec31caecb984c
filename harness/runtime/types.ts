// The contract every runtime (native, containers, external) fulfils. Nothing here knows the engine.

export const RUNTIME_KINDS = ['native', 'containers', 'external'] as const;
export type RuntimeKind = (typeof RUNTIME_KINDS)[number];
export const RUNTIME_CHOICES = ['auto', ...RUNTIME_KINDS] as const;
export type RuntimeChoice = (typeof RUNTIME_CHOICES)[number];

export const KAFKA_MODES = ['kraft', 'zookeeper'] as const;
export type KafkaMode = (typeof KAFKA_MODES)[number];

/** Optional services; PostgreSQL and Kafka are always part of a stack. */
export const EXTRA_SERVICES = ['connect', 's3', 'registry'] as const;
export type ExtraService = (typeof EXTRA_SERVICES)[number];

export type ServiceName = 'postgres' | 'kafka' | 'zookeeper' | 'connect' | 's3' | 'registry';

export interface StackOptions {
  runtime?: RuntimeChoice;
  kafka?: KafkaMode;
  /** Kafka nodes: 1 (combined broker+controller) or 3 (a KRaft quorum). */
  kafkaNodes?: number;
  with?: readonly ExtraService[];
  /** Progress lines for long work (downloads, server starts). */
  onProgress?: (line: string) => void;
}

export interface PostgresInfo {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** postgres://user:password@host:port/database */
  url: string;
}

export interface KafkaInfo {
  mode: KafkaMode;
  bootstrapServers: string[];
  /** host:port of ZooKeeper in zookeeper mode */
  zookeeperConnect?: string;
}

export interface ConnectInfo {
  /** Kafka Connect REST base URL, e.g. http://127.0.0.1:8083 */
  url: string;
  /** how the Connect worker reaches PostgreSQL (inside a Docker network it is not 127.0.0.1) */
  postgresHost: string;
  postgresPort: number;
}

export interface S3Info {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** S3Mock and MinIO want path-style URLs */
  forcePathStyle: true;
}

/** A schema registry (Apicurio Registry 2.6) by its two APIs. */
export interface RegistryInfo {
  /** the Confluent-compatible API base (schema.registry.url for Confluent clients), e.g. http://127.0.0.1:8080/apis/ccompat/v7 */
  url: string;
  /** Apicurio's own REST API (apicurio.registry.url for Apicurio's serdes and converters), e.g. …/apis/registry/v2 */
  apicurioUrl: string;
  /** the Apicurio API as the Connect worker reaches it (inside a Docker network it is not the host's URL) */
  apicurioUrlForConnect: string;
}

/** Plain data: serialisable, so vitest's global setup can hand it to test files. */
export interface StackInfo {
  runtime: RuntimeKind;
  postgres: PostgresInfo;
  kafka: KafkaInfo;
  connect?: ConnectInfo;
  s3?: S3Info;
  registry?: RegistryInfo;
}

export interface Stack {
  readonly info: StackInfo;
  /** The last lines of a service's log ('' when the runtime keeps none). */
  logTail(service: ServiceName, lines?: number): string;
  /** Stops every process this stack started; safe to call twice. */
  stop(): Promise<void>;
}
