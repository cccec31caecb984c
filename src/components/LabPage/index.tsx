// The top of a lab page, from the lab-data plugin's JSON: summary, what the tests run it on, the
// pipeline the lab builds as a diagram, and the command that runs it. The steps follow as headings
// with a <LabStep> each, written into the page by src/lab-page/remark-lab-page.ts.
import React, { type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import Mermaid from '@theme/Mermaid';
import Link from '@docusaurus/Link';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { LabData, PageLab } from '../../lab-data-types.ts';
import { measuredPairs } from '../../lab-page/measured-pairs.ts';
import MeasuredChart from './MeasuredChart.tsx';
import styles from './styles.module.css';

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
        <li>{lab.steps.length} steps</li>
        <li>engines: {lab.engines.join(', ')}</li>
        <li>Kafka: {lab.kafka.join(', ')}</li>
        <li>
          {verified} of {claims.length} claims verified
          {lab.recordedWith === undefined ? ' (not recorded yet)' : ` by a recorded run (engine ${lab.recordedWith.engine}, Kafka ${lab.recordedWith.kafka})`}
        </li>
        <li>
          <Link to={`/labs/${lab.id}/spec`}>the spec, with the code behind each claim</Link>
        </li>
      </ul>
      {lab.diagram !== '' && (
        <figure className={styles.diagram} data-lab-diagram>
          <Mermaid value={lab.diagram} />
          <figcaption>The pipeline this lab builds.</figcaption>
        </figure>
      )}
      {measuredPairs(lab).map((pair) => (
        <MeasuredChart key={`${pair.step}-${pair.names.join('/')}`} pair={pair} />
      ))}
      <p>Run it yourself:</p>
      <div className={styles.command}>
        <CodeBlock language="bash">{`npm run lab -- ${lab.id}`}</CodeBlock>
      </div>
    </div>
  );
}
