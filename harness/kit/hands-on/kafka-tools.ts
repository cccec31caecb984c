// Kafka's command-line tools without Kafka's bin/ folder: the native runtime has only the jars
// (kafka-tools is on its classpath), so `kafka-topics.sh …` becomes `java -cp '<jars>/*' <class> …`.

/** The class each script of Kafka 3.9's bin/ folder runs. */
export const KAFKA_TOOL_CLASSES: Record<string, string> = {
  'kafka-console-consumer.sh': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'kafka-console-producer.sh': 'kafka.tools.ConsoleProducer',
  'kafka-topics.sh': 'org.apache.kafka.tools.TopicCommand',
  'kafka-consumer-groups.sh': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka-configs.sh': 'kafka.admin.ConfigCommand',
  'kafka-get-offsets.sh': 'org.apache.kafka.tools.GetOffsetShell',
  'kafka-metadata-quorum.sh': 'org.apache.kafka.tools.MetadataQuorumCommand',
};

export interface KafkaTools {
  /** The Kafka jar folder, when the tools run from jars (native runtime). */
  lib: string | undefined;
  /** A log4j config that keeps the tools quiet (only with lib). */
  log4j: string | undefined;
  bootstrap: string;
}

/** A shell command as a page shows it, made runnable here: real bootstrap servers, tools from the jars. */
export function runnableShell(command: string, tools: KafkaTools): string {
  let out = command.replace(/localhost:9092/g, tools.bootstrap);
  if (tools.lib === undefined) return out;
  for (const [script, cls] of Object.entries(KAFKA_TOOL_CLASSES)) {
    const log = tools.log4j === undefined ? '' : ` -Dlog4j.configuration=file:${tools.log4j}`;
    out = out.replace(new RegExp(`(^|[\\s|;&(])${script.replace('.', '\\.')}(?=\\s)`, 'g'), `$1java${log} -cp '${tools.lib}/*' ${cls}`);
  }
  return out;
}

/** Follows a topic from its start, printing key and value of each record. */
export function consoleConsumer(topic: string, tools: KafkaTools): string {
  return runnableShell(`kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic ${topic} --from-beginning --property print.key=true`, tools);
}
