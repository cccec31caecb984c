// The schema half of the JsonConverter's {schema, payload}: the kit's event log keeps payloads
// only, and a decimal's scale lives in the schema. Reads a topic from the beginning and returns the
// `after` field schemas of its last change event, as a consumer would look them up.
import { Kafka, logLevel } from 'kafkajs';
import { waitUntil, type StepContext } from '../../harness/kit/index.ts';

export interface FieldSchema {
  type: string;
  optional?: boolean;
  name?: string;
  version?: number;
  parameters?: Record<string, string>;
  fields?: FieldSchema[];
  field?: string;
}

/** Every record value of `topic`, parsed ({schema, payload}), in offset order (one partition). */
export async function rawValues(ctx: StepContext, topic: string): Promise<Array<{ schema: FieldSchema; payload: unknown } | null>> {
  const total = (await ctx.kafka.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  const consumer = new Kafka({ brokers: ctx.stack.kafka.bootstrapServers, logLevel: logLevel.NOTHING }).consumer({ groupId: `schema-reader-${Date.now()}-${Math.random()}` });
  const out: Array<{ schema: FieldSchema; payload: unknown } | null> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        out.push(message.value === null ? null : (JSON.parse(message.value.toString('utf8')) as { schema: FieldSchema; payload: unknown }));
      },
    });
    await waitUntil(() => out.length >= total, 30_000, `${total} records on ${topic}`);
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** The schemas of the `after` struct's fields in the topic's last change event, by column name. */
export async function afterFieldSchemas(ctx: StepContext, topic: string): Promise<Record<string, FieldSchema>> {
  const values = (await rawValues(ctx, topic)).filter((v) => v !== null);
  const last = values.at(-1);
  const after = last?.schema.fields?.find((f) => f.field === 'after');
  if (after === undefined) throw new Error(`no change event with a schema on ${topic}`);
  return Object.fromEntries((after.fields ?? []).map(({ field, ...schema }) => [field, schema]));
}
