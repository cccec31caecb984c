import { describe, expect, it } from 'vitest';
import { ConfigErrors } from '../../errors.ts';
import { maskJdbcUrl, parseJdbcUrl, parseSinkConfig } from './config.ts';
import { contextHeaders, ERROR_HEADERS, JSON_CONVERTER_CLASS } from './dlq.ts';
import { convertJson, JavaError, rowChange, toPgValue, type ConsumedRecord } from './record.ts';
import {
  alterTableSql, collectionName, columnType, createTableSql, deleteSql, identifierName, insertSql, quoteIdent, truncateSql, updateSql, upsertSql,
} from './sql.ts';

const base = {
  name: 'employees-sink',
  'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
  topics: 'pgsource.public.employees',
  'connection.url': 'jdbc:postgresql://target-db:5432/target',
  'connection.username': 'cdc',
  'connection.password': 's3cret',
};

function configErrors(raw: Record<string, unknown>): string[] {
  try {
    parseSinkConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigErrors);
    return (e as ConfigErrors).errors.map((x) => x.message);
  }
  throw new Error('expected a configuration error');
}

describe('sink config', () => {
  it('reads the seed employees-sink keys with the JDBC sink defaults', () => {
    const c = parseSinkConfig({ ...base, 'insert.mode': 'upsert', 'primary.key.mode': 'record_key', 'delete.enabled': 'true', 'schema.evolution': 'basic', 'collection.name.format': 'employees' });
    expect(c.connection).toMatchObject({ host: 'target-db', port: 5432, database: 'target', user: 'cdc', password: 's3cret' });
    expect(c).toMatchObject({ insertMode: 'upsert', primaryKeyMode: 'record_key', deleteEnabled: true, schemaEvolution: 'basic', collectionNameFormat: 'employees', batchSize: 500, quoteIdentifiers: false, truncateEnabled: false });
    expect(c.errors).toMatchObject({ tolerance: 'none', dlqTopic: null, dlqContextHeaders: false });
    expect(c.masked['connection.password']).toBe('********');
    const d = parseSinkConfig(base);
    expect(d).toMatchObject({ insertMode: 'insert', primaryKeyMode: 'none', schemaEvolution: 'none', collectionNameFormat: '${topic}' });
  });

  it('accepts table.name.format as the old name', () => {
    expect(parseSinkConfig({ ...base, 'table.name.format': 'x_${topic}' }).collectionNameFormat).toBe('x_${topic}');
  });

  it('names the key and allowed values of every bad setting at once', () => {
    const errs = configErrors({ ...base, 'insert.mode': 'merge', 'primary.key.mode': 'pk', 'schema.evolution': 'full', 'errors.tolerance': 'some', 'batch.size': '0', 'delete.enabled': 'yes' });
    expect(errs).toEqual(expect.arrayContaining([
      'insert.mode: "merge" is not a valid value (allowed: insert, update, upsert)',
      'primary.key.mode: "pk" is not a valid value (allowed: none, kafka, record_key, record_value)',
      'schema.evolution: "full" is not a valid value (allowed: none, basic)',
      'errors.tolerance: "some" is not a valid value (allowed: none, all)',
      'batch.size: "0" is not an integer >= 1',
      'delete.enabled: "yes" is not a boolean (allowed: true, false)',
    ]));
  });

  it('deletes need primary.key.mode=record_key; upsert needs a key; the DLQ is not a consumed topic', () => {
    expect(configErrors({ ...base, 'delete.enabled': 'true' }).join('\n')).toMatch(/^delete\.enabled: .*record_key/m);
    expect(configErrors({ ...base, 'insert.mode': 'upsert' }).join('\n')).toMatch(/^insert\.mode: "upsert" needs a primary key/m);
    expect(configErrors({ ...base, 'errors.deadletterqueue.topic.name': base.topics }).join('\n')).toMatch(/^errors\.deadletterqueue\.topic\.name/m);
  });

  it('a wrong connection.url is named, with the password masked', () => {
    const errs = configErrors({ ...base, 'connection.url': 'jdbc:mysql://h:3306/db?user=u&password=hunter2' });
    expect(errs[0]).toMatch(/^connection\.url: /);
    expect(errs[0]).toContain('password=********');
    expect(errs[0]).not.toContain('hunter2');
    expect(maskJdbcUrl('jdbc:postgresql://u:pw@h/db')).toBe('jdbc:postgresql://u:********@h/db');
    expect(configErrors({ ...base, 'connection.url': 'jdbc:postgresql://h:5432/' })[0]).toMatch(/^connection\.url: .*names no database/);
    expect(parseJdbcUrl('jdbc:postgresql://h/db?user=a&password=b')).toMatchObject({ host: 'h', port: 5432, database: 'db', user: 'a', password: 'b' });
  });
});

const strct = (fields: Array<[string, object]>, optional = false) => ({ type: 'struct', optional, fields: fields.map(([field, schema]) => ({ field, ...schema })) });

describe('SQL building and column types', () => {
  const odd = { schema: null, name: 'My "Odd" Table' };

  it('quotes identifiers with quotes, spaces and capitals, and folds them without quote.identifiers', () => {
    expect(quoteIdent('My "Odd" Table')).toBe('"My ""Odd"" Table"');
    expect(identifierName('My "Odd" Table', false)).toBe('my "odd" table');
    expect(identifierName('My "Odd" Table', true)).toBe('My "Odd" Table');
    expect(() => quoteIdent('a\u0000b')).toThrow(/NUL/);
  });

  it('builds CREATE/ALTER/INSERT/UPSERT/UPDATE/DELETE/TRUNCATE with bind parameters only', () => {
    const cols = [
      { name: 'Id', schema: { type: 'int32', optional: false }, key: true },
      { name: 'Full Name', schema: { type: 'string', optional: false }, key: false },
      { name: 'note"s', schema: { type: 'string', optional: true }, key: false },
    ] as const;
    expect(createTableSql(odd, [...cols] as never, true)).toBe(
      'CREATE TABLE "My ""Odd"" Table" ("Id" integer NOT NULL, "Full Name" text NOT NULL, "note""s" text NULL, PRIMARY KEY("Id"))',
    );
    expect(alterTableSql(odd, [{ name: 'Extra', schema: { type: 'int64', optional: false }, key: false }], true)).toBe(
      'ALTER TABLE "My ""Odd"" Table" ADD COLUMN "Extra" bigint NOT NULL',
    );
    // the schema's default and optionality, as GeneralDatabaseDialect writes them (javap of the 3.2 jar)
    expect(alterTableSql(odd, [
      { name: 'tier', schema: { type: 'string', optional: false, default: "it's" }, key: false },
      { name: 'n', schema: { type: 'int32', optional: true, default: 0 }, key: false },
    ] as never, true)).toBe('ALTER TABLE "My ""Odd"" Table" ADD COLUMN "tier" text DEFAULT \'it\'\'s\' NOT NULL, ADD COLUMN "n" integer DEFAULT 0 NULL');
    expect(createTableSql(odd, [{ name: 'ok', schema: { type: 'boolean', optional: false, default: true }, key: false }] as never, true)).toBe(
      'CREATE TABLE "My ""Odd"" Table" ("ok" boolean DEFAULT \'TRUE\' NOT NULL)',
    );
    expect(upsertSql(odd, ['Id'], ['Full Name', 'note"s'], true)).toBe(
      'INSERT INTO "My ""Odd"" Table" ("Id", "Full Name", "note""s") VALUES ($1, $2, $3) ON CONFLICT ("Id") DO UPDATE SET "Full Name"=EXCLUDED."Full Name", "note""s"=EXCLUDED."note""s"',
    );
    expect(upsertSql(odd, ['Id'], [], false)).toBe('INSERT INTO "My ""Odd"" Table" ("id") VALUES ($1) ON CONFLICT ("id") DO NOTHING');
    expect(insertSql(odd, ['a'], true)).toBe('INSERT INTO "My ""Odd"" Table" ("a") VALUES ($1)');
    // several rows in one statement (the JDBC batch's one round trip), parameters row after row
    expect(upsertSql(odd, ['Id'], ['v'], false, 2)).toBe('INSERT INTO "My ""Odd"" Table" ("id", "v") VALUES ($1, $2), ($3, $4) ON CONFLICT ("id") DO UPDATE SET "v"=EXCLUDED."v"');
    expect(updateSql(odd, ['Id'], ['a', 'b'], true)).toBe('UPDATE "My ""Odd"" Table" SET "a"=$1, "b"=$2 WHERE "Id"=$3');
    expect(deleteSql(odd, ['Id', 'k2'], true)).toBe('DELETE FROM "My ""Odd"" Table" WHERE "Id"=$1 AND "k2"=$2');
    expect(truncateSql(odd)).toBe('TRUNCATE TABLE "My ""Odd"" Table"');
  });

  it('maps Connect and Debezium schemas to PostgreSQL column types', () => {
    const t = (type: string, name?: string, parameters?: Record<string, string>) => columnType({ type, optional: true, name, parameters } as never);
    expect([t('int8'), t('int16'), t('int32'), t('int64'), t('float32'), t('float64'), t('boolean'), t('string'), t('bytes')]).toEqual(
      ['smallint', 'smallint', 'integer', 'bigint', 'real', 'double precision', 'boolean', 'text', 'bytea'],
    );
    expect(t('bytes', 'org.apache.kafka.connect.data.Decimal', { scale: '2', 'connect.decimal.precision': '10' })).toBe('numeric(10, 2)');
    expect(t('struct', 'io.debezium.data.VariableScaleDecimal')).toBe('double precision'); // as the real sink 3.2 creates it
    expect(t('int32', 'io.debezium.time.Date')).toBe('date');
    expect(t('int64', 'io.debezium.time.MicroTimestamp')).toBe('timestamp(6)');
    expect(t('int64', 'org.apache.kafka.connect.data.Timestamp')).toBe('timestamp(3)');
    expect(t('string', 'io.debezium.time.ZonedTimestamp')).toBe('timestamp(6) with time zone');
    expect(t('string', 'io.debezium.data.Uuid')).toBe('uuid');
    expect(t('string', 'io.debezium.data.Json')).toBe('json');
    expect(columnType({ type: 'array', optional: true, items: { type: 'string', optional: true } })).toBe('text[]');
  });

  it('collection names: ${topic} and source placeholders, dots to underscores', () => {
    expect(collectionName('${topic}', 'pgsource.public.employees')).toBe('pgsource_public_employees');
    expect(collectionName('t_${source.table}', 'x.y.z', { table: 'emp' })).toBe('t_emp');
    expect(collectionName('employees', 'x.y.z')).toBe('employees');
  });
});

describe('records and values', () => {
  it('converts like JsonConverter: parse errors and missing envelopes are DataExceptions', () => {
    expect(() => convertJson(Buffer.from('{not json'))).toThrow(JavaError);
    try {
      convertJson(Buffer.from('{"a":1}'));
    } catch (e) {
      expect((e as JavaError).javaClass).toBe('org.apache.kafka.connect.errors.DataException');
      expect((e as Error).message).toMatch(/^JsonConverter with schemas.enable requires "schema" and "payload" fields/);
    }
    expect(convertJson(null)).toEqual({ schema: null, payload: null });
  });

  it('keeps int64 beyond 2^53 exact', () => {
    const c = convertJson(Buffer.from('{"schema":{"type":"struct","optional":false,"fields":[{"field":"n","type":"int64","optional":false}]},"payload":{"n":9223372036854775807}}'));
    expect(toPgValue(c.schema!.fields![0].schema, (c.payload as Record<string, unknown>).n)).toBe('9223372036854775807');
  });

  it('reads the envelope and converts values', () => {
    const after = strct([['id', { type: 'int32', optional: false }]], true);
    const value = { schema: strct([['before', after], ['after', after], ['op', { type: 'string', optional: false }]]), payload: { before: null, after: { id: 7 }, op: 'c' } };
    const r = { topic: 't', partition: 0, offset: '1', value: convertJson(Buffer.from(JSON.stringify(value))) } as ConsumedRecord;
    expect(rowChange(r)).toMatchObject({ op: 'c', row: { id: 7 } });
    expect(toPgValue({ type: 'bytes', optional: true, name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } }, Buffer.from([0x01, 0x00]).toString('base64'))).toBe('2.56');
    expect(toPgValue({ type: 'bytes', optional: true, name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } }, Buffer.from([0xff]).toString('base64'))).toBe('-0.01');
    expect(toPgValue({ type: 'int32', optional: true, name: 'io.debezium.time.Date' }, 19737)).toBe('2024-01-15');
    expect(toPgValue({ type: 'int64', optional: true, name: 'io.debezium.time.MicroTimestamp' }, 1705312800123456)).toBe('2024-01-15 10:00:00.123456');
    expect(toPgValue({ type: 'int64', optional: true, name: 'org.apache.kafka.connect.data.Timestamp' }, -1)).toBe('1969-12-31 23:59:59.999000');
  });

  it('DLQ context headers carry Connect names and stage values', () => {
    const record = { topic: 'src', partition: 2, offset: '41', timestamp: '0', rawKey: null, rawValue: Buffer.from('x'), rawHeaders: {} } as unknown as ConsumedRecord;
    let error: unknown;
    try {
      convertJson(Buffer.from('x'));
    } catch (e) {
      error = e;
    }
    const h = contextHeaders({ record, stage: 'VALUE_CONVERTER', executingClass: JSON_CONVERTER_CLASS, error }, 'my-sink', 0);
    expect(Object.keys(h)).toEqual(Object.values(ERROR_HEADERS));
    expect(h).toMatchObject({
      '__connect.errors.topic': 'src',
      '__connect.errors.partition': '2',
      '__connect.errors.offset': '41',
      '__connect.errors.connector.name': 'my-sink',
      '__connect.errors.task.id': '0',
      '__connect.errors.stage': 'VALUE_CONVERTER',
      '__connect.errors.class.name': 'org.apache.kafka.connect.json.JsonConverter',
      '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
      '__connect.errors.exception.message': 'Converting byte[] to Kafka Connect data failed due to serialization error: ',
    });
    expect(h['__connect.errors.exception.stacktrace']).toMatch(/^org\.apache\.kafka\.connect\.errors\.DataException: Converting byte\[\][^]*Caused by: org\.apache\.kafka\.common\.errors\.SerializationException/);
  });
});
