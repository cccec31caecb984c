// A step's claims, each with what the recorded run found, the engines and Kafka modes the tests
// run it on, and a link to the lines of the spec that check it.
import React, { type ReactNode } from 'react';
import type { PageClaim, PageLab } from '../../lab-data-types.ts';
import { rangeHash } from '../../lab-page/spec-range.ts';
import styles from './styles.module.css';

const KAFKA: Record<string, string> = { kraft: 'KRaft', zookeeper: 'ZooKeeper' };

function kafkaName(mode: string): string {
  return KAFKA[mode] ?? mode;
}

/** What the recorded run found, short (shown) and in full (for screen readers and the tooltip). */
function status(claim: PageClaim, lab: PageLab): { mark: string; short: string; long: string; cls: string | undefined } {
  const rec = lab.recordedWith;
  const where = rec === undefined ? '' : `${rec.engine}, ${kafkaName(rec.kafka)}`;
  const tests = `The tests check it on the ${lab.engines.join(' and ')} engine${lab.engines.length > 1 ? 's' : ''}, Kafka ${lab.kafka.map(kafkaName).join(' and ')}.`;
  if (claim.verified === true) return { mark: '✓', short: `verified: ${where}`, long: `Verified by the recorded run (${where}). ${tests}`, cls: styles.verified };
  if (claim.verified === false) return { mark: '✗', short: `failed: ${where}`, long: `Failed in the recorded run (${where}). ${tests}`, cls: styles.failed };
  return { mark: '○', short: 'not recorded yet', long: `Not recorded yet. ${tests}`, cls: styles.unrecorded };
}

function ClaimItem({ claim, lab }: { claim: PageClaim; lab: PageLab }): ReactNode {
  const st = status(claim, lab);
  const src = claim.source;
  return (
    <li className={`${styles.claim} ${st.cls ?? ''}`} data-lab-claim={claim.verified === true ? 'verified' : 'unverified'}>
      <span className={styles.mark} aria-hidden="true">
        {st.mark}
      </span>
      <span className={styles.claimText}>
        {claim.text}{' '}
        <span className={styles.claimMeta}>
          <span className={styles.claimStatus} title={st.long}>
            {st.short}
          </span>
          <span className={styles.srOnly}> {st.long}</span>
          {src !== undefined && (
            <>
              {' · '}
              <a href={`/labs/${lab.id}/spec${rangeHash(src)}`} data-claim-source title={`The lines of ${src.file} that check this claim`}>
                {src.file} {src.start}–{src.end}
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
