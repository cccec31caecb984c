import fs from 'node:fs';
import path from 'node:path';
import type { ManagedProcess } from '../process/managed-process.ts';
import { freePort } from '../process/free-port.ts';
import type { ConnectInfo } from '../types.ts';
import { httpReady } from './probes.ts';
import { connectWorkerProperties, formatProperties } from './properties.ts';
import { startJvm } from './jvm.ts';

// Kafka Connect 3.9.1 in distributed mode with the Debezium plugins on plugin.path.
// https://kafka.apache.org/39/documentation/#connect_running

export interface StartedConnect {
  info: ConnectInfo;
  process: ManagedProcess;
}

export async function startConnect(dir: string, classpath: string, pluginPath: string, bootstrapServers: string[], postgres: { host: string; port: number }): Promise<StartedConnect> {
  const connectDir = path.join(dir, 'connect');
  fs.mkdirSync(connectDir, { recursive: true });
  const port = await freePort();
  const config = path.join(connectDir, 'connect-distributed.properties');
  fs.writeFileSync(config, formatProperties(connectWorkerProperties(bootstrapServers.join(','), port, pluginPath)));
  const proc = await startJvm({
    name: 'connect',
    dir: connectDir,
    heapMb: 768,
    classpath,
    mainClass: 'org.apache.kafka.connect.cli.ConnectDistributed',
    args: [config],
  });
  const url = `http://127.0.0.1:${port}`;
  // /connectors answers only once the worker joined its group and read the config topic
  await proc.waitReady(() => httpReady(`${url}/connectors`), {
    timeoutMs: 180_000,
    intervalMs: 250,
    hint: 'Kafka Connect needs the broker reachable and the Debezium plugins under plugin.path.',
  });
  return { info: { url, postgresHost: postgres.host, postgresPort: postgres.port }, process: proc };
}
