// Everything the recorded run printed for a step, behind one click. Rendered only once opened:
// some steps recorded hundreds of events, which would weigh on every page view.
import React, { useState, type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import type { PageStep } from '../../lab-data-types.ts';
import styles from './styles.module.css';

type Recorded = NonNullable<PageStep['recorded']>;

function blocks(rec: Recorded, expectError: boolean): ReactNode[] {
  const out: ReactNode[] = [];
  if (rec.events.length > 0) {
    out.push(
      <CodeBlock key="events" language="json" title={`${rec.events.length} record${rec.events.length === 1 ? '' : 's'} on Kafka: key, headers and payload (Debezium envelope, schema omitted)`}>
        {rec.events.map((e) => JSON.stringify({ topic: e.topic, key: e.key, headers: e.headers, payload: e.value }, null, 2)).join('\n')}
      </CodeBlock>,
    );
  }
  for (const [i, q] of rec.rows.entries()) {
    out.push(
      <CodeBlock key={`rows-${i}`} language="json" title={`rows: ${q.query}`}>
        {q.rows.map((r) => JSON.stringify(r)).join('\n') || '(no rows)'}
      </CodeBlock>,
    );
  }
  for (const [name, value] of Object.entries(rec.output)) {
    out.push(
      <CodeBlock key={`out-${name}`} language="json" title={name}>
        {JSON.stringify(value, null, 2)}
      </CodeBlock>,
    );
  }
  if (rec.error !== undefined) {
    out.push(
      <CodeBlock key="error" language="text" title={expectError ? 'the error, as expected' : 'error'}>
        {rec.error}
      </CodeBlock>,
    );
  }
  return out;
}

/** `focused`: the step shows some lines of the output below this, which the summary introduces. */
export default function FullOutput({ step, focused }: { step: PageStep; focused: boolean }): ReactNode {
  const [open, setOpen] = useState(false);
  const rec = step.recorded;
  // nothing worth a click: no events, rows or error, and outputs that are empty (a REST call's null)
  const empty = (v: unknown): boolean => v === null || v === '' || (typeof v === 'object' && Object.keys(v).length === 0);
  if (rec === undefined || (rec.events.length === 0 && rec.rows.length === 0 && rec.error === undefined && Object.values(rec.output).every(empty))) return null;
  return (
    <details className={styles.full} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{focused ? 'The recorded run, lines the claims check highlighted (open for all of it):' : 'The full recorded output'}</summary>
      {open && blocks(rec, step.expectError)}
    </details>
  );
}
