import { describe, expect, inject, it } from 'vitest';
import { formatDifferences } from './diff.ts';
import { runConformance, type ConformanceResult } from './run.ts';
import { PROFILES } from './profiles.ts';

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

  it('finds no difference that known-differences.ts does not list', () => {
    expect(result, 'the run above failed').toBeDefined();
    const { unknown } = result.classified;
    expect(unknown, `differences not listed in harness/conformance/known-differences.ts:\n${formatDifferences(unknown)}`).toEqual([]);
  });

  it('lists no difference that no longer occurs', () => {
    expect(result, 'the run above failed').toBeDefined();
    expect(result.classified.unused.map((k) => k.id)).toEqual([]);
  });
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

  it('finds no difference that known-differences.ts does not list', () => {
    expect(result, 'the run above failed').toBeDefined();
    const { unknown } = result.classified;
    expect(unknown, `differences not listed in harness/conformance/known-differences.ts:\n${formatDifferences(unknown)}`).toEqual([]);
  });
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

  it('finds no difference that known-differences.ts does not list', () => {
    expect(result, 'the run above failed').toBeDefined();
    const { unknown } = result.classified;
    expect(unknown, `differences not listed in harness/conformance/known-differences.ts:\n${formatDifferences(unknown)}`).toEqual([]);
  });
});
