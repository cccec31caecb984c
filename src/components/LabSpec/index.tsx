// A lab's spec as the tests run it: lab.ts and the other TypeScript files of its folder, with line
// numbers. Claims on the lab page link here as #<file>-L<first>-L<last>; those lines are marked.
import React, { useEffect, useState, type ReactNode } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import { parseRange, type Range } from '../../lab-page/spec-range.ts';
import styles from './styles.module.css';

interface Spec {
  lab: string;
  title: string;
  files: Record<string, string>;
}

function SourceFile({ name, source, range }: { name: string; source: string; range: Range | undefined }): ReactNode {
  const lines = source.replace(/\n$/, '').split('\n');
  const marked = (n: number): boolean => range !== undefined && range.file === name && n >= range.start && n <= range.end;
  return (
    <section>
      <h2 id={name}>{name}</h2>
      <pre className={styles.source} tabIndex={0} aria-label={`${name}, ${lines.length} lines`}>
        <code>
          {lines.map((line, i) => (
            <span key={i} id={`${name}-L${i + 1}`} className={marked(i + 1) ? `${styles.line} ${styles.marked}` : styles.line}>
              <span className={styles.number} aria-hidden="true">
                {i + 1}
              </span>
              {line}
              {'\n'}
            </span>
          ))}
        </code>
      </pre>
    </section>
  );
}

export default function LabSpec({ spec }: { spec: Spec }): ReactNode {
  const [range, setRange] = useState<Range | undefined>(undefined);
  useEffect(() => {
    const update = (): void => {
      const r = parseRange(window.location.hash);
      setRange(r);
      if (r !== undefined) document.getElementById(`${r.file}-L${r.start}`)?.scrollIntoView({ block: 'center' });
    };
    update();
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return (
    <Layout title={`Spec: ${spec.title}`} description={`The executable spec of the lab "${spec.title}"`}>
      <main className="container margin-vert--lg">
        <h1>The spec of “{spec.title}”</h1>
        <p>
          Every claim on the <Link to={`/labs/${spec.lab}`}>lab page</Link> is an assertion in these files; the tests run them on
          every engine and Kafka mode the lab names. Marked lines are the ones a claim links to.
        </p>
        {Object.entries(spec.files).map(([name, source]) => (
          <SourceFile key={name} name={name} source={source} range={range} />
        ))}
      </main>
    </Layout>
  );
}
