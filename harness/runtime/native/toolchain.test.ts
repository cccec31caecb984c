import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectToolchain, javaMajorVersion, MissingToolchainError } from './toolchain.ts';

describe('javaMajorVersion', () => {
  it('reads modern and legacy version strings', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('java version "1.8.0_392"')).toBe(8);
    expect(javaMajorVersion('no java here')).toBeUndefined();
  });
});

describe('detectToolchain', () => {
  it('finds the machine’s java and mvn', async () => {
    const toolchain = await detectToolchain();
    expect(toolchain.javaMajor).toBeGreaterThanOrEqual(17);
  });

  it('names what to install, and Docker as the other way, when java and mvn are missing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-tools-'));
    const error = await detectToolchain({ PATH: empty }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingToolchainError);
    const message = (error as Error).message;
    expect(message).toContain('Java 17 or newer and Maven 3.8 or newer');
    expect(message).toContain('apt-get install');
    expect(message).toContain('--runtime containers');
  });
});
