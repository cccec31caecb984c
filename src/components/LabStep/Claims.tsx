// A step's claims, each with what the recorded run found, the engines and Kafka modes the tests
// run it on, and a link to the lines of the spec that check it.
import React, { type ReactNode } from 'react';
import type { PageClaim, PageLab } from '../../lab-data-types.ts';
import styles from './styles.module.css';

const KAFKA: Record<string, string> = { kraft: 'KRaft', zookeeper: 'ZooKeeper' };

function kafkaName(mode: string): string {
  return KAFKA[mode] ?? mode;
}

function status(claim: PageClaim, lab: PageLab): [mark: string, label: string, cls: string | undefined] {
  const rec = lab.recordedWith;
  const where = rec === undefined ? '' : ` (${rec.engine} engine, ${kafkaName(rec.kafka)})`;
  if (claim.verified === true) return ['✓', `verified by the recorded run${where}`, styles.verified];
  if (claim.verified === false) return ['✗', `failed in the recorded run${where}`, styles.failed];
  return ['○', 'not recorded yet', styles.unrecorded];
}

function ClaimItem({ claim, lab }: { claim: PageClaim; lab: PageLab }): ReactNode {
  const [mark, label, cls] = status(claim, lab);
  const src = claim.source;
  return (
    <li className={`${styles.claim} ${cls ?? ''}`} data-lab-claim={claim.verified === true ? 'verified' : 'unverified'}>
      <span className={styles.mark} aria-hidden="true">
        {mark}
      </span>
      <span className={styles.claimText}>
        {claim.text}
        <span className={styles.claimMeta}>
          {' '}
          <span className={styles.claimStatus}>{label}</span>
          {' · tested on '}
          {lab.engines.join(' and ')}, {lab.kafka.map(kafkaName).join(' and ')}
          {src !== undefined && (
            <>
              {' · '}
              <a href={`/labs/${lab.id}/spec#${src.file}-L${src.start}-L${src.end}`} data-claim-source>
                checked in {src.file}, lines {src.start}–{src.end}
              </a>
            </>
          )}
        </span>
      </span>
    </li>
  );
}

export default function Claims({ claims, lab }: { claims: PageClaim[]; lab: PageLab }): ReactNode {
  if (claims.length === 0) return null;
  return (
    <ul className={styles.claims} aria-label="Claims this step checks">
      {claims.map((c) => (
        <ClaimItem key={c.text} claim={c} lab={lab} />
      ))}
    </ul>
  );
}
