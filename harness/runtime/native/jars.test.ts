import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pomFile, progressLine, versionProperties } from './jars.ts';

describe('the Maven pom', () => {
  it('has default versions equal to harness/versions.ts (the harness passes them, the pom documents them)', () => {
    const pom = fs.readFileSync(pomFile, 'utf8');
    for (const [key, value] of Object.entries(versionProperties())) {
      expect(pom, key).toContain(`<${key}>${value}</${key}>`);
    }
  });
});

describe('progressLine', () => {
  it('turns Maven download lines into short progress', () => {
    const line = '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/kafka/kafka_2.13/3.9.1/kafka_2.13-3.9.1.jar (6.6 MB at 9.1 MB/s)';
    expect(progressLine(line)).toBe('downloaded kafka_2.13-3.9.1.jar (6.6 MB)');
    expect(progressLine('Downloaded from central: https://x/y/z.pom (2.1 kB at 40 kB/s)')).toBe('downloaded z.pom (2.1 kB)');
    expect(progressLine('[INFO] Building native-runtime-jars 1')).toBeUndefined();
    expect(progressLine('[ERROR] Failed to execute goal')).toBe('[ERROR] Failed to execute goal');
  });
});
