// What the reader types in a step: the SQL, the command or the curl, and the body it posts. A
// body that mostly repeats the one posted before shows the lines that differ; the whole file is
// one click away.
import React, { type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import type { ShownCode } from '../../lab-data-types.ts';
import styles from './styles.module.css';

export default function Shown({ shown }: { shown: ShownCode }): ReactNode {
  const body = shown.body;
  return (
    <div className={styles.shown}>
      <CodeBlock language={shown.language} title={shown.file}>
        {shown.code.trimEnd()}
      </CodeBlock>
      {body !== undefined && body.changes === undefined && (
        <CodeBlock language="json" title={body.file}>
          {body.code.trimEnd()}
        </CodeBlock>
      )}
      {body?.changes !== undefined && (
        <>
          <CodeBlock language="json" title={`${body.file}: the lines that differ from ${body.changes.against}`}>
            {body.changes.lines.join('\n')}
          </CodeBlock>
          <details className={styles.full}>
            <summary>The whole of {body.file}</summary>
            <CodeBlock language="json" title={body.file}>
              {body.code.trimEnd()}
            </CodeBlock>
          </details>
        </>
      )}
    </div>
  );
}
