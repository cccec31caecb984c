// The lines of a step's recorded output that its claims are about, highlighted (src/lab-page/focus.ts).
import React, { type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import { focusOutput } from '../../lab-page/focus.ts';
import type { PageStep } from '../../lab-data-types.ts';
import styles from './styles.module.css';

/** Docusaurus' line-highlight metastring: {1,3,5} */
function highlightMeta(flags: boolean[]): string | undefined {
  const lines = flags.flatMap((h, i) => (h ? [i + 1] : []));
  return lines.length === 0 ? undefined : `{${lines.join(',')}}`;
}

export default function Focused({ step }: { step: PageStep }): ReactNode {
  const focus = focusOutput(step.recorded, step.claims.map((c) => c.text));
  if (focus === undefined) return null;
  // the block's label is the summary of the full output just above it (FullOutput.tsx)
  return (
    <div className={styles.focus}>
      <CodeBlock language={focus.diff ? 'diff' : 'text'} metastring={highlightMeta(focus.lines.map((l) => l.highlighted))}>
        {focus.lines.map((l) => l.text).join('\n')}
      </CodeBlock>
    </div>
  );
}
