// A chart of the figures a recorded run measured side by side (src/lab-page/measured-pairs.ts):
// one row per figure, a bar for each side, each row scaled to its own larger value.
import React, { type ReactNode } from 'react';
import type { MeasuredPair } from '../../lab-page/measured-pairs.ts';
import styles from './styles.module.css';

const W = 640;
const BAR = 14;
const LABEL_H = 16;
const COLORS = ['var(--ifm-color-primary)', '#b35c00'];

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en') : String(Math.round(n * 100) / 100);
}

export default function MeasuredChart({ pair }: { pair: MeasuredPair }): ReactNode {
  // each figure's name on its own line above its bars, so long names are never cut
  const rowH = LABEL_H + BAR * 2 + 10;
  const height = pair.metrics.length * rowH + 28;
  return (
    <figure className={styles.chart} data-lab-chart>
      <svg viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label={`${pair.names[0]} and ${pair.names[1]}, as step ${pair.step} measured them`}>
        {pair.names.map((name, j) => (
          <g key={name} transform={`translate(${j * 220}, 4)`}>
            <rect width={12} height={12} fill={COLORS[j]} />
            <text x={18} y={11} fontSize="13" fill="currentColor">
              {name}
            </text>
          </g>
        ))}
        {pair.metrics.map((m, i) => {
          const max = Math.max(...m.values, 1e-9);
          const y = 28 + i * rowH;
          return (
            <g key={m.name} transform={`translate(0, ${y})`}>
              <text x={0} y={12} fontSize="13" fill="currentColor">
                {m.name}
              </text>
              {m.values.map((v, j) => {
                const len = Math.max(((W - 80) * v) / max, 1);
                return (
                  <g key={j} transform={`translate(0, ${LABEL_H + j * BAR})`}>
                    <rect width={len} height={BAR - 2} fill={COLORS[j]} />
                    <text x={len + 5} y={BAR - 3} fontSize="11" fill="currentColor">
                      {fmt(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        Measured by the recorded run in step {pair.step}, <a href={`#${pair.anchor}`}>{pair.title}</a>
        {pair.machine === undefined ? '' : `, on ${pair.machine}`}. One sample, not a benchmark.
      </figcaption>
    </figure>
  );
}
