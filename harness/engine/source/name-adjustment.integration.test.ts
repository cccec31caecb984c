// schema.name.adjustment.mode and field.name.adjustment.mode end to end, where Debezium 3.2.7's TableSchemaBuilder
// applies them: the Key/Value/Envelope schema names and every column's field name, in snapshot and stream records
// alike (record keys included); topics keep their names.
import { describe, expect, it } from 'vitest';
import { startEngine } from '../index.ts';
import { connectorConfig, readTopic, stackInfo, uniqueId, useTestDb, type TestDb } from './it-helpers.test-helper.ts';

let db: TestDb;
useTestDb('name_adjust', (d) => (db = d));

type Json = Record<string, any>;
const fieldNames = (schema: Json): string[] => (schema.fields as Json[]).map((f) => f.field as string);

async function run(mode: 'avro' | 'avro_unicode'): Promise<{ id: string; prefix: string; msgs: { key: Json; value: Json }[] }> {
  const id = uniqueId(`na_${mode}`);
  const prefix = `${id.replace(/_/g, '-')}-x`;
  await db.client.query(`CREATE TABLE "${id}-lines" ("line-no" int PRIMARY KEY, "2nd" text, my_col int, "a.b" text)`);
  await db.client.query(`INSERT INTO "${id}-lines" VALUES (1, 'x', 10, 'y')`);
  const engine = await startEngine({
    config: connectorConfig(db.name, id, {
      'topic.prefix': prefix,
      'table.include.list': `public.${id}-lines`,
      'schema.name.adjustment.mode': mode,
      'field.name.adjustment.mode': mode,
    }),
    bootstrapServers: stackInfo().kafka.bootstrapServers,
  });
  try {
    await engine.waitForSnapshot();
    await db.client.query(`UPDATE "${id}-lines" SET my_col = 11`);
    const msgs = await readTopic(`${prefix}.public.${id}-lines`, (m) => m.length >= 2, 30_000);
    return { id, prefix, msgs: msgs.map((m) => ({ key: JSON.parse(m.key!) as Json, value: JSON.parse(m.value!) as Json })) };
  } finally {
    await engine.stop();
  }
}

describe('schema.name.adjustment.mode / field.name.adjustment.mode', () => {
  it('avro: invalid characters become _, a leading digit gets a _ before it; topics keep their names', async () => {
    const { id, prefix, msgs } = await run('avro');
    expect(msgs).toHaveLength(2);
    const base = `${prefix}.public.${id}-lines`.replace(/-/g, '_');
    for (const { key, value } of msgs) {
      expect(key.schema.name).toBe(`${base}.Key`);
      expect(fieldNames(key.schema)).toEqual(['line_no']);
      expect(key.payload).toEqual({ line_no: 1 });
      expect(value.schema.name).toBe(`${base}.Envelope`);
      const after = (value.schema.fields as Json[]).find((f) => f.field === 'after')!;
      expect(after.name).toBe(`${base}.Value`);
      expect(fieldNames(after)).toEqual(['line_no', '_2nd', 'my_col', 'a_b']);
    }
    expect(msgs.map((m) => [m.value.payload.op, m.value.payload.after])).toEqual([
      ['r', { line_no: 1, _2nd: 'x', my_col: 10, a_b: 'y' }],
      ['u', { line_no: 1, _2nd: 'x', my_col: 11, a_b: 'y' }],
    ]);
  });

  it('avro_unicode: invalid characters, _ included, become _uXXXX', async () => {
    const { id, prefix, msgs } = await run('avro_unicode');
    expect(msgs).toHaveLength(2);
    const base = `${prefix}.public.${id}-lines`.replace(/_/g, '_u005f').replace(/-/g, '_u002d');
    const { key, value } = msgs[1]!;
    expect(key.schema.name).toBe(`${base}.Key`);
    expect(key.payload).toEqual({ line_u002dno: 1 });
    expect(value.schema.name).toBe(`${base}.Envelope`);
    expect(value.payload.before).toBeNull();
    expect(value.payload.after).toEqual({ line_u002dno: 1, _u0032nd: 'x', my_u005fcol: 11, a_u002eb: 'y' });
    expect(value.payload.source.table).toBe(`${id}-lines`);
  });
});
