import { describe, expect, it } from 'vitest';
import { consoleConsumer, runnableShell } from './kafka-tools.ts';

const jars = { lib: '/cache/kafka/lib', log4j: '/tmp/tools-log4j.properties', bootstrap: '127.0.0.1:40001' };

describe('runnableShell', () => {
  it('runs a bin/ script from the jars, with the real bootstrap server', () => {
    expect(runnableShell('kafka-topics.sh --bootstrap-server localhost:9092 --list', jars)).toBe(
      "java -Dlog4j.configuration=file:/tmp/tools-log4j.properties -cp '/cache/kafka/lib/*' org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:40001 --list",
    );
  });
  it('replaces a script after a pipe and leaves other words alone', () => {
    const out = runnableShell("echo 'kafka-topics.sh x' | kafka-console-producer.sh --bootstrap-server localhost:9092 --topic t", { ...jars, log4j: undefined });
    expect(out).toBe("echo 'kafka-topics.sh x' | java -cp '/cache/kafka/lib/*' kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:40001 --topic t");
  });
  it('keeps the script names when Kafka has its own bin/ folder (containers, external)', () => {
    expect(consoleConsumer('a.b.c', { lib: undefined, log4j: undefined, bootstrap: 'k:9092' })).toBe(
      'kafka-console-consumer.sh --bootstrap-server k:9092 --topic a.b.c --from-beginning --property print.key=true',
    );
  });
});
