// What the steps show the reader: the commands the harness runs, with $KAFKA_LIB for Kafka 3.9.1's
// jar folder and placeholders for the ports the run picked.
import { commandLine, METADATA_QUORUM, TOPICS, ZOOKEEPER_SHELL } from './tools.ts';

const java = (rest: string): string => `java -cp "$KAFKA_LIB/*" ${rest}`;

export const START = [
  '# ZooKeeper mode: two servers, ZooKeeper first, then the broker',
  java('org.apache.zookeeper.server.quorum.QuorumPeerMain zookeeper/zookeeper.properties'),
  java('kafka.Kafka kafka-1/server.properties'),
  '',
  '# KRaft mode: one server; its storage is formatted once, with a cluster id',
  '# (16 random bytes in base64url, what `kafka.tools.StorageTool random-uuid` prints)',
  java('kafka.tools.StorageTool format -t <cluster id> -c kafka-1/server.properties'),
  java('kafka.Kafka kafka-1/server.properties'),
].join('\n');

export const MODE_KEYS = ['broker.id', 'zookeeper.connect', 'process.roles', 'node.id', 'controller.quorum.voters', 'controller.listener.names', 'listeners'];

export const GREP_CONFIG = `grep -E '^(${MODE_KEYS.map((k) => k.replaceAll('.', '\\.')).join('|')})=' kafka-1/server.properties`;

export const ZNODES = [
  ['ls', '/brokers/ids'],
  ['get', '/controller'],
  ['ls', '/brokers/topics'],
];

export const SHOW_ZNODES = ZNODES.map((c) => commandLine(ZOOKEEPER_SHELL, ['-server', '127.0.0.1:<zookeeper port>', ...c])).join('\n');

export const SHOW_QUORUM = [
  commandLine(METADATA_QUORUM, ['--bootstrap-server', '127.0.0.1:<broker port>', 'describe', '--status']),
  'ls kafka-1/data/__cluster_metadata-0/',
].join('\n');

export const topicArgs = (bootstrap: string): string[] => ['--bootstrap-server', bootstrap, '--create', '--topic', 'zvk.cli-created', '--partitions', '3', '--replication-factor', '1'];

export const SHOW_TOPIC = commandLine(TOPICS, topicArgs('127.0.0.1:<broker port>'));

export const SHOW_FAILOVER = [
  '# three combined nodes; which one leads the quorum?',
  commandLine(METADATA_QUORUM, ['--bootstrap-server', '127.0.0.1:<port of node 1>', 'describe', '--status']),
  '# crash the leader',
  'kill -9 <pid of the node named by LeaderId>',
  '# ask a node that is still up',
  commandLine(METADATA_QUORUM, ['--bootstrap-server', '127.0.0.1:<port of a surviving node>', 'describe', '--status']),
].join('\n');

export const showBroker = (file: string): string => java(`kafka.Kafka ${file}`);

export const SHOW_MIGRATION_CONTROLLER = [
  '# the ZooKeeper cluster\'s id: the KRaft controller joins the same cluster',
  commandLine(ZOOKEEPER_SHELL, ['-server', '127.0.0.1:<zookeeper port>', 'get', '/cluster/id']),
  '# a controller in migration mode (its server.properties is below), formatted with that id',
  java('kafka.tools.StorageTool format -t <cluster id> -c controller-3000/server.properties'),
  java('kafka.Kafka controller-3000/server.properties'),
].join('\n');

export const SHOW_MIGRATION_BROKER = [
  '# stop the broker, add the migration settings (below) to its server.properties, start it again',
  java('kafka.Kafka kafka-1/server.properties'),
].join('\n');

export const SHOW_KRAFT_BROKER = [
  '# stop the broker, replace its server.properties with the KRaft-mode one below, start it again',
  java('kafka.Kafka kafka-1/server.properties'),
].join('\n');

export const SHOW_FINALIZE = [
  '# stop the controller, drop zookeeper.metadata.migration.enable and zookeeper.connect, start it again',
  java('kafka.Kafka controller-3000/server.properties'),
  '# then stop ZooKeeper, and ask the quorum',
  commandLine(METADATA_QUORUM, ['--bootstrap-server', '127.0.0.1:<broker port>', 'describe', '--status']),
].join('\n');
