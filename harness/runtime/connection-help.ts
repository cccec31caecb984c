import type { StackInfo } from './types.ts';

/** How to reach each service of a running stack, as lines a person can copy. */
export function describeConnections(info: StackInfo): string {
  const { postgres, kafka, connect, s3, registry } = info;
  const lines = [
    `PostgreSQL   psql "postgresql://${postgres.user}:${postgres.password}@${postgres.host}:${postgres.port}/${postgres.database}"`,
    `Kafka        bootstrap servers ${kafka.bootstrapServers.join(',')} (${kafka.mode}${kafka.zookeeperConnect ? `, ZooKeeper at ${kafka.zookeeperConnect}` : ''})`,
  ];
  if (connect) lines.push(`Connect REST ${connect.url}   e.g. curl -s ${connect.url}/connector-plugins`);
  if (s3) lines.push(`S3           endpoint ${s3.endpoint} region ${s3.region} access key ${s3.accessKeyId} secret ${s3.secretAccessKey} (path-style)`);
  if (registry) lines.push(`Registry     ${registry.url} (Confluent-compatible), ${registry.apicurioUrl} (Apicurio)   e.g. curl -s ${registry.url}/subjects`);
  return lines.join('\n');
}
