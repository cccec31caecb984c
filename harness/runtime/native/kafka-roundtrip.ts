import { Kafka, logLevel } from 'kafkajs';

/** Produces `messages` to a fresh topic and reads them back from the beginning (runtime tests). */
export async function produceAndConsume(bootstrapServers: string[], topicBase: string, messages: string[]): Promise<string[]> {
  const topic = `${topicBase}-${Date.now()}`;
  const kafka = new Kafka({ clientId: 'cdc-labs-runtime-test', brokers: bootstrapServers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: messages.map((value) => ({ value })) });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: `${topic}-reader` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const received: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${messages.length} messages came back from ${topic}`)), 30_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        received.push(message.value?.toString() ?? '');
        if (received.length === messages.length) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return received;
}
