// Runs a SQL file written as a script of sessions: "-- session A" / "-- session B" switch the
// connection the next statements run on, "-- a consumer …" / "-- the consumer …" run them as the
// poller (rows recorded). Statements end with ";" at the end of a line. What runs is what is shown.
export type Speaker = 'A' | 'B' | 'consumer';

export interface Turn {
  speaker: Speaker;
  statement: string;
}

export function sessionScript(text: string): Turn[] {
  const turns: Turn[] = [];
  let speaker: Speaker = 'A';
  let pending: string[] = [];
  for (const line of text.split('\n')) {
    const session = /^-- session ([AB])\b/.exec(line);
    if (session !== null) speaker = session[1] as Speaker;
    else if (/^-- (a|the) consumer\b/.test(line)) speaker = 'consumer';
    if (line.startsWith('--') || line.trim() === '') continue;
    pending.push(line);
    if (/;\s*$/.test(line)) {
      turns.push({ speaker, statement: pending.join('\n').replace(/;\s*$/, '') });
      pending = [];
    }
  }
  return turns;
}
