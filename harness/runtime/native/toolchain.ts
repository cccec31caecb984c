import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { cacheRoot } from './cache-root.ts';
import { chooseMaven, downloadMaven } from './maven-download.ts';

const run = promisify(execFile);

export interface Toolchain {
  java: string;
  javaMajor: number;
  /**
   * `mvn` when the machine has Maven, else the launcher of the Maven fetched into the cache, which
   * may not be there yet: call findMaven() before running it.
   */
  mvn: string;
  /** true when `mvn` is the machine's own Maven */
  systemMaven: boolean;
}

/** How to get Java 17 on each platform, one line each. */
export const JAVA_INSTALL_HINTS = [
  'Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless',
  'Fedora: sudo dnf install -y java-17-openjdk-headless',
  'macOS: brew install openjdk@17',
  'Windows: winget install EclipseAdoptium.Temurin.17.JDK',
];

export class MissingToolchainError extends Error {
  /** `missing`: what is missing, e.g. 'Java 17 or newer (found Java 11)' */
  constructor(missing = 'Java 17 or newer') {
    super(
      [
        `The native runtime needs ${missing}, which is not on this machine (Maven is fetched by itself when missing).`,
        'Either install a JDK 17 (or newer) and put it on PATH or in JAVA_HOME:',
        ...JAVA_INSTALL_HINTS.map((line) => `  ${line}`),
        'or install Docker and run with `--runtime containers`. `npm run doctor` checks the whole machine.',
      ].join('\n'),
    );
    this.name = 'MissingToolchainError';
  }
}

/** Parses the major version from `java -version` output ('17.0.15', '1.8.0_392' → 8). */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

let cached: Promise<Toolchain> | undefined;

/**
 * Finds java (17 or newer: Kafka 3.9 and S3Mock 4 need it), or says what to install; and whether
 * the machine has its own mvn (without one, findMaven fetches Maven from Maven Central).
 */
export async function detectToolchain(env: NodeJS.ProcessEnv = process.env): Promise<Toolchain> {
  const java = env.JAVA_HOME ? `${env.JAVA_HOME}/bin/java` : 'java';
  let javaMajor = 0;
  try {
    const { stderr, stdout } = await run(java, ['-version'], { env });
    javaMajor = javaMajorVersion(stderr + stdout) ?? 0;
  } catch {
    throw new MissingToolchainError();
  }
  if (javaMajor < 17) throw new MissingToolchainError(`Java 17 or newer (found Java ${javaMajor})`);
  let systemMaven = true;
  try {
    await run('mvn', ['-v'], { env });
  } catch {
    systemMaven = false;
  }
  return { java, javaMajor, systemMaven, mvn: chooseMaven(systemMaven, cacheRoot()).mvn };
}

/** detectToolchain for this process, asked once. */
export function findToolchain(): Promise<Toolchain> {
  cached ??= detectToolchain();
  cached.catch(() => (cached = undefined));
  return cached;
}

/** The mvn to run: the machine's, or Maven fetched from Maven Central into the cache (with progress) on first use. */
export async function findMaven(onProgress: (line: string) => void = () => {}): Promise<string> {
  const toolchain = await findToolchain();
  if (toolchain.systemMaven || fs.existsSync(toolchain.mvn)) return toolchain.mvn;
  return downloadMaven(cacheRoot(), onProgress);
}
