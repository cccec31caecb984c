// The same CDC pipeline on Kafka 3.9.1 in ZooKeeper mode and in KRaft mode, side by side in one
// run: the processes and settings that differ, where each keeps its metadata, measured start and
// topic-creation times, a controller crash on a three-node quorum, and two configurations mixing
// the modes that the broker refuses. The lab starts its own clusters (harness/kit/own-kafka.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { claim, defineLab, envelope, json, opOf, shell, sql, step, type ChangeEvent, type StepContext } from '../../harness/kit/index.ts';
import { cluster, kafkaClient, machine, MODES, produceUntilAcked, startMeasured, stopCluster, topicCreationMs } from './clusters.ts';
import { GREP_CONFIG, MODE_KEYS, SHOW_FAILOVER, SHOW_QUORUM, SHOW_TOPIC, SHOW_ZNODES, showBroker, START, topicArgs, ZNODES } from './commands.ts';
import { killActiveController } from './failover.ts';
import { comparable, startPipeline, stopPipeline, takeEvents, TOPIC } from './pipeline.ts';
import { startRefused } from './refusal.ts';
import { migrationSteps } from './migration-steps.ts';
import { configExcerpt, configKeys, quorumStatus, stableStatus, tool, TOPICS, voterIds, zookeeperShell } from './tools.ts';

const label = (mode: string): string => (mode === 'zookeeper' ? 'ZooKeeper mode' : 'KRaft mode');
const events = new Map<string, ChangeEvent[]>();
/** The single node's quorum status as read (its cluster id and offsets are not recorded). */
const quorum: { status: Record<string, string> } = { status: {} };

function compact(list: ChangeEvent[]): unknown[] {
  return list.map((e) => (e.value === null ? { key: e.key, value: null } : { key: e.key, op: e.value.op, before: e.value.before, after: e.value.after }));
}

/** Takes `count` new events from each cluster and records them per mode. */
async function takeFromBoth(ctx: StepContext, count: number): Promise<void> {
  for (const mode of MODES) {
    const got = await takeEvents(mode, count);
    events.set(mode, got);
    ctx.record(`${label(mode)}: ${TOPIC}`, compact(got));
  }
}

const refusedClaims = (file: string) => ({
  show: shell(showBroker(file)),
  expectError: true,
  run: async (ctx: StepContext) => {
    ctx.record(file, fs.readFileSync(path.join(ctx.lab.dir, file), 'utf8').trim().split('\n'));
    await startRefused(ctx, file);
  },
});

export default defineLab({
  id: 'zookeeper-vs-kraft',
  title: 'ZooKeeper vs KRaft',
  summary:
    'One CDC pipeline on Kafka 3.9.1 run both ways: what changes (processes, settings, where the metadata lives, a controller crash) and what does not (the change events), with start and topic-creation times as measured.',
  minutes: 20,
  // The lab starts its own ZooKeeper-mode, KRaft and three-node KRaft clusters in every run, so one
  // run shows both modes side by side; the stack supplies PostgreSQL.
  needs: { kafka: ['kraft'], engines: ['native'] },
  steps: [
    step({
      title: 'Start Kafka with ZooKeeper and with KRaft',
      prose:
        'In ZooKeeper mode a broker keeps its cluster metadata in a separate ZooKeeper ensemble, so two kinds of server run. In KRaft mode the metadata lives in Kafka itself: a node that is both broker and controller is the whole cluster, but its storage must be formatted with a cluster id before the first start. The lab starts one cluster of each kind, one after the other, and times each from the start to the first produce it acknowledges with `acks=all`.',
      show: shell(START),
      hint: 'Kafka needs Java 17+ and the Kafka jars (npm run jars); the servers\' logs are printed above.',
      run: async (ctx) => {
        const measured: Record<string, unknown> = { machine: machine() };
        const servers: Record<string, string[]> = {};
        for (const mode of MODES) {
          const { cluster: c, readyMs, firstProduceMs } = await startMeasured(ctx, mode, mode);
          servers[label(mode)] = [...c.servers.keys()];
          measured[label(mode)] = { 'servers ready (ms)': readyMs, 'start to first acknowledged produce (ms)': firstProduceMs };
        }
        ctx.record('server processes', servers);
        ctx.record('measured', measured);
      },
      claims: [
        claim('ZooKeeper mode runs two servers (zookeeper and the broker kafka-1); KRaft mode runs one (kafka-1)', (ctx) => {
          assert.deepEqual(ctx.output['server processes'], { 'ZooKeeper mode': ['zookeeper', 'kafka-1'], 'KRaft mode': ['kafka-1'] });
          for (const mode of MODES) for (const s of cluster(mode).servers.values()) assert.equal(s.hasExited, false, `${mode} ${s.name} exited`);
        }),
      ],
    }),
    step({
      title: 'Compare the settings that choose the mode',
      prose:
        'The lines below are read from the `server.properties` files the run wrote. A ZooKeeper-mode broker names itself with `broker.id` and finds the cluster through `zookeeper.connect`. A KRaft node names itself with `node.id`, says what it is with `process.roles`, and lists the controller quorum in `controller.quorum.voters`, reached on its own `CONTROLLER` listener.',
      show: shell(GREP_CONFIG),
      run: async (ctx) => {
        for (const mode of MODES) ctx.record(`${label(mode)}: kafka-1/server.properties`, configExcerpt(cluster(mode).servers.get('kafka-1')!.dir, MODE_KEYS));
      },
      claims: [
        claim('the ZooKeeper-mode broker sets broker.id and zookeeper.connect, and none of process.roles, node.id, controller.quorum.voters', () => {
          const keys = configKeys(cluster('zookeeper').servers.get('kafka-1')!.dir);
          for (const k of ['broker.id', 'zookeeper.connect']) assert.ok(keys.includes(k), `${k} missing`);
          for (const k of ['process.roles', 'node.id', 'controller.quorum.voters']) assert.ok(!keys.includes(k), `${k} present`);
        }),
        claim('the KRaft node sets process.roles=broker,controller, node.id and controller.quorum.voters, and neither broker.id nor zookeeper.connect', () => {
          const dir = cluster('kraft').servers.get('kafka-1')!.dir;
          const keys = configKeys(dir);
          assert.ok(configExcerpt(dir, ['process.roles']).includes('process.roles=broker,controller'));
          for (const k of ['node.id', 'controller.quorum.voters']) assert.ok(keys.includes(k), `${k} missing`);
          for (const k of ['broker.id', 'zookeeper.connect']) assert.ok(!keys.includes(k), `${k} present`);
        }),
      ],
    }),
    step({
      title: 'Create a table',
      prose: 'The same PostgreSQL table feeds both clusters.',
      show: sql('01-orders.sql'),
    }),
    step({
      title: 'Start the same connector on each cluster',
      prose:
        'The connector JSON is the same for both; the engine gets each cluster\'s bootstrap servers, and the lab adds the mode to `slot.name` and `publication.name` (`zvk_zookeeper`, `zvk_kraft`), since two connectors cannot share a replication slot. Each one snapshots the table into its own cluster.',
      show: json('connector.json'),
      run: async (ctx) => {
        for (const mode of MODES) await startPipeline(ctx, mode);
        await takeFromBoth(ctx, 2);
      },
      claims: [
        claim('each cluster receives one op = "r" snapshot event per row', () => {
          for (const mode of MODES) assert.deepEqual(events.get(mode)?.map(opOf), ['r', 'r'], mode);
        }),
        claim('the snapshot events are the same on both clusters (timestamps and LSNs aside)', () => {
          assert.deepEqual(comparable(events.get('kraft') ?? []), comparable(events.get('zookeeper') ?? []));
        }),
      ],
    }),
    step({
      title: 'Insert, update and delete',
      prose: 'Both connectors read the same changes from their own slots and write them to their own cluster.',
      show: sql('03-changes.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await takeFromBoth(ctx, 4);
      },
      claims: [
        claim('the same change events arrive in both modes, in the same order: c, u, d and a tombstone', () => {
          for (const mode of MODES) assert.deepEqual(events.get(mode)?.map(opOf), ['c', 'u', 'd', 'tombstone'], mode);
          assert.deepEqual(comparable(events.get('kraft') ?? []), comparable(events.get('zookeeper') ?? []));
        }),
        claim('the update carries the new total on both clusters', () => {
          for (const mode of MODES) assert.deepEqual(envelope(events.get(mode)![1]).after, { id: 1, customer: 'ada', total: '99.90' }, mode);
        }),
      ],
    }),
    step({
      title: 'Where ZooKeeper mode keeps the metadata',
      prose:
        'A ZooKeeper-mode broker registers itself under `/brokers/ids`, the broker elected controller writes `/controller`, and topics are znodes under `/brokers/topics`. `zookeeper-shell` (the class `ZooKeeperMain`) reads them.',
      show: shell(SHOW_ZNODES),
      run: async (ctx) => {
        const zk = cluster('zookeeper');
        for (const command of ZNODES) ctx.record(command.join(' '), await zookeeperShell(zk, command));
      },
      claims: [
        claim('/brokers/ids lists the one broker, id 1', (ctx) => {
          assert.equal(ctx.output['ls /brokers/ids'], '[1]');
        }),
        claim('/controller names broker 1 as the controller', (ctx) => {
          assert.equal((JSON.parse(String(ctx.output['get /controller'])) as { brokerid: number }).brokerid, 1);
        }),
        claim(`/brokers/topics lists the connector's topic ${TOPIC}`, (ctx) => {
          assert.ok(String(ctx.output['ls /brokers/topics']).includes(TOPIC));
        }),
      ],
    }),
    step({
      title: 'Where KRaft mode keeps the metadata',
      prose:
        'In KRaft mode the controllers keep the metadata as a log, the partition `__cluster_metadata-0` in their log directory, replicated with Raft. `kafka-metadata-quorum` (the class `MetadataQuorumCommand`) describes the quorum: who leads, at which epoch, which nodes vote.',
      show: shell(SHOW_QUORUM),
      run: async (ctx) => {
        const kraft = cluster('kraft');
        const status = await quorumStatus(kraft);
        ctx.record('describe --status', stableStatus(status));
        ctx.record('KRaft mode: ls kafka-1/data/__cluster_metadata-0/', fs.readdirSync(path.join(kraft.servers.get('kafka-1')!.dir, 'data', '__cluster_metadata-0')).sort());
        ctx.record('ZooKeeper mode: kafka-1/data has __cluster_metadata-0', fs.existsSync(path.join(cluster('zookeeper').servers.get('kafka-1')!.dir, 'data', '__cluster_metadata-0')));
        quorum.status = status;
      },
      claims: [
        claim('the quorum has one voter, node 1, and it is the leader', () => {
          const status = quorum.status;
          assert.deepEqual(voterIds(status), [1]);
          assert.equal(status.LeaderId, '1');
        }),
        claim('the KRaft node keeps __cluster_metadata-0 (a log with a quorum-state file); the ZooKeeper-mode broker has none', (ctx) => {
          const files = ctx.output['KRaft mode: ls kafka-1/data/__cluster_metadata-0/'] as string[];
          assert.ok(files.includes('quorum-state') && files.some((f) => f.endsWith('.log')));
          assert.equal(ctx.output['ZooKeeper mode: kafka-1/data has __cluster_metadata-0'], false);
        }),
      ],
    }),
    step({
      title: 'Create a topic on each',
      prose:
        'The same `kafka-topics` command (the class `TopicCommand`) works on both, with only `--bootstrap-server` telling them apart: clients never talk to ZooKeeper. The measured latency below comes from five more topics created through the Admin API, each request waiting until every partition has a leader (the tool\'s own JVM start would dwarf it).',
      show: shell(SHOW_TOPIC),
      run: async (ctx) => {
        const measured: Record<string, unknown> = { machine: machine() };
        for (const mode of MODES) {
          const c = cluster(mode);
          ctx.record(`${label(mode)}: kafka-topics`, await tool(c, TOPICS, topicArgs(c.info.bootstrapServers[0]!)));
          const admin = kafkaClient(c).admin();
          await admin.connect();
          try {
            const meta = await admin.fetchTopicMetadata({ topics: ['zvk.cli-created'] });
            ctx.record(`${label(mode)}: partitions of zvk.cli-created`, meta.topics[0]?.partitions.length);
            const { medianMs, allMs } = await topicCreationMs(admin, 'zvk.timed');
            measured[label(mode)] = { 'CreateTopics until leaders, median of 5 (ms)': medianMs, 'each (ms)': allMs };
          } finally {
            await admin.disconnect();
          }
        }
        ctx.record('measured', measured);
        // free the machine for the three-node quorum
        for (const mode of MODES) await stopPipeline(mode);
        for (const mode of MODES) await stopCluster(mode);
      },
      claims: [
        claim('the same kafka-topics command creates the topic, with its 3 partitions, on both clusters', (ctx) => {
          for (const mode of MODES) {
            assert.equal((ctx.output[`${label(mode)}: kafka-topics`] as string[]).at(-1), 'Created topic zvk.cli-created.');
            assert.equal(ctx.output[`${label(mode)}: partitions of zvk.cli-created`], 3);
          }
        }),
      ],
    }),
    step({
      title: 'Crash the active controller of a three-node quorum',
      prose:
        'Three combined nodes vote in one quorum; one of them leads it and is the active controller. The lab asks which, kills that node with SIGKILL, and waits for two things: a surviving voter to log that it became leader, and a produce with `acks=all` to a topic with three replicas to be acknowledged through the surviving nodes. Two of three voters are a majority, so the quorum carries on. Producing takes longer to come back than the election: partitions led by the dead node move only once the new controller fences it, after `broker.session.timeout.ms` (9 s by default) without a heartbeat.',
      show: shell(SHOW_FAILOVER),
      hint: 'A three-node quorum needs about 2.5 GB of memory; the nodes\' logs are in the lab\'s own cluster folder.',
      run: async (ctx) => {
        const { cluster: c, firstProduceMs } = await startMeasured(ctx, 'kraft-3', 'kraft', 3);
        const admin = kafkaClient(c).admin();
        await admin.connect();
        try {
          // leaders are awaited by the produce below, which retries until one acknowledges it
          await admin.createTopics({ topics: [{ topic: 'zvk.failover', numPartitions: 3, replicationFactor: 3 }], waitForLeaders: false });
        } finally {
          await admin.disconnect();
        }
        await produceUntilAcked(c.info.bootstrapServers, 'zvk.failover');
        const before = await quorumStatus(c);
        ctx.record('before: describe --status', { ...stableStatus(before), LeaderId: '<one of 1, 2, 3>' });
        const f = await killActiveController(c, before, 'zvk.failover');
        ctx.record('after: describe --status', { ...stableStatus(f.statusAfter), LeaderId: '<one of the two surviving nodes>' });
        ctx.record('failover', {
          voters: voterIds(before),
          killedLeaderExited: c.servers.get(`kafka-${f.killed}`)?.hasExited === true,
          newLeaderIsAnotherVoter: f.newLeader !== f.killed && voterIds(before).includes(f.newLeader),
          produceAcknowledgedAfterKill: Number.isFinite(f.produceAgainMs),
        });
        ctx.record('measured', {
          machine: machine(),
          'three nodes: start to first acknowledged produce (ms)': firstProduceMs,
          'killed node (the leader)': f.killed,
          'new leader': f.newLeader,
          'kill to new leader elected (ms, from its log)': f.electedMs,
          'kill to first acknowledged produce (ms)': f.produceAgainMs,
        });
        await stopCluster('kraft-3');
      },
      claims: [
        claim('the quorum has three voters, nodes 1, 2 and 3', (ctx) => {
          assert.deepEqual((ctx.output.failover as { voters: number[] }).voters, [1, 2, 3]);
        }),
        claim('the controller moves to another node: after the kill, LeaderId names one of the two surviving voters', (ctx) => {
          const f = ctx.output.failover as { killedLeaderExited: boolean; newLeaderIsAnotherVoter: boolean };
          assert.equal(f.killedLeaderExited, true, 'the killed leader is still running');
          assert.equal(f.newLeaderIsAnotherVoter, true);
        }),
        claim('with one of three nodes down, a produce with acks=all is acknowledged again', (ctx) => {
          assert.equal((ctx.output.failover as { produceAcknowledgedAfterKill: boolean }).produceAcknowledgedAfterKill, true);
        }),
      ],
    }),
    ...migrationSteps,
    step({
      title: 'Bad input: ZooKeeper settings plus process.roles',
      prose:
        'Adding KRaft settings to a ZooKeeper-mode broker does not make a hybrid. `process.roles` decides: the broker starts as a KRaft node, finds no formatted storage (KRaft never creates `meta.properties` by itself; `StorageTool format` does), and exits.',
      ...refusedClaims('zookeeper-with-roles.properties'),
      claims: [
        claim('the broker exits with code 1 at start, saying "No readable meta.properties files found"', (ctx) => {
          assert.match(ctx.error?.message ?? '', /exited with code 1/);
          assert.match(ctx.error?.message ?? '', /No readable meta\.properties files found/);
        }),
        claim('the stack trace shows it took the KRaft path (KafkaRaftServer), not the ZooKeeper one', (ctx) => {
          assert.match(ctx.error?.message ?? '', /KafkaRaftServer/);
        }),
      ],
    }),
    step({
      title: 'Bad input: a broker-only node among the voters',
      prose:
        'Voters are controllers. A node with `process.roles=broker` that lists its own id in `controller.quorum.voters` mixes the two roles, and Kafka\'s configuration check refuses it before anything starts.',
      ...refusedClaims('broker-among-voters.properties'),
      claims: [
        claim("Kafka refuses it: \"If process.roles contains just the 'broker' role, the node id 1 must not be included in the set of voters\"", (ctx) => {
          assert.match(ctx.error?.message ?? '', /exited with code 1/);
          assert.match(ctx.error?.message ?? '', /If process\.roles contains just the 'broker' role, the node id 1 must not be included in the set of voters/);
        }),
      ],
    }),
  ],
});
