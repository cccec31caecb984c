import { registryInfo } from './registry-info.ts';
import type { Stack, StackInfo, StackOptions } from './types.ts';

// The external runtime: services the user already runs, named by environment variables.
// Nothing here starts or stops a server, and nothing assumes the harness owns them.

export const EXTERNAL_ENV = {
  postgres: 'CDC_LABS_POSTGRES_URL',
  kafka: 'CDC_LABS_KAFKA_BOOTSTRAP',
  connect: 'CDC_LABS_CONNECT_URL',
  s3: 'CDC_LABS_S3_ENDPOINT',
  s3Key: 'CDC_LABS_S3_ACCESS_KEY',
  s3Secret: 'CDC_LABS_S3_SECRET_KEY',
  s3Region: 'CDC_LABS_S3_REGION',
  /** the registry's root, its Apicurio API (…/apis/registry/v2) or its Confluent-compatible API (…/apis/ccompat/v7) */
  registry: 'CDC_LABS_SCHEMA_REGISTRY_URL',
} as const;

export function externalStackInfo(options: StackOptions, env: NodeJS.ProcessEnv = process.env): StackInfo {
  const missing: string[] = [];
  const need = (name: string) => {
    const value = env[name];
    if (!value) missing.push(name);
    return value ?? '';
  };
  const pgUrl = need(EXTERNAL_ENV.postgres);
  const bootstrap = need(EXTERNAL_ENV.kafka);
  const extras = new Set(options.with ?? []);
  const connectUrl = extras.has('connect') ? need(EXTERNAL_ENV.connect) : env[EXTERNAL_ENV.connect];
  const s3Endpoint = extras.has('s3') ? need(EXTERNAL_ENV.s3) : env[EXTERNAL_ENV.s3];
  const registryUrl = extras.has('registry') ? need(EXTERNAL_ENV.registry) : env[EXTERNAL_ENV.registry];
  if (missing.length) {
    throw new Error(
      `--runtime external needs these environment variables: ${missing.join(', ')}\n` +
        `e.g. ${EXTERNAL_ENV.postgres}=postgres://user:pass@db:5432/app ${EXTERNAL_ENV.kafka}=broker:9092`,
    );
  }
  const url = new URL(pgUrl);
  const postgres = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, '') || 'postgres',
    url: pgUrl,
  };
  return {
    runtime: 'external',
    postgres,
    kafka: { mode: options.kafka ?? 'kraft', bootstrapServers: bootstrap.split(',').map((s) => s.trim()) },
    connect: connectUrl ? { url: connectUrl.replace(/\/$/, ''), postgresHost: postgres.host, postgresPort: postgres.port } : undefined,
    s3: s3Endpoint
      ? {
          endpoint: s3Endpoint,
          region: env[EXTERNAL_ENV.s3Region] ?? 'us-east-1',
          accessKeyId: env[EXTERNAL_ENV.s3Key] ?? '',
          secretAccessKey: env[EXTERNAL_ENV.s3Secret] ?? '',
          forcePathStyle: true,
        }
      : undefined,
    registry: registryUrl ? registryInfo(registryUrl, EXTERNAL_ENV.registry) : undefined,
  };
}

export function externalStack(options: StackOptions): Stack {
  const info = externalStackInfo(options);
  return { info, logTail: () => '', stop: async () => {} };
}
