// Java .properties files for the JVM servers. Pure functions, unit-tested; the values follow the
// Kafka 3.9 docs (https://kafka.apache.org/39/documentation/#configuration).

export type Properties = Record<string, string | number | boolean>;

export function formatProperties(props: Properties): string {
  return Object.entries(props)
    .map(([key, value]) => `${key}=${String(value).replace(/\\/g, '\\\\')}`)
    .join('\n') + '\n';
}

/** Settings every single-machine broker needs: internal topics with one replica, no rebalance delay. */
const singleHostBroker: Properties = {
  'num.partitions': 1,
  'offsets.topic.replication.factor': 1,
  'offsets.topic.num.partitions': 10,
  'transaction.state.log.replication.factor': 1,
  'transaction.state.log.min.isr': 1,
  'transaction.state.log.num.partitions': 4,
  'group.initial.rebalance.delay.ms': 0,
  'auto.create.topics.enable': true,
  'log.retention.check.interval.ms': 60_000,
};

export interface KraftNode {
  nodeId: number;
  brokerPort: number;
  controllerPort: number;
}

/** One node of a KRaft cluster that is both broker and controller (combined mode). */
export function kraftNodeProperties(node: KraftNode, quorum: KraftNode[], logDir: string): Properties {
  const voters = quorum.map((n) => `${n.nodeId}@127.0.0.1:${n.controllerPort}`).join(',');
  return {
    'process.roles': 'broker,controller',
    'node.id': node.nodeId,
    'controller.quorum.voters': voters,
    listeners: `PLAINTEXT://127.0.0.1:${node.brokerPort},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${node.brokerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    ...singleHostBroker,
    'offsets.topic.replication.factor': Math.min(quorum.length, 3),
    'transaction.state.log.replication.factor': Math.min(quorum.length, 3),
  };
}

/** A broker in ZooKeeper mode: broker.id and zookeeper.connect instead of roles and voters. */
export function zookeeperBrokerProperties(brokerId: number, brokerPort: number, zookeeperConnect: string, logDir: string): Properties {
  return {
    'broker.id': brokerId,
    'zookeeper.connect': zookeeperConnect,
    'zookeeper.connection.timeout.ms': 18_000,
    listeners: `PLAINTEXT://127.0.0.1:${brokerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${brokerPort}`,
    'log.dirs': logDir,
    ...singleHostBroker,
  };
}

export function zookeeperProperties(clientPort: number, dataDir: string, adminPort: number): Properties {
  return {
    dataDir,
    clientPort,
    clientPortAddress: '127.0.0.1',
    maxClientCnxns: 0,
    // the admin server's Jetty would take port 8080; give it a free one
    'admin.enableServer': true,
    'admin.serverAddress': '127.0.0.1',
    'admin.serverPort': adminPort,
    // readiness is polled with the "ruok" four-letter word
    '4lw.commands.whitelist': 'ruok,srvr,mntr',
    tickTime: 2000,
    initLimit: 10,
    syncLimit: 5,
  };
}

/** A Kafka Connect worker in distributed mode, as the Debezium tutorial runs it, on one broker. */
export function connectWorkerProperties(bootstrapServers: string, restPort: number, pluginPath: string, groupId = 'cdc-labs-connect'): Properties {
  return {
    'bootstrap.servers': bootstrapServers,
    'group.id': groupId,
    'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable': true,
    'value.converter.schemas.enable': true,
    'offset.storage.topic': `${groupId}-offsets`,
    'config.storage.topic': `${groupId}-configs`,
    'status.storage.topic': `${groupId}-status`,
    // the three storage topics default to replication factor 3, which one broker cannot host
    'offset.storage.replication.factor': 1,
    'config.storage.replication.factor': 1,
    'status.storage.replication.factor': 1,
    'offset.storage.partitions': 5,
    'status.storage.partitions': 1,
    'offset.flush.interval.ms': 1000,
    listeners: `http://127.0.0.1:${restPort}`,
    'rest.advertised.host.name': '127.0.0.1',
    'rest.advertised.port': restPort,
    'plugin.path': pluginPath,
    'topic.creation.enable': true,
  };
}

/** reload4j configuration: everything to stdout (the harness writes it to the service's log). */
export const log4jProperties = formatProperties({
  'log4j.rootLogger': 'INFO, stdout',
  'log4j.appender.stdout': 'org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout': 'org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern': '[%d] %p %m (%c)%n',
  'log4j.logger.org.apache.kafka.clients': 'WARN',
  'log4j.logger.org.reflections': 'ERROR',
  'log4j.logger.org.apache.zookeeper': 'WARN',
  'log4j.logger.kafka.server.KafkaConfig': 'WARN',
  'log4j.logger.org.apache.kafka.common.config.AbstractConfig': 'WARN',
});
