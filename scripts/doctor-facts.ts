// Gathers the facts scripts/doctor-checks.ts judges: runs java/mvn/docker, looks on PATH, statfs.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheRoot } from '../harness/runtime/native/cache-root.ts';
import { chooseMaven, MAVEN_VERSION } from '../harness/runtime/native/maven-download.ts';
import { javaMajorVersion } from '../harness/runtime/native/toolchain.ts';
import { type DoctorFacts, type JavaFact, verdictLine } from './doctor-checks.ts';

const run = promisify(execFile);

async function output(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await run(command, args, { env, timeout: 15_000 });
    return stdout + stderr;
  } catch {
    return undefined;
  }
}

/** The first `name` (with Windows' extensions) in a PATH folder, without running anything. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

async function javaAt(java: string, env: NodeJS.ProcessEnv): Promise<JavaFact | undefined> {
  const out = await output(java, ['-version'], env);
  const major = out === undefined ? undefined : javaMajorVersion(out);
  return major === undefined ? undefined : { path: java, major };
}

async function gatherJava(env: NodeJS.ProcessEnv): Promise<JavaFact | undefined> {
  const java = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : (onPath('java', env) ?? 'java');
  return javaAt(java, env);
}

async function gatherJdk21(env: NodeJS.ProcessEnv, java: JavaFact | undefined): Promise<JavaFact | undefined> {
  if (java && java.major >= 21) return java;
  const homes = ['/usr/lib/jvm', '/Library/Java/JavaVirtualMachines'].flatMap((root) => {
    try {
      return fs.readdirSync(root).map((name) => (root.startsWith('/Library') ? path.join(root, name, 'Contents', 'Home') : path.join(root, name)));
    } catch {
      return [];
    }
  });
  if (env.JAVA_HOME) homes.unshift(env.JAVA_HOME);
  const seen = new Set<string>();
  let best: JavaFact | undefined;
  for (const home of homes) {
    const java = path.join(home, 'bin', 'java');
    const real = fs.existsSync(java) ? fs.realpathSync(java) : undefined;
    if (!real || seen.has(real)) continue;
    seen.add(real);
    const fact = await javaAt(java, env);
    if (fact && fact.major >= 21 && (!best || fact.major > best.major)) best = fact;
  }
  return best;
}

async function gatherDocker(env: NodeJS.ProcessEnv): Promise<DoctorFacts['docker']> {
  const docker = onPath('docker', env);
  if (!docker) return { client: false, engine: false };
  try {
    const { stdout } = await run(docker, ['info', '--format', '{{.ServerVersion}}'], { env, timeout: 15_000 });
    const serverVersion = stdout.trim();
    return serverVersion ? { client: true, engine: true, serverVersion } : { client: true, engine: false };
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    const first = stderr.split('\n').find((l) => l.trim()) ?? (error as Error).message.split('\n')[0];
    return { client: true, engine: false, error: first?.slice(0, 160) };
  }
}

function gatherChromium(env: NodeJS.ProcessEnv): DoctorFacts['chromium'] {
  for (const variable of ['CHROMIUM_PATH', 'CHROME_PATH']) {
    const value = env[variable];
    if (value && fs.existsSync(value)) return { path: value, from: variable };
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = onPath(name, env);
    if (found) return { path: found, from: 'PATH' };
  }
  return undefined;
}

function gatherDisk(dir: string): DoctorFacts['disk'] {
  let probe = dir;
  while (!fs.existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  try {
    const s = fs.statfsSync(probe);
    return { path: dir, freeBytes: s.bavail * s.bsize };
  } catch {
    return { path: dir };
  }
}

function gatherRepo(repo: string): DoctorFacts['repo'] {
  const stat = fs.statSync(repo);
  let owner = String(stat.uid);
  try {
    if (stat.uid === os.userInfo().uid) owner = `${os.userInfo().username} (you)`;
  } catch {
    // no user database entry
  }
  const closedAncestors: string[] = [];
  if (process.platform !== 'win32') {
    for (let dir = path.dirname(repo); ; dir = path.dirname(dir)) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) closedAncestors.push(`${dir} ${(mode & 0o777).toString(8)}`);
      if (path.dirname(dir) === dir) break;
    }
  }
  return { path: repo, mode: stat.mode, owner, closedAncestors };
}

export async function gatherFacts(env: NodeJS.ProcessEnv = process.env, repo = process.cwd()): Promise<DoctorFacts> {
  const root = cacheRoot();
  const mvnOnPath = onPath('mvn', env);
  const [java, systemMavenOut, docker] = await Promise.all([gatherJava(env), mvnOnPath ? output(mvnOnPath, ['-v'], env) : undefined, gatherDocker(env)]);
  const fetched = chooseMaven(false, root).mvn;
  return {
    platform: process.platform,
    nodeVersion: process.versions.node,
    java,
    jdk21: await gatherJdk21(env, java),
    // eslint-disable-next-line no-control-regex
    systemMaven: systemMavenOut?.split('\n')[0]?.replace(/\u001b\[[0-9;]*m/g, '').trim() || undefined,
    brokenMaven: mvnOnPath && systemMavenOut === undefined ? mvnOnPath : undefined,
    fetchedMaven: { path: fetched, present: fs.existsSync(fetched), version: MAVEN_VERSION },
    docker,
    chromium: gatherChromium(env),
    disk: gatherDisk(path.dirname(root)),
    repo: gatherRepo(repo),
  };
}

/**
 * The one-line verdict (which runtime `--runtime auto` would pick, or what to install), for a lab
 * run to print when a requirement is missing. Looks only at Java and the Docker engine.
 */
export async function runtimeVerdict(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const [java, docker] = await Promise.all([gatherJava(env), gatherDocker(env)]);
  return verdictLine({ java, docker, platform: process.platform });
}
