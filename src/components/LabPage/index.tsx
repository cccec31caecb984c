// Renders one lab from the lab-data plugin's JSON: steps, the exact code each step runs, the
// output of the recorded run, and each claim marked as the recorded run found it.
import React, { type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { LabData, PageClaim, PageLab, PageStep } from '../../lab-data-types.ts';
import styles from './styles.module.css';

/** Inline `code` in the specs' short prose. */
function Prose({ text }: { text: string }): ReactNode {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <p>
      {parts.map((p, i) => (p.startsWith('`') && p.endsWith('`') ? <code key={i}>{p.slice(1, -1)}</code> : <React.Fragment key={i}>{p}</React.Fragment>))}
    </p>
  );
}

function ClaimItem({ claim }: { claim: PageClaim }): ReactNode {
  const [mark, label, cls] =
    claim.verified === true
      ? ['✓', 'verified by the recorded run', styles.verified]
      : claim.verified === false
        ? ['✗', 'failed in the recorded run', styles.failed]
        : ['○', 'not recorded yet', styles.unrecorded];
  return (
    <li className={`${styles.claim} ${cls}`} data-lab-claim={claim.verified === true ? 'verified' : 'unverified'}>
      <span className={styles.mark} title={label} aria-label={label}>
        {mark}
      </span>{' '}
      {claim.text}
    </li>
  );
}

type Envelope = { op?: string; before?: unknown; after?: unknown; source?: Record<string, unknown> };

/** One event the way the seeds show the envelope: op, key, before, after, source's position. */
function compactEvent(e: { topic: string; key: unknown; value: unknown; headers?: Record<string, string> }): string {
  const key = JSON.stringify(e.key);
  // Debezium's per-record context headers (connector name, task id) are left to the full view
  const notable = Object.entries(e.headers ?? {}).filter(([k]) => !k.startsWith('__debezium.context.'));
  const headers = notable.length > 0 ? `  headers ${JSON.stringify(Object.fromEntries(notable))}` : '';
  if (e.value === null) return `[tombstone] ${e.topic}  key ${key}  value null${headers}`;
  const v = e.value as Envelope;
  const src = v.source ?? {};
  return [
    `[${v.op ?? '?'}] ${e.topic}  key ${key}${headers}`,
    `    before ${JSON.stringify(v.before)}`,
    `    after  ${JSON.stringify(v.after)}`,
    `    source snapshot=${JSON.stringify(src.snapshot)} lsn=${String(src.lsn)} txId=${String(src.txId)} table=${String(src.schema)}.${String(src.table)}`,
  ].join('\n');
}

function RecordedOutput({ step }: { step: PageStep }): ReactNode {
  const rec = step.recorded;
  if (rec === undefined) return null;
  const blocks: ReactNode[] = [];
  if (rec.events.length > 0) {
    blocks.push(
      <CodeBlock key="events" language="text" title={`${rec.events.length} event${rec.events.length === 1 ? '' : 's'} on Kafka`}>
        {rec.events.map(compactEvent).join('\n')}
      </CodeBlock>,
      <details key="envelopes" className={styles.envelopes}>
        <summary>The full records: key, headers and payload (Debezium envelope, schema omitted)</summary>
        <CodeBlock language="json">{rec.events.map((e) => JSON.stringify({ topic: e.topic, key: e.key, headers: e.headers, payload: e.value }, null, 2)).join('\n')}</CodeBlock>
      </details>,
    );
  }
  for (const [i, q] of rec.rows.entries()) {
    blocks.push(
      <CodeBlock key={`rows-${i}`} language="json" title={`rows: ${q.query}`}>
        {q.rows.map((r) => JSON.stringify(r)).join('\n') || '(no rows)'}
      </CodeBlock>,
    );
  }
  for (const [name, value] of Object.entries(rec.output)) {
    blocks.push(
      <CodeBlock key={`out-${name}`} language="json" title={name}>
        {JSON.stringify(value, null, 2)}
      </CodeBlock>,
    );
  }
  if (rec.error !== undefined) {
    blocks.push(
      <CodeBlock key="error" language="text" title={step.expectError ? 'the error, as expected' : 'error'}>
        {rec.error}
      </CodeBlock>,
    );
  }
  if (blocks.length === 0) return null;
  return (
    <details className={styles.output} open>
      <summary>What the recorded run printed</summary>
      {blocks}
    </details>
  );
}

function Step({ step, index }: { step: PageStep; index: number }): ReactNode {
  const shown = step.shown;
  return (
    <section className={styles.step} data-lab-step={index + 1}>
      <h2 id={`step-${index + 1}`}>
        {index + 1}. {step.title}
      </h2>
      <Prose text={step.prose} />
      {shown !== undefined && (
        <CodeBlock language={shown.language} title={shown.file}>
          {shown.code.trimEnd()}
        </CodeBlock>
      )}
      {shown?.body !== undefined && (
        <CodeBlock language="json" title={shown.body.file}>
          {shown.body.code.trimEnd()}
        </CodeBlock>
      )}
      <RecordedOutput step={step} />
      {step.claims.length > 0 && <ul className={styles.claims}>{step.claims.map((c) => <ClaimItem key={c.text} claim={c} />)}</ul>}
    </section>
  );
}

export default function LabPage({ id }: { id: string }): ReactNode {
  const data = usePluginData('lab-data') as LabData;
  const lab: PageLab | undefined = data.labs[id];
  if (lab === undefined) throw new Error(`<LabPage id="${id}"> names a lab that does not exist`);
  const claims = lab.steps.flatMap((s) => s.claims);
  const verified = claims.filter((c) => c.verified === true).length;
  return (
    <div className={styles.lab} data-lab={lab.id}>
      <p className={styles.summary}>{lab.summary}</p>
      <ul className={styles.meta}>
        <li>about {lab.minutes} minutes</li>
        <li>engines: {lab.engines.join(', ')}</li>
        <li>Kafka: {lab.kafka.join(', ')}</li>
        <li>
          {verified} of {claims.length} claims verified
          {lab.recordedWith === undefined ? ' (not recorded yet)' : ` by a recorded run (engine ${lab.recordedWith.engine}, Kafka ${lab.recordedWith.kafka})`}
        </li>
      </ul>
      <p>Run it yourself:</p>
      <CodeBlock language="bash">{`npm run lab -- ${lab.id}`}</CodeBlock>
      {lab.steps.map((s, i) => (
        <Step key={s.title} step={s} index={i} />
      ))}
    </div>
  );
}
