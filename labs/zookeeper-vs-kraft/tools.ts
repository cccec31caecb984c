// Kafka's own command-line tools, run exactly as the page shows them: `java -cp "$KAFKA_LIB/*" <class> …`
// ($KAFKA_LIB is Kafka 3.9.1's jar folder; kafka-metadata-quorum.sh and zookeeper-shell.sh wrap the same classes).
import fs from 'node:fs';
import path from 'node:path';
import { runKafkaTool, type OwnKafka } from '../../harness/kit/own-kafka.ts';

export const ZOOKEEPER_SHELL = 'org.apache.zookeeper.ZooKeeperMain';
export const METADATA_QUORUM = 'org.apache.kafka.tools.MetadataQuorumCommand';
export const TOPICS = 'org.apache.kafka.tools.TopicCommand';

/** The command line as a reader types it. */
export function commandLine(mainClass: string, args: string[]): string {
  return `java -cp "$KAFKA_LIB/*" ${mainClass} ${args.join(' ')}`;
}

/** Runs a tool; fails with its output when it exits non-zero. Returns stdout's lines. */
export async function tool(c: OwnKafka, mainClass: string, args: string[]): Promise<string[]> {
  const r = await runKafkaTool(c.lib, mainClass, args);
  if (r.code !== 0) throw new Error(`${commandLine(mainClass, args)} exited with ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.trim() !== '');
}

/** zookeeper-shell: the answer of one command (ZooKeeperMain prints connection chatter first). */
export async function zookeeperShell(c: OwnKafka, command: string[]): Promise<string> {
  const lines = await tool(c, ZOOKEEPER_SHELL, ['-server', c.info.zookeeperConnect ?? '', ...command]);
  const answer = lines.at(-1) ?? '';
  // znode data carries the broker's registration time in epoch milliseconds
  return answer.replace(/"timestamp":"\d+"/g, '"timestamp":"<epoch ms>"');
}

/** `kafka-metadata-quorum describe --status` as field → value. */
export async function quorumStatus(c: OwnKafka, bootstrap = c.info.bootstrapServers[0] ?? ''): Promise<Record<string, string>> {
  return parseStatus(await tool(c, METADATA_QUORUM, ['--bootstrap-server', bootstrap, 'describe', '--status']));
}

/** "LeaderId:               1" → { LeaderId: '1' }; values may hold colons (CurrentVoters is JSON). */
export function parseStatus(lines: string[]): Record<string, string> {
  return Object.fromEntries(lines.filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/**
 * The status with the values that change from run to run replaced by what they are, and the voter
 * and observer lists parsed (so the transcript masks each endpoint's port).
 */
export function stableStatus(s: Record<string, string>): Record<string, unknown> {
  const volatile: Record<string, string> = { ClusterId: '<random cluster id>', HighWatermark: '<offset>', LeaderEpoch: '<epoch>', MaxFollowerLag: '<records>', MaxFollowerLagTimeMs: '<ms>' };
  const lists = new Set(['CurrentVoters', 'CurrentObservers']);
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, volatile[k] ?? (lists.has(k) ? (JSON.parse(v) as unknown) : v)]));
}

export function voterIds(s: Record<string, string>): number[] {
  return (JSON.parse(s.CurrentVoters ?? '[]') as Array<{ id: number }>).map((v) => v.id).sort();
}

/** The mode-defining lines of a server's real config file. */
export function configExcerpt(serverDir: string, keys: string[]): string[] {
  const text = fs.readFileSync(path.join(serverDir, 'server.properties'), 'utf8');
  return text.split('\n').filter((l) => keys.includes(l.split('=')[0] ?? ''));
}

export function configKeys(serverDir: string): string[] {
  return fs.readFileSync(path.join(serverDir, 'server.properties'), 'utf8').split('\n').map((l) => l.split('=')[0] ?? '').filter(Boolean);
}
