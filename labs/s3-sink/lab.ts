// The data lake of the seeds: change events of a Postgres table land in an S3 bucket through the
// engine's S3 sink (the Confluent S3 sink's keys and object layout), a crash and restart leaves no
// record twice, and DuckDB answers a question over the lake's Parquet objects.
import assert from 'node:assert/strict';
import { claim, curl, defineLab, opOf, shell, sql, sinkCommittedOffset, step, waitForSinkCommit, waitUntil, type Row, type StepContext } from '../../harness/kit/index.ts';
import { BUCKET, TOPIC, duckdb, jsonObjects, resetBucket } from './lake.ts';

const RAW = `raw/${TOPIC}/partition=0/${TOPIC}+0+`;
const rawKey = (offset: number) => `${RAW}${String(offset).padStart(10, '0')}.json`;
const lakeKey = (customer: string, offset: number) => `lake/${TOPIC}/customer=${customer}/${TOPIC}+0+${String(offset).padStart(10, '0')}.snappy.parquet`;
// Debezium's ExtractNewRecordState rewrites a delete (adding __deleted) before it adds the add.fields columns.
const FLAT_COLUMNS = ['id', 'customer', 'product', 'quantity', '__deleted', '__op', '__lsn', '__source_ts_ms'];

/** The payloads of the topic's events that are not tombstones, in offset order. */
function payloads(ctx: StepContext): unknown[] {
  return ctx.topicEvents(TOPIC).filter((e) => e.value !== null).map((e) => e.value);
}

/** What the raw objects held at the end of the changes step, to compare after the restart. */
let beforeCrash: Array<{ key: string; records: unknown[] }> = [];


export default defineLab({
  id: 's3-sink',
  title: 'S3 sink: change events in a data lake',
  summary:
    'Land the change events of a Postgres table in an S3 bucket with the Confluent S3 sink\'s object layout: records per object, rotation on the clock, flat rows through the unwrap transform, no duplicates after a crash, and SQL over the lake with DuckDB.',
  minutes: 15,
  needs: { kafka: ['kraft'], engines: ['native'], services: ['s3'] },
  steps: [
    step({
      title: 'Create the orders table',
      prose:
        'Six orders from three customers. `REPLICA IDENTITY FULL` makes delete events carry the whole old row, so a cancelled order still says whose it was when it reaches the lake.',
      show: sql('01-orders.sql'),
      claims: [
        claim('the table starts with six orders', async (ctx) => {
          const rows = await ctx.query('SELECT count(*)::int AS orders FROM store.orders');
          assert.deepEqual(rows, [{ orders: 6 }]);
        }),
      ],
    }),
    step({
      title: 'Capture the orders',
      prose: 'The Postgres connector snapshots the six rows into the topic `lake.store.orders`.',
      show: curl('POST', '/connectors/', 'register.json'),
      expect: { topic: TOPIC, events: 6 },
      claims: [
        claim('the snapshot sends one event per order', (ctx) => {
          assert.deepEqual(ctx.events.map(opOf), ['r', 'r', 'r', 'r', 'r', 'r']);
        }),
      ],
    }),
    step({
      title: 'Start the S3 sink',
      prose:
        'The sink uses the keys of Confluent\'s S3 sink connector; the engine ships an open implementation of it, since Confluent\'s needs a licence. `flush.size` is the number of records per object; objects are named `<topics.dir>/<encoded partition>/<topic>+<kafkaPartition>+<startOffset>.<ext>`, the start offset padded to `filename.offset.zero.pad.width` (10) digits. With `JsonFormat` an object holds one record per line, the event without its schema. `behavior.on.null.values` is `fail` by default and would stop the task at the first tombstone; `ignore` skips them. The runner points `store.url` and the keys at the stack\'s S3 store and empties the bucket first.',
      show: curl('POST', '/connectors/', 's3-sink.json'),
      run: async (ctx) => {
        await resetBucket(ctx);
        await ctx.runShown();
        await waitForSinkCommit(ctx, 's3-sink', TOPIC, 6);
        const objects = await jsonObjects(ctx, 'raw/');
        ctx.record('objects', objects.map((o) => ({ key: o.key, records: o.records.length })));
      },
      claims: [
        claim('the six snapshot events land in two objects named after their first offset: +0000000000.json and +0000000003.json', async (ctx) => {
          assert.deepEqual(await ctx.s3!.list(BUCKET, 'raw/'), [rawKey(0), rawKey(3)]);
        }),
        claim('each object holds flush.size = 3 records, one per line', async (ctx) => {
          assert.deepEqual((await jsonObjects(ctx, 'raw/')).map((o) => o.records.length), [3, 3]);
        }),
        claim('the lines are the payloads of the topic\'s events, in offset order', async (ctx) => {
          assert.deepEqual((await jsonObjects(ctx, 'raw/')).flatMap((o) => o.records), payloads(ctx));
        }),
        claim('the sink commits offset 6 to its consumer group connect-s3-sink once both objects are written', async (ctx) => {
          assert.equal(await sinkCommittedOffset(ctx, 's3-sink', TOPIC), 6);
        }),
      ],
    }),
    step({
      title: 'Change some orders',
      prose:
        'Two inserts, an update and a delete: five records on the topic (the delete is followed by a tombstone). The first three fill an object; the delete waits in an open file until two more records come, so the sink commits only up to it.',
      show: sql('03-changes.sql'),
      expect: { topic: TOPIC, events: 5 },
      run: async (ctx) => {
        await ctx.runShown();
        await waitForSinkCommit(ctx, 's3-sink', TOPIC, 9);
        beforeCrash = await jsonObjects(ctx, 'raw/');
        ctx.record('objects', beforeCrash.map((o) => ({ key: o.key, records: o.records.length })));
      },
      claims: [
        claim('the two inserts and the update land in a third object, +0000000006.json', async (ctx) => {
          const objects = await jsonObjects(ctx, 'raw/');
          assert.deepEqual(objects.map((o) => o.key), [rawKey(0), rawKey(3), rawKey(6)]);
          assert.deepEqual(objects[2].records.map((r) => (r as { op: string }).op), ['c', 'c', 'u']);
        }),
        claim('the committed offset stops at 9, the delete still in an open file: a restart reads it again', async (ctx) => {
          assert.equal(await sinkCommittedOffset(ctx, 's3-sink', TOPIC), 9);
          assert.equal(opOf(ctx.topicEvents(TOPIC)[9]), 'd');
        }),
      ],
    }),
    step({
      title: 'Crash the sink between a write and its commit',
      prose:
        'The task dies: its open file is lost and, as if the crash came right after writing `+0000000003.json` and `+0000000006.json` but before their offsets were committed, the group\'s offset goes back to 3. This is the command an operator would use for the same rewind, with the connector stopped.',
      show: shell(`kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group connect-s3-sink --topic ${TOPIC}:0 --reset-offsets --to-offset 3 --execute`),
      run: async (ctx) => {
        await ctx.connector('s3-sink').stop(); // no flush: the open file is lost, as in a crash
        await ctx.kafka.setOffsets({ groupId: 'connect-s3-sink', topic: TOPIC, partitions: [{ partition: 0, offset: '3' }] });
      },
      claims: [
        claim('the consumer group now starts at offset 3, which is inside objects already written', async (ctx) => {
          assert.equal(await sinkCommittedOffset(ctx, 's3-sink', TOPIC), 3);
          assert.equal((await ctx.s3!.list(BUCKET, 'raw/')).length, 3);
        }),
      ],
    }),
    step({
      title: 'Restart the sink',
      prose:
        'The task starts again from offset 3. Names depend only on the first offset of each object and objects are cut at the same records, so it writes the same two keys again with the same bytes instead of adding objects: exactly once in the bucket, although Kafka delivered those records twice.',
      show: curl('POST', '/connectors/s3-sink/restart'),
      run: async (ctx) => {
        await ctx.runShown();
        await waitForSinkCommit(ctx, 's3-sink', TOPIC, 9);
        ctx.record('objects', (await jsonObjects(ctx, 'raw/')).map((o) => ({ key: o.key, records: o.records.length })));
      },
      claims: [
        claim('the restarted task reads from offset 3 again and commits 9 only after writing what it read', async (ctx) => {
          assert.equal(await sinkCommittedOffset(ctx, 's3-sink', TOPIC), 9);
        }),
        claim('the bucket holds the same three keys with the same content as before the crash: nothing twice', async (ctx) => {
          assert.deepEqual(await jsonObjects(ctx, 'raw/'), beforeCrash);
        }),
      ],
    }),
    step({
      title: 'More orders after the restart',
      prose: 'Two more orders fill the open file that began with the delete at offset 9 (the tombstone at 10 is skipped).',
      show: sql('07-more-orders.sql'),
      expect: { topic: TOPIC, events: 2 },
      run: async (ctx) => {
        await ctx.runShown();
        await waitForSinkCommit(ctx, 's3-sink', TOPIC, 13);
      },
      claims: [
        claim('a fourth object +0000000009.json holds the delete and the two inserts', async (ctx) => {
          const objects = await jsonObjects(ctx, 'raw/');
          assert.deepEqual(objects.map((o) => o.key), [rawKey(0), rawKey(3), rawKey(6), rawKey(9)]);
          assert.deepEqual(objects[3].records.map((r) => (r as { op: string }).op), ['d', 'c', 'c']);
        }),
        claim('every event of the topic is in the bucket exactly once, in offset order, tombstones aside', async (ctx) => {
          const lines = (await jsonObjects(ctx, 'raw/')).flatMap((o) => o.records);
          assert.equal(lines.length, 12);
          assert.deepEqual(lines, payloads(ctx));
        }),
      ],
    }),
    step({
      title: 'Write a Parquet lake of flat rows',
      prose:
        'A second sink reads the same topic for analytics. The unwrap transform (`ExtractNewRecordState`) turns each event into the row itself plus `__op`, `__lsn` and `__source_ts_ms`; `delete.tombstone.handling.mode=rewrite` keeps deletes as the old row with `__deleted = "true"` and drops tombstones. `FieldPartitioner` puts each customer under its own `customer=<name>/` prefix. `flush.size` is never reached here: `rotate.schedule.interval.ms` writes the open files on the clock, every 2 seconds from midnight in `timezone`. (Wall-clock rotation gives up the exact-once naming of the previous steps, as in Confluent\'s connector.)',
      show: curl('POST', '/connectors/', 's3-lake.json'),
      run: async (ctx) => {
        await ctx.runShown();
        const count = "SELECT filename AS key, count(*)::int AS rows FROM read_parquet('lake/*/*/*.parquet', filename = true, hive_partitioning = false) GROUP BY 1 ORDER BY 1";
        let perObject: Row[] = [];
        await waitUntil(async () => {
          if ((await ctx.s3!.list(BUCKET, 'lake/')).length < 4) return false;
          perObject = await duckdb(ctx, count, 'lake/');
          return perObject.reduce((n, r) => n + Number(r.rows), 0) >= 12;
        }, 30_000, 'the lake sink to write 12 rows', 250);
        ctx.record('objects', perObject.map((r) => ({ ...r, key: String(r.key).slice(String(r.key).indexOf('/lake/') + 1) })));
      },
      claims: [
        claim('one Parquet object per customer, named after its first record\'s offset', async (ctx) => {
          assert.deepEqual(await ctx.s3!.list(BUCKET, 'lake/'), [lakeKey('alice', 0), lakeKey('bob', 1), lakeKey('carol', 3), lakeKey('dave', 7)]);
        }),
        claim('all 12 rows are written although flush.size = 1000 is never reached: the schedule rotated the files', (ctx) => {
          const objects = ctx.output.objects as Array<{ rows: number }>;
          assert.deepEqual(objects.map((o) => o.rows), [3, 5, 2, 2]);
        }),
        claim('the rows are flat: the table\'s columns, then __deleted, __op, __lsn and __source_ts_ms', async (ctx) => {
          const rows = await duckdb(ctx, "DESCRIBE SELECT * FROM read_parquet('lake/*/*/*.parquet', hive_partitioning = false)", 'lake/');
          assert.deepEqual(rows.map((r) => r.column_name), FLAT_COLUMNS);
        }),
        claim('the cancelled order is a row with __op = "d", __deleted = "true" and the old values', async (ctx) => {
          const rows = await duckdb(ctx,
            "SELECT id, customer, product, __op, __deleted FROM read_parquet('lake/*/*/*.parquet', hive_partitioning = false) WHERE __op = 'd'", 'lake/');
          assert.deepEqual(rows, [{ id: 5, customer: 'bob', product: 'pump', __op: 'd', __deleted: 'true' }]);
        }),
      ],
    }),
    step({
      title: 'Ask the lake: orders per customer',
      prose:
        'DuckDB reads the Parquet objects directly. The lake holds every version of every order, so the query keeps each order\'s latest row and leaves out the deleted ones. The runner copies the bucket\'s `lake/` objects to a local folder and runs the SQL there as shown.',
      show: sql('09-orders-per-customer.sql'),
      run: async (ctx) => {
        const rows = await duckdb(ctx, ctx.shown!, 'lake/');
        ctx.record('duckdb', rows);
      },
      claims: [
        claim('DuckDB over the lake gives the same orders per customer as the table in Postgres', async (ctx) => {
          const pg = await ctx.query('SELECT customer, count(*)::int AS orders FROM store.orders GROUP BY customer ORDER BY customer');
          assert.deepEqual(ctx.output.duckdb, pg);
          assert.deepEqual(pg, [{ customer: 'alice', orders: 3 }, { customer: 'bob', orders: 2 }, { customer: 'carol', orders: 2 }, { customer: 'dave', orders: 2 }]);
        }),
      ],
    }),
  ],
});
