import fs from 'node:fs';

/** The last `lines` lines of a text file, read from its end (logs can grow large). */
export function tailFile(file: string, lines = 40, maxBytes = 64 * 1024): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString('utf8').replace(/\s+$/, '');
    return text.split('\n').slice(-lines).join('\n');
  } finally {
    fs.closeSync(fd);
  }
}

/** Indents a log tail for printing under an error message. */
export function formatTail(name: string, file: string, tail: string): string {
  if (!tail) return `(the ${name} log at ${file} is empty)`;
  return `last lines of the ${name} log (${file}):\n${tail.replace(/^/gm, '  | ')}`;
}
