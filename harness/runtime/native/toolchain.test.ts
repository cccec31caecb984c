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

/** A PATH folder holding only a link to this machine's java (found through the real PATH). */
function pathWithJavaOnly(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'java-only-'));
  const java = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'java')).find((p) => fs.existsSync(p));
  if (!java) throw new Error('no java on PATH');
  fs.symlinkSync(fs.realpathSync(java), path.join(dir, 'java'));
  return dir;
}

describe('detectToolchain', () => {
  it('finds the machine’s java and mvn', async () => {
    const toolchain = await detectToolchain();
    expect(toolchain.javaMajor).toBeGreaterThanOrEqual(17);
  });

  it('does not need a system mvn: it points at the Maven fetched into the cache', async () => {
    const { JAVA_HOME: _, ...rest } = process.env;
    const toolchain = await detectToolchain({ ...rest, PATH: pathWithJavaOnly() });
    expect(toolchain.javaMajor).toBeGreaterThanOrEqual(17);
    expect(toolchain.systemMaven).toBe(false);
    expect(toolchain.mvn).toMatch(/apache-maven-3\.9\.\d+[/\\]bin[/\\]mvn/);
  });

  it('names the Java packages per platform, and Docker as the other way, when java is missing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-tools-'));
    const error = await detectToolchain({ PATH: empty }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingToolchainError);
    const message = (error as Error).message;
    expect(message).toContain('Java 17 or newer');
    expect(message).not.toContain('Maven 3.8');
    expect(message).toContain('apt-get install -y openjdk-17-jdk-headless');
    expect(message).toContain('dnf install -y java-17-openjdk-headless');
    expect(message).toContain('brew install openjdk@17');
    expect(message).toContain('winget install EclipseAdoptium.Temurin.17.JDK');
    expect(message).toContain('--runtime containers');
  });
});
