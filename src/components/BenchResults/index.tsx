// A recorded `npm run bench -- engines --record`: the figures as a table, and each figure as a bar
// of "times better than Debezium" (higher throughput, or lower latency and memory).
import React from 'react';
import { usePluginData } from '@docusaurus/useGlobalData';

interface Figure {
  label: string;
  unit: string;
  better: 'higher' | 'lower';
  debezium?: number;
  ours?: number;
}

interface Recorded {
  machine: string;
  /** 1, 5 and 15 minute load averages when the run started and when it ended */
  loadAverage: { start: number[]; end: number[] };
  /** Kafka's Java producer with the same records in the same run: what the broker takes at most */
  ceiling?: { javaRecordsPerSecond: number | null; recordBytes: number };
  recordedAt: string;
  workload: { snapshotRows: number; streamRows: number; steadyRate: number; steadySeconds: number; connectBootMs: number };
  figures: Figure[];
}

const advantage = (f: Figure): number | undefined =>
  f.debezium && f.ours ? (f.better === 'higher' ? f.ours / f.debezium : f.debezium / f.ours) : undefined;

const fmt = (n: number | undefined): string => (n === undefined ? '–' : n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1));

export default function BenchResults({ path }: { path: string }): React.JSX.Element {
  const files = usePluginData('repo-files') as Record<string, string>;
  const data = JSON.parse(files[path] ?? '{}') as Recorded;
  const max = Math.max(1, ...data.figures.map((f) => advantage(f) ?? 0));
  const ceiling = data.ceiling?.javaRecordsPerSecond ?? undefined;
  const streaming = data.figures.find((f) => f.label.startsWith('streaming'));
  const pct = (rate: number | undefined): string => (rate === undefined || ceiling === undefined ? '–' : `${Math.round((rate / ceiling) * 100)}%`);
  const width = 520;
  const bar = 22;
  return (
    <div>
      <p>
        Recorded {data.recordedAt} on {data.machine}, load average (1 / 5 / 15 min) {data.loadAverage.start.join(' / ')} at
        the start and {data.loadAverage.end.join(' / ')} at the end (read 30 s after the servers stopped). Workload:
        a {data.workload.snapshotRows.toLocaleString('en')}-row snapshot, {data.workload.streamRows.toLocaleString('en')} rows
        streamed in one transaction, {data.workload.steadyRate} transactions/s for {data.workload.steadySeconds} s.
      </p>
      <table>
        <thead>
          <tr><th>figure</th><th>Debezium 3.2.7</th><th>our engine</th><th>advantage</th></tr>
        </thead>
        <tbody>
          {data.figures.map((f) => (
            <tr key={f.label}>
              <td>{f.label} ({f.unit}, {f.better} is better)</td>
              <td>{fmt(f.debezium)}</td>
              <td>{fmt(f.ours)}</td>
              <td>{advantage(f) === undefined ? '–' : `${advantage(f)!.toFixed(2)}×`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ceiling !== undefined && streaming !== undefined && (
        <p>
          The broker&apos;s ceiling in the same run: Kafka&apos;s own Java producer sent {fmt(ceiling)} records/s of the same
          {' '}{data.ceiling!.recordBytes}-byte records. Streaming one transaction reached {pct(streaming.ours)} of it with our
          engine and {pct(streaming.debezium)} with Debezium.
        </p>
      )}
      {/* scales down with the column, so a phone does not scroll sideways; 70 px right of the longest bar for its label */}
      <svg role="img" aria-label="advantage of our engine over Debezium per figure" viewBox={`0 0 ${width + 320} ${data.figures.length * (bar + 8) + 24}`} width="100%" style={{ maxWidth: width + 320 }}>
        {data.figures.map((f, i) => {
          const a = advantage(f) ?? 0;
          const y = i * (bar + 8);
          return (
            <g key={f.label}>
              <text x={0} y={y + bar * 0.7} fontSize={12} fill="currentColor">{f.label}</text>
              <rect x={250} y={y} width={(a / max) * width} height={bar} fill={a >= 1 ? '#2e8555' : '#c0392b'} />
              <text x={255 + (a / max) * width} y={y + bar * 0.7} fontSize={12} fill="currentColor">{a.toFixed(2)}×</text>
            </g>
          );
        })}
        <line x1={250 + width / max} x2={250 + width / max} y1={0} y2={data.figures.length * (bar + 8)} stroke="currentColor" strokeDasharray="4 3" />
        <text x={250 + width / max + 4} y={data.figures.length * (bar + 8) + 16} fontSize={11} fill="currentColor">1× = as good as Debezium</text>
      </svg>
    </div>
  );
}
