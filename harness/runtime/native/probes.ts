import net from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

// Readiness probes: each answers "is it serving yet?" once, quickly; ManagedProcess polls them.

/** Kafka is ready when the cluster metadata lists `expectedBrokers` brokers and a controller. */
export async function kafkaReady(bootstrapServers: string[], expectedBrokers: number): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'cdc-labs-probe',
    brokers: bootstrapServers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length >= expectedBrokers && cluster.controller !== null && cluster.controller >= 0;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** ZooKeeper answers "imok" to the "ruok" four-letter word once it serves clients. */
export function zookeeperReady(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('ruok'));
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('close', () => resolve(reply.includes('imok')));
    socket.on('error', () => resolve(false));
  });
}

/** An HTTP endpoint answers with a 2xx status. */
export async function httpReady(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.ok;
}

/** PostgreSQL accepts a connection and runs a query. */
export async function postgresReady(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}
