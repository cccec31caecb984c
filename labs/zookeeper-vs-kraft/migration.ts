// ZooKeeper-to-KRaft migration as Kafka 3.9 supports it
// (https://kafka.apache.org/39/documentation/#kraft_zk_migration): a KRaft controller in migration
// mode, the brokers restarted with migration enabled (the controller copies the metadata), then
// restarted in KRaft mode, and finally the controller restarted without ZooKeeper.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startKafkaServer, type OwnKafka, type OwnServer } from '../../harness/kit/own-kafka.ts';
import type { StepContext } from '../../harness/kit/index.ts';

export const CONTROLLER_ID = 3000;

interface Migration {
  zk: OwnKafka;
  clusterId: string;
  controllerPort: number;
  controller: OwnServer;
  broker?: OwnServer;
  /** the ZooKeeper-mode broker's own server.properties */
  original: string;
}

let state: Migration | undefined;

export function migration(): Migration {
  if (state === undefined) throw new Error('no migration is under way: an earlier step starts it');
  return state;
}

const props = (lines: string[]): string => `${lines.join('\n')}\n`;

export function controllerProperties(m: Pick<Migration, 'zk' | 'controllerPort'>, migrating: boolean): string {
  return props([
    'process.roles=controller',
    `node.id=${CONTROLLER_ID}`,
    `controller.quorum.voters=${CONTROLLER_ID}@127.0.0.1:${m.controllerPort}`,
    'controller.listener.names=CONTROLLER',
    `listeners=CONTROLLER://127.0.0.1:${m.controllerPort}`,
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    ...(migrating ? ['zookeeper.metadata.migration.enable=true', `zookeeper.connect=${m.zk.info.zookeeperConnect}`] : []),
    `log.dirs=${path.join(m.zk.dir, `controller-${CONTROLLER_ID}`, 'data')}`,
  ]);
}

/** The lines a ZooKeeper-mode broker gains for the migration. */
export function migratingBrokerLines(m: Migration): string[] {
  return [
    'zookeeper.metadata.migration.enable=true',
    `controller.quorum.voters=${CONTROLLER_ID}@127.0.0.1:${m.controllerPort}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
  ];
}

/** The broker in KRaft mode: node.id takes broker.id's value; zookeeper.connect is gone. */
export function kraftBrokerProperties(m: Migration): string {
  const keep = ['listeners', 'advertised.listeners', 'log.dirs', 'offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'transaction.state.log.min.isr'];
  const kept = m.original.split('\n').filter((l) => keep.includes(l.split('=')[0] ?? ''));
  return props([
    'process.roles=broker',
    'node.id=1',
    `controller.quorum.voters=${CONTROLLER_ID}@127.0.0.1:${m.controllerPort}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    ...kept,
  ]);
}

/**
 * Polls a server's log until a line matches `re`; fails with the log tail if it exits or times out.
 * Returns the line, its timestamp masked.
 */
export async function waitForLog(s: OwnServer, re: RegExp, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = s.logTail(3000).split('\n').find((l) => re.test(l));
    if (line !== undefined) return line.replace(/^\[\d{4}-\d\d-\d\d [\d:,]+\]/, '[<time>]');
    if (s.hasExited) throw new Error(`${s.name} exited while the lab waited for ${re}\n${s.logTail(20)}`);
    if (Date.now() > deadline) throw new Error(`${s.name} did not log ${re} within ${timeoutMs / 1000} s\n${s.logTail(20)}`);
    await sleep(200);
  }
}

/** The migration driver's state changes, from the controller's log. */
export function driverStates(s: OwnServer): string[] {
  return s
    .logTail(5000)
    .split('\n')
    .flatMap((l) => /\[KRaftMigrationDriver id=\d+\] \d+ transitioning from (\w+) to (\w+) state/.exec(l)?.slice(1, 3).join(' → ') ?? []);
}

export async function startController(ctx: StepContext, zk: OwnKafka, clusterId: string): Promise<Migration> {
  const controllerPort = await freePort();
  const dir = path.join(zk.dir, `controller-${CONTROLLER_ID}`);
  const controller = await startKafkaServer({ name: `controller-${CONTROLLER_ID}`, dir, properties: controllerProperties({ zk, controllerPort }, true), clusterId });
  const original = fs.readFileSync(path.join(zk.servers.get('kafka-1')!.dir, 'server.properties'), 'utf8');
  state = { zk, clusterId, controllerPort, controller, original };
  ctx.onCleanup(async () => {
    const m = state;
    state = undefined;
    await m?.broker?.stop();
    await m?.controller.stop();
  });
  return state;
}

/** Stops the broker (whichever configuration it runs) and starts it again on `properties`. */
export async function restartBroker(m: Migration, name: string, properties: string): Promise<OwnServer> {
  await (m.broker ?? m.zk.servers.get('kafka-1'))?.stop();
  m.broker = await startKafkaServer({ name, dir: m.zk.servers.get('kafka-1')!.dir, properties });
  return m.broker;
}

export async function restartController(m: Migration): Promise<OwnServer> {
  await m.controller.stop();
  m.controller = await startKafkaServer({ name: `controller-${CONTROLLER_ID}-finalized`, dir: path.join(m.zk.dir, `controller-${CONTROLLER_ID}`), properties: controllerProperties(m, false) });
  return m.controller;
}
