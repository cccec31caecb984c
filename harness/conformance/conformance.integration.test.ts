import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStack, type RuntimeChoice, type Stack } from '../runtime/index.ts';
import { formatDifferences } from './diff.ts';
import { runConformance, type ConformanceResult } from './run.ts';
import { PROFILES } from './profiles.ts';

/**
 * The checks each profile's block ends with: no difference known-differences.ts does not list and, with `unused`, no
 * listed one (for this profile) that the run did not show.
 */
function checkDifferences(get: () => ConformanceResult | undefined, { unused = false } = {}): void {
  it('finds no difference that known-differences.ts does not list', () => {
    const result = get();
    expect(result, 'the run above failed').toBeDefined();
    const { unknown } = result!.classified;
    expect(unknown, `differences not listed in harness/conformance/known-differences.ts:\n${formatDifferences(unknown)}`).toEqual([]);
  });
  if (unused) {
    it('lists no difference that no longer occurs', () => {
      const result = get();
      expect(result, 'the run above failed').toBeDefined();
      expect(result!.classified.unused.map((k) => k.id)).toEqual([]);
    });
  }
}

// The conformance check in `npm test`: the workload through real Debezium 3.2.7 (on the shared
// stack's Kafka Connect) and through our engine, every record compared field by field. Both sides
// come from this run; nothing here is recorded.
describe('conformance: our engine emits what real Debezium emits for the same workload', () => {
  let result: ConformanceResult;

  it('runs the workload through both engines', async () => {
    result = await runConformance(inject('stack'), (line) => process.stderr.write(`[conformance] ${line}\n`));
    // every table of the workload and the transaction topic, on both sides
    const expected = ['public.Odd__Quoted__Table', 'public.all_types', 'public.documents', 'public.no_pk', 'public.outbox', 'public.ri_default', 'public.ri_full', 'public.ri_index', 'public.ri_nothing', 'public.workload_end', 'transaction'];
    expect(result.topics.debezium).toEqual(expected);
    expect(result.topics.ours).toEqual(expected);
    expect(result.failures).toEqual({});
    expect(result.counts.ours).toBe(result.counts.debezium);
    // snapshot reads, creates, updates, deletes, tombstones and truncates all took part
    const ops = new Set(result.pairs.map((p) => (p.debezium?.value === null ? 'tombstone' : (p.debezium?.value as { payload: { op?: string } } | undefined)?.payload.op)));
    for (const op of ['r', 'c', 'u', 'd', 't', 'tombstone']) expect(ops, op).toContain(op);
  }, 300_000);

  checkDifferences(() => result, { unused: true });
});

// issue #16: the transforms profile (profiles.ts): column masking, hashing and truncation, ExtractNewRecordState
// rewriting deletes, ReplaceField / MaskField under a TopicNameMatches predicate (one negated), RegexRouter and a
// Filter, on the source connector of both engines.
describe('conformance, transforms profile: masking, unwrap with deletes, routing and filtering as real Debezium does', () => {
  let result: ConformanceResult;

  it('routes every table to <prefix>.routed.<table>, drops no_pk, masks the configured columns', async () => {
    result = await runConformance(inject('stack'), (line) => process.stderr.write(`[conformance:transforms] ${line}\n`), undefined, PROFILES.transforms);
    const expected = ['routed.Odd__Quoted__Table', 'routed.all_types', 'routed.documents', 'routed.outbox', 'routed.ri_default', 'routed.ri_full', 'routed.ri_index', 'routed.ri_nothing', 'routed.workload_end', 'transaction'];
    expect(result.topics.debezium).toEqual(expected);
    expect(result.topics.ours).toEqual(expected);
    expect(result.failures).toEqual({});
    expect(result.counts.ours).toBe(result.counts.debezium);
    const emails = result.pairs.filter((p) => p.debezium?.topic === 'routed.ri_default').map((p) => (p.debezium!.value as { payload: { email: string | null } }).payload.email);
    expect(emails).toContain('********');
  }, 300_000);

  checkDifferences(() => result);
});

// issue #16: the outbox profile (profiles.ts): Debezium's outbox EventRouter on the outbox table only, payloads
// expanded from jsonb, an envelope field and a header, a null payload as a tombstone, updates and deletes dropped.
describe('conformance, outbox profile: the outbox EventRouter as real Debezium runs it', () => {
  let result: ConformanceResult;

  it('routes the outbox rows to <prefix>.outbox.<aggregatetype> and leaves the other tables alone', async () => {
    result = await runConformance(inject('stack'), (line) => process.stderr.write(`[conformance:outbox] ${line}\n`), undefined, PROFILES.outbox);
    const expected = ['outbox.Customer', 'outbox.Order', 'public.Odd__Quoted__Table', 'public.all_types', 'public.documents', 'public.no_pk', 'public.ri_default', 'public.ri_full', 'public.ri_index', 'public.ri_nothing', 'public.workload_end', 'transaction'];
    expect(result.topics.debezium).toEqual(expected);
    expect(result.topics.ours).toEqual(expected);
    expect(result.failures).toEqual({});
    expect(result.counts.ours).toBe(result.counts.debezium);
    // the snapshot row and the insert; the update and the delete are dropped
    const orders = result.pairs.filter((p) => p.debezium?.topic === 'outbox.Order');
    expect(orders.map((p) => (p.debezium!.value as { payload: { aggregateId: string } }).payload.aggregateId)).toEqual(['o-1', 'o-1']);
    expect(result.pairs.filter((p) => p.debezium?.topic === 'outbox.Customer').map((p) => p.debezium!.value)).toEqual([null]);
  }, 300_000);

  checkDifferences(() => result);
});

// issue #19: the avro profile (profiles.ts): both engines with Apicurio's AvroConverter for key and value, writing the
// Confluent wire format through Apicurio Registry. The shared stack has no registry (and its Connect worker no Apicurio
// plugin), so this block starts its own stack with one. The schemas each engine registered are compared subject by
// subject, and every record is decoded through the registry and compared as the JSON profiles compare theirs.
describe('conformance, avro profile: Avro through a schema registry as real Debezium writes it with Apicurio\'s converter', () => {
  let stack: Stack | undefined;
  let result: ConformanceResult;

  beforeAll(async () => {
    stack = await startStack({
      runtime: (process.env.CDC_LABS_RUNTIME as RuntimeChoice | undefined) ?? 'auto',
      kafka: 'kraft',
      with: ['connect', 'registry'],
      onProgress: (line) => process.stderr.write(`[conformance:avro stack] ${line}\n`),
    });
  }, 600_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('registers the same subjects and writes the same records on both sides', async () => {
    result = await runConformance(stack!.info, (line) => process.stderr.write(`[conformance:avro] ${line}\n`), undefined, PROFILES.avro);
    const tables = ['public.Odd__Quoted__Table', 'public.all_types', 'public.documents', 'public.no_pk', 'public.outbox', 'public.ri_default', 'public.ri_full', 'public.ri_index', 'public.ri_nothing', 'public.workload_end'];
    expect(result.failures).toEqual({});
    expect(result.topics.debezium).toEqual([...tables, 'transaction']);
    expect(result.topics.ours).toEqual([...tables, 'transaction']);
    expect(result.counts.ours).toBe(result.counts.debezium);
    // TopicIdStrategy: <topic>-key and <topic>-value; no_pk has no key
    const subjects = [...tables, 'transaction'].flatMap((t) => (t === 'public.no_pk' ? [`${t}-value`] : [`${t}-key`, `${t}-value`])).sort();
    expect(result.subjects).toEqual({ debezium: subjects, ours: subjects });
    // Debezium adjusts field names Avro cannot take when the converter is an Avro one (found by this profile)
    const odd = result.pairs.find((p) => p.topic === 'public.Odd__Quoted__Table')!;
    expect((odd.ours!.value as { after: Record<string, unknown> }).after).toEqual({ Id: 1, Mixed_Case: 'snap', with_space: 1 });
  }, 300_000);

  checkDifferences(() => result, { unused: true });
});
