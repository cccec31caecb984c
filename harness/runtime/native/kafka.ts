import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ManagedProcess } from '../process/managed-process.ts';
import { freePort, freePorts } from '../process/free-port.ts';
import type { KafkaInfo } from '../types.ts';
import { kafkaReady, zookeeperReady } from './probes.ts';
import { formatProperties, kraftNodeProperties, zookeeperBrokerProperties, zookeeperProperties, type KraftNode } from './properties.ts';
import { runJvmTool, startJvm } from './jvm.ts';

// Apache Kafka 3.9.1 as JVM processes from the Maven jars: KRaft (format storage, then kafka.Kafka)
// or ZooKeeper mode (QuorumPeerMain, then a broker with zookeeper.connect).
// https://kafka.apache.org/39/documentation/#quickstart_startserver

const BROKER_HEAP_MB = 768;

export interface StartedKafka {
  info: KafkaInfo;
  /** brokers (and ZooKeeper first, in ZooKeeper mode), in start order */
  processes: ManagedProcess[];
  /** the node processes by node id (KRaft) or broker id (ZooKeeper mode) */
  nodes: Map<number, ManagedProcess>;
}

/**
 * A KRaft cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid`
 * prints). Like Kafka's Uuid.randomUuid, never one starting with '-': the storage tool would read
 * `-t -abc…` as an option and fail with "argument --cluster-id/-t: expected one argument".
 */
export function randomClusterId(random: () => Buffer = () => crypto.randomBytes(16)): string {
  for (;;) {
    const id = random().toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export async function startKraft(dir: string, classpath: string, nodeCount = 1): Promise<StartedKafka> {
  const quorum: KraftNode[] = [];
  // distinct ports in one go: two freePort() calls in a row can get the same port back, and a
  // broker whose PLAINTEXT and CONTROLLER listeners share a port refuses to format
  const ports = await freePorts(2 * nodeCount);
  for (let id = 1; id <= nodeCount; id++) quorum.push({ nodeId: id, brokerPort: ports[2 * id - 2], controllerPort: ports[2 * id - 1] });
  const clusterId = randomClusterId();
  const nodes = new Map<number, ManagedProcess>();
  // format and start every node at once: a quorum needs a majority up before anyone is ready
  await Promise.all(
    quorum.map(async (node) => {
      const nodeDir = path.join(dir, `kafka-${node.nodeId}`);
      fs.mkdirSync(nodeDir, { recursive: true });
      const config = path.join(nodeDir, 'server.properties');
      fs.writeFileSync(config, formatProperties(kraftNodeProperties(node, quorum, path.join(nodeDir, 'data'))));
      await runJvmTool({
        name: `kafka-${node.nodeId}-format`,
        dir: nodeDir,
        heapMb: 128,
        classpath,
        mainClass: 'kafka.tools.StorageTool',
        args: ['format', '-t', clusterId, '-c', config, '--ignore-formatted'],
      });
      nodes.set(node.nodeId, await startJvm({ name: `kafka-${node.nodeId}`, dir: nodeDir, heapMb: BROKER_HEAP_MB, classpath, mainClass: 'kafka.Kafka', args: [config] }));
    }),
  );
  const bootstrapServers = quorum.map((n) => `127.0.0.1:${n.brokerPort}`);
  const ordered = quorum.map((n) => nodes.get(n.nodeId)!);
  await waitAll(ordered, () => kafkaReady(bootstrapServers, nodeCount), 'Check that the KRaft settings (process.roles, node.id, controller.quorum.voters) agree across nodes.');
  return { info: { mode: 'kraft', bootstrapServers }, processes: ordered, nodes };
}

export async function startZookeeperKafka(dir: string, classpath: string, brokerCount = 1): Promise<StartedKafka> {
  const zkDir = path.join(dir, 'zookeeper');
  fs.mkdirSync(zkDir, { recursive: true });
  const [zkPort, zkAdminPort] = await freePorts(2);
  const zkConfig = path.join(zkDir, 'zookeeper.properties');
  fs.writeFileSync(zkConfig, formatProperties(zookeeperProperties(zkPort, path.join(zkDir, 'data'), zkAdminPort)));
  const zookeeper = await startJvm({
    name: 'zookeeper',
    dir: zkDir,
    heapMb: 256,
    classpath,
    mainClass: 'org.apache.zookeeper.server.quorum.QuorumPeerMain',
    args: [zkConfig],
  });
  await zookeeper.waitReady(() => zookeeperReady(zkPort), { timeoutMs: 60_000 });
  const zookeeperConnect = `127.0.0.1:${zkPort}`;
  const nodes = new Map<number, ManagedProcess>();
  const ports: number[] = [];
  for (let id = 1; id <= brokerCount; id++) {
    const brokerDir = path.join(dir, `kafka-${id}`);
    fs.mkdirSync(brokerDir, { recursive: true });
    const port = await freePort();
    ports.push(port);
    const config = path.join(brokerDir, 'server.properties');
    fs.writeFileSync(config, formatProperties(zookeeperBrokerProperties(id, port, zookeeperConnect, path.join(brokerDir, 'data'))));
    nodes.set(id, await startJvm({ name: `kafka-${id}`, dir: brokerDir, heapMb: BROKER_HEAP_MB, classpath, mainClass: 'kafka.Kafka', args: [config] }));
  }
  const bootstrapServers = ports.map((p) => `127.0.0.1:${p}`);
  const brokers = [...nodes.values()];
  await waitAll(brokers, () => kafkaReady(bootstrapServers, brokerCount), 'Check zookeeper.connect and that ZooKeeper is up (its log is in the stack folder).');
  return { info: { mode: 'zookeeper', bootstrapServers, zookeeperConnect }, processes: [zookeeper, ...brokers], nodes };
}

/** Polls one cluster-wide probe while watching every node: the first node to die fails the start. */
async function waitAll(nodes: ManagedProcess[], probe: () => Promise<boolean>, hint: string): Promise<void> {
  const [first, ...rest] = nodes;
  const deaths = rest.map((node) => node.waitForExit().then(() => Promise.reject(node.error('exited while starting', hint))));
  await Promise.race([first!.waitReady(probe, { timeoutMs: 90_000, intervalMs: 200, hint }), ...deaths]);
}
