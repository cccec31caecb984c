// What the reader types in a step: the SQL, the command or the curl, and the body it posts. A
// body posted before is folded; one that mostly repeats the body before it shows the lines that
// differ. The whole file is always one click away.
import React, { type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import type { ShownCode } from '../../lab-data-types.ts';
import styles from './styles.module.css';

type Body = NonNullable<ShownCode['body']>;

/** A connector's JSON, or a Java .properties file a command reads. */
const languageOf = (file: string): string => (file.endsWith('.properties') ? 'properties' : 'json');

function Folded({ body, summary }: { body: Body; summary: string }): ReactNode {
  return (
    <details className={styles.full}>
      <summary>{summary}</summary>
      <CodeBlock language={languageOf(body.file)} title={body.file}>
        {body.code.trimEnd()}
      </CodeBlock>
    </details>
  );
}

function BodyBlock({ body }: { body: Body }): ReactNode {
  if (body.repeats !== undefined) return <Folded body={body} summary={`The body: ${body.file}, as posted in step ${body.repeats}`} />;
  if (body.changes !== undefined) {
    return (
      <>
        <Folded body={body} summary={`${body.file}: the lines that differ from ${body.changes.against} (open for the whole file):`} />
        <CodeBlock language={languageOf(body.file)}>{body.changes.lines.join('\n')}</CodeBlock>
      </>
    );
  }
  return (
    <CodeBlock language={languageOf(body.file)} title={body.file}>
      {body.code.trimEnd()}
    </CodeBlock>
  );
}

export default function Shown({ shown }: { shown: ShownCode }): ReactNode {
  return (
    <div className={styles.shown}>
      <CodeBlock language={shown.language} title={shown.file}>
        {shown.code.trimEnd()}
      </CodeBlock>
      {shown.body !== undefined && <BodyBlock body={shown.body} />}
    </div>
  );
}
