// The migration steps of the lab: a fresh ZooKeeper-mode cluster with a few records is moved to
// KRaft, one restart at a time, and still serves those records at the end.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { claim, shell, step, type StepSpec } from '../../harness/kit/index.ts';
import { machine, produceUntilAcked, startMeasured } from './clusters.ts';
import { SHOW_FINALIZE, SHOW_KRAFT_BROKER, SHOW_MIGRATION_BROKER, SHOW_MIGRATION_CONTROLLER } from './commands.ts';
import { CONTROLLER_ID, driverStates, kraftBrokerProperties, migratingBrokerLines, migration, restartBroker, restartController, startController, waitForLog } from './migration.ts';
import { quorumStatus, stableStatus, zookeeperShell } from './tools.ts';

const TOPIC = 'zvk.migrated';
const timings: Record<string, number> = {};

/** A config text as the transcript keeps it: lines, the cluster's temp folder named, not printed. */
function configLines(text: string): string[] {
  return text.trim().split('\n').map((l) => l.replaceAll(migration().zk.dir, '<cluster dir>'));
}

async function readAll(brokers: string[], count: number): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'zvk-migration', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `zvk-migration-${Date.now()}` });
  const got: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void got.push(String(message.value)) });
    const deadline = Date.now() + 30_000;
    while (got.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return got;
  } finally {
    await consumer.disconnect();
  }
}

export const migrationSteps: StepSpec[] = [
  step({
    title: 'Migration: add a KRaft controller to a ZooKeeper cluster',
    prose:
      'Kafka 3.9 can move a running ZooKeeper-mode cluster to KRaft. The lab starts a fresh ZooKeeper-mode cluster and writes three records to a topic. A KRaft controller joins it: formatted with the cluster id that ZooKeeper holds in `/cluster/id`, and started with `zookeeper.metadata.migration.enable=true` and `zookeeper.connect`. It becomes leader of its quorum, then waits for the brokers.',
    show: shell(SHOW_MIGRATION_CONTROLLER),
    run: async (ctx) => {
      const t0 = Date.now();
      const { cluster: zk } = await startMeasured(ctx, 'migration', 'zookeeper');
      const producer = new Kafka({ clientId: 'zvk-migration', brokers: zk.info.bootstrapServers, logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      await producer.send({ topic: TOPIC, acks: -1, messages: [1, 2, 3].map((i) => ({ key: String(i), value: `written in ZooKeeper mode #${i}` })) });
      await producer.disconnect();
      const clusterId = (JSON.parse(await zookeeperShell(zk, ['get', '/cluster/id'])) as { id: string }).id;
      const m = await startController(ctx, zk, clusterId);
      ctx.record('controller-3000/server.properties', configLines(propertiesOf(m.controller.dir)));
      const leads = await waitForLog(m.controller, /Completed transition to Leader/);
      ctx.record('controller log', /\[RaftManager id=\d+\] Completed transition to Leader/.exec(leads)?.[0]);
      await waitForLog(m.controller, /transitioning from WAIT_FOR_CONTROLLER_QUORUM to WAIT_FOR_BROKERS state/);
      timings['controller waiting for brokers (ms from the cluster start)'] = Date.now() - t0;
      ctx.record('migration driver states', driverStates(m.controller));
    },
    claims: [
      claim("the controller leads its one-voter quorum, then its migration driver waits for the ZooKeeper brokers (WAIT_FOR_BROKERS)", (ctx) => {
        assert.equal(ctx.output['controller log'], `[RaftManager id=${CONTROLLER_ID}] Completed transition to Leader`);
        assert.ok((ctx.output['migration driver states'] as string[]).includes('WAIT_FOR_CONTROLLER_QUORUM → WAIT_FOR_BROKERS'));
      }),
    ],
  }),
  step({
    title: 'Migration: restart the broker with migration enabled',
    prose:
      'The broker keeps `broker.id` and `zookeeper.connect` and gains four settings: the migration flag, the controller quorum, and the `CONTROLLER` listener it reaches it on. Once every broker has registered this way, the KRaft controller claims `/controller` in ZooKeeper and copies the metadata into its log. Until the migration is finalized it also writes every change back to ZooKeeper.',
    show: shell(SHOW_MIGRATION_BROKER),
    run: async (ctx) => {
      const m = migration();
      const t0 = Date.now();
      ctx.record('added to kafka-1/server.properties', configLines(migratingBrokerLines(m).join('\n')));
      await restartBroker(m, 'kafka-1-migrating', `${m.original}${migratingBrokerLines(m).join('\n')}\n`);
      // the line goes on with counts and times that vary; the transcript keeps its first sentence
      const migrated = await waitForLog(m.controller, /Completed migration of metadata from ZooKeeper to KRaft/);
      ctx.record('controller log', /\[KRaftMigrationDriver id=\d+\] Completed migration of metadata from ZooKeeper to KRaft\./.exec(migrated)?.[0]);
      timings['broker restart to metadata migrated (ms)'] = Date.now() - t0;
      await waitForLog(m.controller, /transitioning from \w+ to DUAL_WRITE state/);
      ctx.record('migration driver states', driverStates(m.controller));
      ctx.record('get /controller', await zookeeperShell(m.zk, ['get', '/controller']));
    },
    claims: [
      claim('the controller logs "Completed migration of metadata from ZooKeeper to KRaft" and its driver goes on to DUAL_WRITE', (ctx) => {
        assert.match(String(ctx.output['controller log']), /Completed migration of metadata from ZooKeeper to KRaft/);
        assert.match((ctx.output['migration driver states'] as string[]).at(-1) ?? '', /→ DUAL_WRITE$/);
      }),
      claim(`/controller in ZooKeeper now names the KRaft controller, ${CONTROLLER_ID}, with a KRaft controller epoch`, (ctx) => {
        const znode = JSON.parse(String(ctx.output['get /controller'])) as { brokerid: number; kraftControllerEpoch: number };
        assert.equal(znode.brokerid, CONTROLLER_ID);
        assert.ok(znode.kraftControllerEpoch >= 0, `kraftControllerEpoch ${znode.kraftControllerEpoch}`);
      }),
    ],
  }),
  step({
    title: 'Migration: restart the broker in KRaft mode',
    prose:
      'The broker now drops `broker.id` and `zookeeper.connect`: `node.id` takes the same value, and `process.roles=broker` makes it a KRaft broker. It keeps its log directory, so the partitions it held are still there.',
    show: shell(SHOW_KRAFT_BROKER),
    run: async (ctx) => {
      const m = migration();
      const t0 = Date.now();
      const text = kraftBrokerProperties(m);
      ctx.record('kafka-1/server.properties', configLines(text));
      const broker = await restartBroker(m, 'kafka-1-kraft', text);
      ctx.record('kafka-1 log', await waitForLog(broker, /\[KafkaRaftServer nodeId=1\] Kafka Server started/));
      timings['broker restart in KRaft mode (ms)'] = Date.now() - t0;
      ctx.record(`records on ${TOPIC}`, await readAll(m.zk.info.bootstrapServers, 3));
    },
    claims: [
      claim('the broker runs as a KRaft broker (KafkaRaftServer) and serves the three records written in ZooKeeper mode', (ctx) => {
        assert.match(String(ctx.output['kafka-1 log']), /\[KafkaRaftServer nodeId=1\] Kafka Server started/);
        assert.deepEqual(ctx.output[`records on ${TOPIC}`], [1, 2, 3].map((i) => `written in ZooKeeper mode #${i}`));
      }),
    ],
  }),
  step({
    title: 'Migration: finalize and stop ZooKeeper',
    prose:
      'Last, the controller restarts without the migration flag and without `zookeeper.connect`. From then on the metadata lives only in KRaft, and ZooKeeper can go. The lab stops it, asks the quorum, and produces once more.',
    show: shell(SHOW_FINALIZE),
    run: async (ctx) => {
      const m = migration();
      const t0 = Date.now();
      const controller = await restartController(m);
      ctx.record('controller-3000/server.properties', configLines(propertiesOf(controller.dir)));
      await waitForLog(controller, /Completed transition to Leader/);
      await m.zk.servers.get('zookeeper')?.stop();
      await produceUntilAcked(m.zk.info.bootstrapServers, TOPIC);
      timings['controller restart to a produce without ZooKeeper (ms)'] = Date.now() - t0;
      const status = await quorumStatus(m.zk, m.zk.info.bootstrapServers[0]);
      const stable = stableStatus(status);
      ctx.record('describe --status', { ...stable, CurrentObservers: (JSON.parse(status.CurrentObservers ?? '[]') as Array<{ id: number }>).map((o) => ({ id: o.id, directoryId: '<random>' })) });
      ctx.record('measured', { machine: machine(), ...timings });
    },
    claims: [
      claim(`with ZooKeeper stopped, the quorum's leader is controller ${CONTROLLER_ID} and broker 1 follows it as an observer`, (ctx) => {
        const status = ctx.output['describe --status'] as { LeaderId: string; CurrentObservers: Array<{ id: number }> };
        assert.equal(status.LeaderId, String(CONTROLLER_ID));
        assert.deepEqual(status.CurrentObservers.map((o) => o.id), [1]);
        assert.equal(migration().zk.servers.get('zookeeper')?.hasExited, true);
      }),
    ],
  }),
];

function propertiesOf(serverDir: string): string {
  return fs.readFileSync(path.join(serverDir, 'server.properties'), 'utf8');
}
