// --step's pause: waits for Enter on stdin. Lines typed ahead are kept; once stdin ends (piped
// input, Ctrl-D) it no longer waits.
import { createInterface, type Interface } from 'node:readline';

export interface Pauser {
  pause(prompt: string): Promise<void>;
  close(): void;
}

export function stdinPauser(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Pauser {
  const rl: Interface = createInterface({ input, terminal: false });
  const queued: string[] = [];
  const waiting: Array<() => void> = [];
  let closed = false;
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next === undefined) queued.push(line);
    else next();
  });
  rl.on('close', () => {
    closed = true;
    for (const w of waiting.splice(0)) w();
  });
  return {
    pause(prompt) {
      output.write(prompt);
      if (queued.length > 0 || closed) {
        queued.shift();
        output.write('\n');
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      rl.close();
    },
  };
}
