// One step of a lab, below the heading the remark plugin wrote for it (src/lab-page/
// remark-lab-page.ts): prose, the code to type, the output lines the claims check, the full
// recorded output folded, and the claims.
import React, { type ReactNode } from 'react';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { LabData } from '../../lab-data-types.ts';
import { focusOutput } from '../../lab-page/focus.ts';
import Claims from './Claims.tsx';
import Focused from './Focused.tsx';
import FullOutput from './FullOutput.tsx';
import Prose from './Prose.tsx';
import Shown from './Shown.tsx';
import styles from './styles.module.css';

export default function LabStep({ lab: labId, step: index }: { lab: string; step: string }): ReactNode {
  const lab = (usePluginData('lab-data') as LabData).labs[labId];
  const step = lab?.steps[Number(index)];
  if (step === undefined) throw new Error(`<LabStep lab="${labId}" step="${index}"> names a step that does not exist`);
  return (
    <div className={styles.step} data-lab-step={Number(index) + 1}>
      <Prose text={step.prose} />
      {step.shown !== undefined && <Shown shown={step.shown} />}
      <FullOutput step={step} focused={focusOutput(step.recorded, []) !== undefined} />
      <Focused step={step} />
      <Claims claims={step.claims} lab={lab} />
    </div>
  );
}
