// Hands-on's answers: one line of input per question. Lines typed ahead are kept (a test feeds
// them all at once); once input ends (Ctrl-D, a closed pipe) every question gets "".
import { createInterface } from 'node:readline';

export interface LineReader {
  ask(prompt: string): Promise<string>;
  close(): void;
}

export function lineReader(input: NodeJS.ReadableStream, write: (text: string) => void): LineReader {
  const rl = createInterface({ input, terminal: false });
  const queued: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let closed = false;
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next === undefined) queued.push(line);
    else next(line);
  });
  rl.on('close', () => {
    closed = true;
    for (const w of waiting.splice(0)) w('');
  });
  return {
    ask(prompt) {
      write(prompt);
      const line = queued.shift();
      if (line !== undefined || closed) {
        write('\n');
        return Promise.resolve(line ?? '');
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      rl.close();
    },
  };
}
