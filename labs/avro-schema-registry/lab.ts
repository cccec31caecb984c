// The bike store captured as Avro through a schema registry: Confluent's wire format (magic byte, schema id,
// Avro body), one key and one value subject per table, the size against JSON with schemas, a consumer outside
// the engine that decodes with the registry, and a nullable column that becomes version 2 of the value subject
// while a consumer on version 1 keeps reading.
import assert from 'node:assert/strict';
import { claim, curl, defineLab, shell, sql, step, waitUntil, type Claim, type StepContext, type StepSpec } from '../../harness/kit/index.ts';
import { AvroDecoder, RegistryClient, serialize } from '../../harness/engine/index.ts';
import { consume, frame, readRaw, Registry, type Decoded, type RawRecord } from './avro-consumer.ts';
import { readProperties } from './properties-to-json.ts';

const TABLES = ['customers', 'products', 'orders', 'order_items'] as const;
const topic = (table: string): string => `bikes.store.${table}`;
const CUSTOMERS = topic('customers');
const SNAPSHOT_ROWS: Record<string, number> = { customers: 3, products: 2, orders: 2, order_items: 3 };

/** The registry's Confluent-compatible API, v6 (the stack's URL names v7; Apicurio serves both). */
const ccompat = (ctx: StepContext): string => {
  if (ctx.stack.registry === undefined) throw new Error('the lab needs the registry service');
  return ctx.stack.registry.url.replace(/\/v\d+$/, '/v6');
};
const registry = (ctx: StepContext): Registry => new Registry(ccompat(ctx));

/** Raw records read in the run, by lab run and topic (a run per engine). */
const raw = new Map<string, RawRecord[]>();
const runKey = (ctx: StepContext, t: string): string => `${ctx.lab.id}/${ctx.engineName}/${t}`;
const rawOf = (ctx: StepContext, t: string): RawRecord[] => {
  const records = raw.get(runKey(ctx, t));
  if (records === undefined) throw new Error(`no records of ${t} were read in this run`);
  return records;
};

/** Sizes measured in the run, by lab run. */
/** Failed tasks' traces, by lab run (the transcript keeps only what both engines say). */
const traces = new Map<string, string>();
const sizes = new Map<string, { avro: number; body: number; withSchemas: number; withoutSchemas: number }>();

/** Rows as the consumer's `after` should show them: the table's rows, with ids as numbers. */
async function tableAfter(ctx: StepContext, table: string): Promise<Record<string, unknown>[]> {
  const cast = table === 'products' ? 'id, name, price::text AS price' : '*';
  const order = table === 'order_items' ? 'order_id, line' : 'id';
  return (await ctx.pg.query(`SELECT ${cast} FROM store.${table} ORDER BY ${order}`)).rows as Record<string, unknown>[];
}

/** The command a reader types: the properties file as JSON, piped to Connect's validate endpoint. */
const validateCommand = (file: string): string =>
  `node labs/avro-schema-registry/properties-to-json.ts labs/avro-schema-registry/${file} | curl -s -X PUT -H 'Content-Type: application/json' --data @- localhost:8083/connector-plugins/PostgresConnector/config/validate`;

/** Kafka Connect's ConfigInfos, the parts the lab reads. */
interface ConfigInfos {
  error_count: number;
  configs: Array<{ definition: { name: string; default_value?: string | null }; value: { name: string; errors: string[] } }>;
}
const validations = new Map<string, ConfigInfos>();
/** Debezium's text for its required key with no value, in Connect's validate form. */
const TOPIC_PREFIX_MISSING = "The 'topic.prefix' value is invalid: A value is required";

/** A step that sends a .properties file to the validate endpoint and keeps the answer under `as`. */
function validateStep(opts: {
  title: string;
  file: string;
  as: string;
  prose: string;
  record: (ctx: StepContext, infos: ConfigInfos) => void;
  claims: Claim[];
}): StepSpec {
  return step({
    title: opts.title,
    prose: opts.prose,
    show: shell(validateCommand(opts.file), opts.file),
    handsOn: 'runner',
    run: async (ctx) => {
      const properties = readProperties(ctx.lab.files[opts.file] ?? '');
      const infos = (await ctx.rest('PUT', '/connector-plugins/PostgresConnector/config/validate', properties)) as ConfigInfos;
      validations.set(runKey(ctx, opts.as), infos);
      opts.record(ctx, infos);
    },
    claims: opts.claims,
  });
}

/** The keys that have errors, with them. */
const errorsOf = (infos: ConfigInfos): Record<string, string[]> =>
  Object.fromEntries(infos.configs.filter((c) => c.value.errors.length > 0).map((c) => [c.value.name, c.value.errors]));

const afters = (decoded: Decoded[]): unknown[] => decoded.map((d) => (d.value as { after: unknown }).after);

export default defineLab({
  id: 'avro-schema-registry',
  title: 'Avro and a schema registry',
  summary:
    'The bike store captured as Avro: each message is a magic byte, a 4-byte schema id and an Avro body, the schemas live in a registry under one key and one value subject per table, and a consumer decodes with the schema it fetches by id. A new nullable column becomes version 2 of the value subject, and a consumer that still holds version 1 keeps reading.',
  minutes: 20,
  needs: { kafka: ['kraft'], engines: ['native', 'debezium'], services: ['registry'] },
  steps: [
    step({
      title: 'Create the bike store',
      prose: 'Four tables, a few rows in each: the snapshot will send every one of them.',
      show: sql('01-store.sql'),
      claims: [
        claim('3 customers, 2 products, 2 orders and 3 order items', (ctx) => {
          assert.deepEqual(ctx.resultRows, [{ customers: 3, products: 2, orders: 2, order_items: 3 }]);
        }),
      ],
    }),
    validateStep({
      title: 'The 2019 configuration, validated today',
      file: 'bike-store-2019.properties',
      as: '2019',
      prose:
        'The article configured its connector with these properties. Debezium 2.0 removed two of its keys: `database.server.name`, whose job `topic.prefix` took over, and `table.whitelist`, renamed `table.include.list` in 1.3. Before Kafka Connect creates a connector it validates the configuration: `PUT /connector-plugins/<class>/config/validate` answers with every key the connector defines and the errors of each; a key it does not define is no error to Connect. The runner sends the file as that JSON to the lab\'s engine.',
      record: (ctx, infos) => ctx.record('errors of topic.prefix', errorsOf(infos)['topic.prefix']),
      claims: [
        claim('on both engines, topic.prefix has an error: "A value is required"', (ctx) => {
          assert.deepEqual(ctx.output['errors of topic.prefix'], [TOPIC_PREFIX_MISSING]);
        }),
        claim('Debezium reports nothing else: database.server.name and table.whitelist are not among the keys it defines, so it never reads them — the native engine refuses both, naming topic.prefix and table.include.list', (ctx) => {
          const infos = validations.get(runKey(ctx, '2019'))!;
          const errors = errorsOf(infos);
          if (ctx.engineName === 'debezium') {
            assert.deepEqual(Object.keys(errors), ['topic.prefix'], JSON.stringify(errors));
            assert.equal(infos.error_count, 1);
            const defined = infos.configs.map((c) => c.definition.name);
            for (const removed of ['database.server.name', 'table.whitelist']) assert.equal(defined.includes(removed), false, removed);
            assert.ok(defined.includes('table.include.list'));
          } else {
            assert.equal(infos.error_count, 3);
            assert.deepEqual(errors['database.server.name'], ['The \'database.server.name\' value is invalid: was removed in Debezium 2.0 (Debezium 3.2.7 ignores it); rename it "topic.prefix"']);
            assert.deepEqual(errors['table.whitelist'], ['The \'table.whitelist\' value is invalid: was removed in Debezium 2.0 (Debezium 3.2.7 ignores it); rename it "table.include.list"']);
          }
        }),
      ],
    }),
    validateStep({
      title: 'The renamed keys',
      file: 'bike-store.properties',
      as: 'renamed',
      prose:
        '`topic.prefix` for `database.server.name`, `table.include.list` for `table.whitelist`, and `plugin.name=pgoutput`: Debezium\'s default logical decoding plugin is still decoderbufs, an extension the article\'s `debezium/postgres` image had and stock PostgreSQL does not ship; pgoutput is built in. The connector the next step registers has these keys, with the Avro converters added.',
      record: (ctx, infos) => {
        ctx.record('error_count', infos.error_count);
        ctx.record('keys with errors', Object.keys(errorsOf(infos)));
      },
      claims: [
        claim('no key has an error on either engine: error_count 0', (ctx) => {
          assert.equal(ctx.output.error_count, 0);
          assert.deepEqual(ctx.output['keys with errors'], []);
        }),
        claim('Debezium\'s default plugin.name is decoderbufs, which is why the file names pgoutput — the native engine speaks only pgoutput and takes a missing plugin.name as pgoutput (no error for it in the 2019 file)', (ctx) => {
          if (ctx.engineName === 'debezium') {
            const plugin = validations.get(runKey(ctx, 'renamed'))!.configs.find((c) => c.definition.name === 'plugin.name');
            assert.equal(plugin?.definition.default_value, 'decoderbufs', JSON.stringify(plugin));
          } else {
            assert.equal(errorsOf(validations.get(runKey(ctx, '2019'))!)['plugin.name'], undefined);
          }
        }),
      ],
    }),
    step({
      title: 'Register the connector with the Avro converters',
      prose:
        'The same PostgreSQL connector as in the other labs, with Apicurio\'s `AvroConverter` for keys and values instead of the `JsonConverter`. `as-confluent`, `use-id=contentId` and `headers.enabled=false` make it write Confluent\'s wire format, which any Confluent-compatible consumer reads; `auto-register` lets it register each new schema. The runner points `apicurio.registry.url` at the stack\'s registry and reads the four topics as raw bytes.',
      show: curl('POST', '/connectors', 'register-avro.json'),
      run: async (ctx) => {
        await ctx.runShown();
        const counts: Record<string, number> = {};
        const firstBytes: Record<string, string[]> = {};
        for (const table of TABLES) {
          const records = await readRaw(ctx.stack.kafka.bootstrapServers, topic(table), SNAPSHOT_ROWS[table]);
          raw.set(runKey(ctx, topic(table)), records);
          counts[topic(table)] = records.length;
          firstBytes[topic(table)] = [...new Set(records.flatMap((r) => [r.key, r.value]).map((b) => `0x${b?.subarray(0, 1).toString('hex') ?? 'null'}`))];
        }
        ctx.record('records per topic', counts);
        ctx.record('first byte of every key and value', firstBytes);
      },
      claims: [
        claim('the snapshot writes one record per row to each table\'s topic', (ctx) => {
          assert.deepEqual(ctx.output['records per topic'], Object.fromEntries(TABLES.map((t) => [topic(t), SNAPSHOT_ROWS[t]])));
        }),
        claim('every key and every value starts with the byte 0x00, not with the "{" of JSON', (ctx) => {
          for (const bytes of Object.values(ctx.output['first byte of every key and value'] as Record<string, string[]>)) assert.deepEqual(bytes, ['0x00']);
        }),
      ],
    }),
    step({
      title: 'List the subjects in the registry',
      prose:
        'The converter registered a schema for the key and one for the value of each topic, under the subjects `<topic>-key` and `<topic>-value` (the topic-name strategy). Apicurio Registry answers on its Confluent-compatible API, so the calls are the ones you would make to a Confluent Schema Registry.',
      show: shell('curl -s http://localhost:8080/apis/ccompat/v6/subjects'),
      handsOn: 'runner',
      run: async (ctx) => {
        const r = registry(ctx);
        const subjects = await r.get<string[]>('/subjects');
        // the registry lists them in the order they were first registered, which follows the snapshot's
        // table order and differs between engines: the page shows them sorted
        ctx.record('subjects', [...subjects].sort());
        const versions: Record<string, number[]> = {};
        for (const s of [...subjects].sort()) versions[s] = await r.get<number[]>(`/subjects/${encodeURIComponent(s)}/versions`);
        ctx.record('versions', versions);
      },
      claims: [
        claim('eight subjects: a -key and a -value subject for each of the four tables, nothing else', (ctx) => {
          assert.deepEqual(ctx.output.subjects, TABLES.flatMap((t) => [`${topic(t)}-key`, `${topic(t)}-value`]).sort());
        }),
        claim('each subject has one version, 1', (ctx) => {
          for (const v of Object.values(ctx.output.versions as Record<string, number[]>)) assert.deepEqual(v, [1]);
        }),
      ],
    }),
    step({
      title: 'Look inside one message',
      prose:
        'The first value on `bikes.store.customers`, byte by byte: a magic byte, four bytes of schema id, then the Avro binary, which holds only the values in the schema\'s field order, no field names. The id is what a consumer looks up in the registry. The runner also renders the same record as the `JsonConverter` would write it with `schemas.enable=true` (the Connect schema and data the Avro decodes to, through the engine\'s converter) and measures both.',
      show: shell('curl -s http://localhost:8080/apis/ccompat/v6/schemas/ids/<id>'),
      handsOn: 'runner',
      run: async (ctx) => {
        const record = rawOf(ctx, CUSTOMERS)[0];
        const value = record.value!;
        const { magic, id, body } = frame(value);
        const r = registry(ctx);
        const v1 = await r.version(`${CUSTOMERS}-value`, 1);
        const schema = JSON.parse((await r.get<{ schema: string }>(`/schemas/ids/${id}`)).schema) as { name: string; namespace?: string; fields: Array<{ name: string }> };
        ctx.record('frame', { 'magic byte': magic, 'schema id bytes': 4, 'the id is that of': id === v1.id ? `${CUSTOMERS}-value version 1` : `another schema (${id})` });
        ctx.record('schema by id', { name: schema.namespace === undefined ? schema.name : `${schema.namespace}.${schema.name}`, fields: schema.fields.map((f) => f.name) });
        const connect = await new AvroDecoder(new RegistryClient(ccompat(ctx), { urlKey: 'the lab\'s registry URL' })).toConnectData(value);
        const withSchemas = serialize(connect.schema, connect.value, true)!;
        const withoutSchemas = serialize(connect.schema, connect.value, false)!;
        ctx.record('measured', {
          'Avro message (bytes)': value.length,
          'of which Avro body': body.length,
          'JSON with schemas (bytes)': withSchemas.length,
          'JSON without schemas (bytes)': withoutSchemas.length,
          'JSON with schemas / Avro': Number((withSchemas.length / value.length).toFixed(1)),
        });
        sizes.set(runKey(ctx, 'sizes'), { avro: value.length, body: body.length, withSchemas: withSchemas.length, withoutSchemas: withoutSchemas.length });
      },
      claims: [
        claim('the message is the magic byte 0, a 4-byte id, and the Avro body: 5 bytes of header', (ctx) => {
          const s = sizes.get(runKey(ctx, 'sizes'))!;
          assert.equal((ctx.output.frame as Record<string, unknown>)['magic byte'], 0);
          assert.equal(s.avro - s.body, 5);
        }),
        claim('the id in the message is the id the registry gives bikes.store.customers-value version 1, and GET /schemas/ids/{id} returns the envelope schema', (ctx) => {
          assert.equal((ctx.output.frame as Record<string, unknown>)['the id is that of'], `${CUSTOMERS}-value version 1`);
          assert.deepEqual(ctx.output['schema by id'], { name: 'bikes.store.customers.Envelope', fields: ['before', 'after', 'source', 'transaction', 'op', 'ts_ms', 'ts_us', 'ts_ns'] });
        }),
        claim('the Avro message is smaller than the same record as JSON even without schemas, and JSON with schemas is more than 10 times its size', (ctx) => {
          const s = sizes.get(runKey(ctx, 'sizes'))!;
          assert.ok(s.avro < s.withoutSchemas, `${s.avro} < ${s.withoutSchemas}`);
          assert.ok(s.withSchemas > 10 * s.avro, `${s.withSchemas} > 10 × ${s.avro}`);
        }),
      ],
    }),
    step({
      title: 'Decode outside the engine',
      prose:
        'A consumer needs nothing from the engine: it reads the bytes, takes the id from bytes 1 to 4, fetches the writer schema with `GET /schemas/ids/{id}` (once per id) and decodes the rest with avsc. `avro-consumer.ts` in the lab folder is such a consumer, about a hundred lines; it prints each record\'s ids, key and value.',
      show: shell('node labs/avro-schema-registry/avro-consumer.ts --bootstrap-server localhost:9092 --registry http://localhost:8080/apis/ccompat/v6 --topic bikes.store.products'),
      handsOn: 'runner',
      run: async (ctx) => {
        const decoded: Record<string, Decoded[]> = {};
        for (const table of TABLES) {
          decoded[table] = await consume({ brokers: ctx.stack.kafka.bootstrapServers, registry: ccompat(ctx), topic: topic(table), count: SNAPSHOT_ROWS[table] });
        }
        ctx.record('after, decoded', Object.fromEntries(TABLES.map((t) => [t, afters(decoded[t])])));
        ctx.record('order_items keys, decoded', decoded.order_items.map((d) => d.key));
      },
      claims: [
        claim('every decoded after is the table\'s row, the numeric(10,2) price as exact text from the schema\'s scale', async (ctx) => {
          const decoded = ctx.output['after, decoded'] as Record<string, unknown[]>;
          for (const table of TABLES) assert.deepEqual(decoded[table], await tableAfter(ctx, table), table);
          assert.deepEqual((decoded.products as Array<{ price: string }>).map((p) => p.price), ['1549.00', '79.90']);
        }),
        claim('the keys decode to the primary key, both columns for order_items', (ctx) => {
          assert.deepEqual(ctx.output['order_items keys, decoded'], [{ order_id: 1, line: 1 }, { order_id: 1, line: 2 }, { order_id: 2, line: 1 }]);
        }),
      ],
    }),
    step({
      title: 'Add a nullable column',
      prose:
        'A `phone` column that may be null, then a customer who has one. The next event on `bikes.store.customers` has a value schema with one more field, a union of null and string with the default null. The converter registers it: version 2 of `bikes.store.customers-value`. The key schema did not change, and its subject stays at version 1.',
      show: sql('06-add-phone.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        const records = await readRaw(ctx.stack.kafka.bootstrapServers, CUSTOMERS, 4);
        raw.set(runKey(ctx, CUSTOMERS), records);
        const r = registry(ctx);
        const [v1, v2] = [await r.version(`${CUSTOMERS}-value`, 1), await r.version(`${CUSTOMERS}-value`, 2)];
        const newId = frame(records[3].value!).id;
        // the row's record is defined where it first appears, in before (after names it)
        const before = (JSON.parse(v2.schema) as { fields: Array<{ name: string; type: unknown }> }).fields.find((f) => f.name === 'before')!.type as unknown[];
        const valueSchema = before.find((t) => typeof t === 'object') as { fields: Array<{ name: string; type: unknown; default?: unknown }> };
        ctx.record('versions', {
          [`${CUSTOMERS}-value`]: await r.get<number[]>(`/subjects/${CUSTOMERS}-value/versions`),
          [`${CUSTOMERS}-key`]: await r.get<number[]>(`/subjects/${CUSTOMERS}-key/versions`),
        });
        ctx.record('the new message\'s schema id is', newId === v2.id ? 'version 2\'s' : newId === v1.id ? 'version 1\'s' : `another (${newId})`);
        ctx.record('version 2\'s phone field', valueSchema.fields.find((f) => f.name === 'phone'));
      },
      claims: [
        claim('the value subject now has versions 1 and 2; the key subject still only 1', (ctx) => {
          assert.deepEqual(ctx.output.versions, { [`${CUSTOMERS}-value`]: [1, 2], [`${CUSTOMERS}-key`]: [1] });
        }),
        claim('the new message carries version 2\'s id', (ctx) => {
          assert.equal(ctx.output['the new message\'s schema id is'], 'version 2\'s');
        }),
        claim('version 2 adds phone as an optional string: a union of null and string, default null', (ctx) => {
          assert.deepEqual(ctx.output['version 2\'s phone field'], { name: 'phone', type: ['null', 'string'], default: null });
        }),
      ],
    }),
    step({
      title: 'A consumer that still holds version 1',
      prose:
        'A consumer written against version 1 asks for that version and resolves every message\'s writer schema to it (Avro\'s schema resolution: a field the reader does not know is skipped). It keeps reading: the new customer arrives without the phone, and the older records are unchanged.',
      show: shell('node labs/avro-schema-registry/avro-consumer.ts --bootstrap-server localhost:9092 --registry http://localhost:8080/apis/ccompat/v6 --topic bikes.store.customers --reader-version 1'),
      handsOn: 'runner',
      run: async (ctx) => {
        const asV1 = await consume({ brokers: ctx.stack.kafka.bootstrapServers, registry: ccompat(ctx), topic: CUSTOMERS, count: 4, readerVersion: 1 });
        const asWritten = await consume({ brokers: ctx.stack.kafka.bootstrapServers, registry: ccompat(ctx), topic: CUSTOMERS, count: 4 });
        ctx.record('after, read as version 1', afters(asV1));
        ctx.record('after, read with each writer schema', afters(asWritten));
      },
      claims: [
        claim('all four records decode as version 1; the new customer arrives without phone', (ctx) => {
          const v1 = ctx.output['after, read as version 1'] as Array<Record<string, unknown>>;
          assert.equal(v1.length, 4);
          assert.deepEqual(v1[3], { id: 4, name: 'Duarte Reis', email: 'duarte@example.com' });
        }),
        claim('read with its own writer schema, the new record has the phone, and the older ones have none to lose', (ctx) => {
          const written = ctx.output['after, read with each writer schema'] as Array<Record<string, unknown>>;
          assert.equal(written[3].phone, '+351 912 345 678');
          assert.deepEqual(written.slice(0, 3), (ctx.output['after, read as version 1'] as unknown[]).slice(0, 3));
        }),
      ],
    }),
    step({
      title: 'Require backward compatibility',
      prose:
        'A registry can refuse a new version that existing data could not be read with. `BACKWARD` means: a consumer on the new schema must be able to read records written with the previous one. The rule is set for one subject through the Confluent-compatible API (Apicurio stores it as the artifact\'s compatibility rule).',
      show: shell(`curl -s -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data '{"compatibility":"BACKWARD"}' http://localhost:8080/apis/ccompat/v6/config/${CUSTOMERS}-value`),
      handsOn: 'runner',
      run: async (ctx) => {
        const response = await fetch(`${ccompat(ctx)}/config/${CUSTOMERS}-value`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
          body: JSON.stringify({ compatibility: 'BACKWARD' }),
        });
        ctx.record('response', await response.json());
        ctx.record('GET /config/' + `${CUSTOMERS}-value`, await registry(ctx).get(`/config/${CUSTOMERS}-value`));
      },
      claims: [
        claim('the registry answers {"compatibility":"BACKWARD"}, and reads it back for the subject', (ctx) => {
          assert.deepEqual(ctx.output.response, { compatibility: 'BACKWARD' });
          assert.deepEqual(ctx.output[`GET /config/${CUSTOMERS}-value`], { compatibilityLevel: 'BACKWARD' });
        }),
      ],
    }),
    step({
      title: 'A change the rule forbids',
      prose:
        'A new `loyalty_points` column that is `NOT NULL` and has no default, then a customer. The value schema gains a required field with no default: a consumer on that schema could not read the records already on the topic, which have no such field. The registry refuses the schema, the converter cannot write the record, and the task fails; the `INSERT` does not reach the topic. (The columns change in a transaction of their own, before the `INSERT`: the connector reads a column\'s nullability and default from the catalog when the table\'s first change after a schema change arrives, and a query made as the same transaction commits may not see it yet.)',
      show: sql('09-required-column.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await waitUntil(async () => (await ctx.engine().status()).tasks[0]?.state === 'FAILED', 60_000, 'the task to fail', 250);
        const task = (await ctx.engine().status()).tasks[0];
        const trace = task.trace ?? '';
        traces.set(runKey(ctx, 'trace'), trace);
        ctx.record('task', task.state);
        ctx.record('the trace names the subject', trace.includes(`${CUSTOMERS}-value`));
        // the registry's own words, as both engines pass them on (the list of differences after them is left out)
        ctx.record('the registry says', /Incompatible artifact: [^,\n]+, num of incompatible diffs: \{\d+\}/.exec(trace)?.[0] ?? null);
        ctx.record('value versions', await registry(ctx).get<number[]>(`/subjects/${CUSTOMERS}-value/versions`));
        ctx.record('records on the topic', (await ctx.kafka.fetchTopicOffsets(CUSTOMERS)).reduce((n, p) => n + Number(p.high), 0));
      },
      claims: [
        claim('the task is FAILED, and its trace carries the registry\'s refusal naming the subject bikes.store.customers-value', (ctx) => {
          assert.equal(ctx.output.task, 'FAILED');
          const trace = traces.get(runKey(ctx, 'trace')) ?? '';
          assert.equal(ctx.output['the registry says'], `Incompatible artifact: ${CUSTOMERS}-value [AVRO], num of incompatible diffs: {2}`, trace);
          assert.equal(ctx.output['the trace names the subject'], true, trace);
        }),
        claim('the registry kept versions 1 and 2 only, and the topic still holds 4 records', (ctx) => {
          assert.deepEqual(ctx.output['value versions'], [1, 2]);
          assert.equal(ctx.output['records on the topic'], 4);
        }),
      ],
    }),
    step({
      title: 'Give the column a default, and restart the task',
      prose:
        'With a default, the new field has a value for the old records, and the schema passes the rule. The connector reads the column\'s default when it reads the table\'s metadata again, which it does when the restarted task resumes from the last position it committed: the refused `INSERT` is read again and written with the new schema, version 3.',
      show: sql('10-default.sql'),
      run: async (ctx) => {
        await ctx.runShown();
        await ctx.engine().restart!();
        const records = await readRaw(ctx.stack.kafka.bootstrapServers, CUSTOMERS, 5);
        const r = registry(ctx);
        ctx.record('value versions', await r.get<number[]>(`/subjects/${CUSTOMERS}-value/versions`));
        const v3 = JSON.parse((await r.version(`${CUSTOMERS}-value`, 3)).schema) as { fields: Array<{ name: string; type: unknown }> };
        const row = (v3.fields.find((f) => f.name === 'before')!.type as unknown[]).find((t) => typeof t === 'object') as { fields: Array<{ name: string; default?: unknown }> };
        const loyalty = row.fields.find((f) => f.name === 'loyalty_points');
        ctx.record('version 3\'s loyalty_points default', loyalty?.default);
        const decoded = await consume({ brokers: ctx.stack.kafka.bootstrapServers, registry: ccompat(ctx), topic: CUSTOMERS, count: 5 });
        ctx.record('records on the topic', records.length);
        ctx.record('after, decoded', afters(decoded));
        ctx.record('task', (await ctx.engine().status()).tasks[0]?.state);
      },
      claims: [
        claim('the registry accepts the schema as version 3, with loyalty_points defaulting to 0', (ctx) => {
          assert.deepEqual(ctx.output['value versions'], [1, 2, 3]);
          assert.equal(ctx.output['version 3\'s loyalty_points default'], 0);
        }),
        claim('nothing is lost or doubled: five records, customers 1 to 5 once each, Eva with her 10 points', (ctx) => {
          const rows = ctx.output['after, decoded'] as Array<Record<string, unknown>>;
          assert.equal(ctx.output['records on the topic'], 5);
          assert.deepEqual(rows.map((r) => r.id), [1, 2, 3, 4, 5]);
          assert.deepEqual(rows[4], { id: 5, name: 'Eva Sousa', email: 'eva@example.com', phone: '+351 913 000 111', loyalty_points: 10 });
          assert.equal(ctx.output.task, 'RUNNING');
        }),
      ],
    }),
  ],
});
