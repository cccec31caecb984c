import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Toolchain {
  java: string;
  javaMajor: number;
  mvn: string;
}

export class MissingToolchainError extends Error {
  constructor(missing: string[]) {
    super(
      [
        `The native runtime needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not on this machine.`,
        'Either install them (Debian/Ubuntu: `apt-get install -y openjdk-17-jdk-headless maven`;',
        'macOS: `brew install openjdk@17 maven`), or install Docker and run with `--runtime containers`.',
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

/** Finds java (17 or newer: Kafka 3.9 and S3Mock 4 need it) and mvn, or says what to install. */
export async function detectToolchain(env: NodeJS.ProcessEnv = process.env): Promise<Toolchain> {
  const java = env.JAVA_HOME ? `${env.JAVA_HOME}/bin/java` : 'java';
  const mvn = 'mvn';
  const missing: string[] = [];
  let javaMajor = 0;
  try {
    const { stderr, stdout } = await run(java, ['-version'], { env });
    javaMajor = javaMajorVersion(stderr + stdout) ?? 0;
    if (javaMajor < 17) missing.push(`Java 17 or newer (found Java ${javaMajor})`);
  } catch {
    missing.push('Java 17 or newer');
  }
  try {
    await run(mvn, ['-v'], { env });
  } catch {
    missing.push('Maven 3.8 or newer');
  }
  if (missing.length) throw new MissingToolchainError(missing);
  return { java, javaMajor, mvn };
}

/** detectToolchain for this process, asked once. */
export function findToolchain(): Promise<Toolchain> {
  cached ??= detectToolchain();
  cached.catch(() => (cached = undefined));
  return cached;
}
