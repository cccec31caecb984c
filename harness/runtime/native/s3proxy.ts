// S3Proxy (org.gaul:s3proxy from Maven Central) as an optional native S3 store that checks AWS
// SigV2/SigV4 signatures, on jclouds' in-memory "transient" blob store. S3Mock, the stack's store,
// accepts any credentials; this one answers SignatureDoesNotMatch / InvalidAccessKeyId (HTTP 403)
// as AWS does. Not part of the shared stack: a test starts it when it needs authentication.
// Settings from S3Proxy's README and s3proxy.conf: s3proxy.endpoint, s3proxy.authorization,
// s3proxy.identity/credential, jclouds.provider.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { versions } from '../../versions.ts';
import type { ManagedProcess } from '../process/managed-process.ts';
import { freePort } from '../process/free-port.ts';
import type { S3Info } from '../types.ts';
import { cacheRoot, progressLine } from './jars.ts';
import { startJvm } from './jvm.ts';
import { findMaven } from './toolchain.ts';

const pom = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maven', 's3proxy-pom.xml');

/** The S3Proxy jars in the cache (fetched by Maven on first use, with progress). */
export async function ensureS3ProxyJars(onProgress: (line: string) => void = () => {}): Promise<string> {
  const dir = path.join(cacheRoot(), `s3proxy-${versions.s3.s3proxy}`);
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return dir;
  const mvn = await findMaven(onProgress);
  onProgress(`fetching s3proxy ${versions.s3.s3proxy} jars from Maven Central into ${dir} (first run only)`);
  const args = ['-B', '-f', pom, `-Ds3proxy.version=${versions.s3.s3proxy}`, `-Dcdc.out=${dir}`, 'generate-resources'];
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(mvn, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const p = progressLine(line);
      if (p) onProgress(`  ${p}`);
    });
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', reject);
    child.once('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`Maven could not fetch the s3proxy jars (exit code ${code}).\n${output.slice(-25).join('\n')}`);
  fs.writeFileSync(marker, new Date().toISOString());
  return dir;
}

export interface StartedS3Proxy {
  info: S3Info;
  process: ManagedProcess;
}

const LOGBACK = `<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="OUT"/></root>
</configuration>
`;

/** Starts S3Proxy in `dir` with one key pair; any other key or secret is refused. */
export async function startS3Proxy(
  dir: string,
  credentials: { accessKeyId: string; secretAccessKey: string } = { accessKeyId: 'cdc-labs', secretAccessKey: 'cdc-labs-secret' },
  onProgress?: (line: string) => void,
): Promise<StartedS3Proxy> {
  const jars = await ensureS3ProxyJars(onProgress);
  const own = path.join(dir, 's3proxy');
  fs.mkdirSync(own, { recursive: true });
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const conf = path.join(own, 's3proxy.conf');
  fs.writeFileSync(conf, [
    `s3proxy.endpoint=${endpoint}`,
    's3proxy.authorization=aws-v2-or-v4',
    `s3proxy.identity=${credentials.accessKeyId}`,
    `s3proxy.credential=${credentials.secretAccessKey}`,
    'jclouds.provider=transient',
    `jclouds.identity=${credentials.accessKeyId}`,
    `jclouds.credential=${credentials.secretAccessKey}`,
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(own, 'logback.xml'), LOGBACK);
  const proc = await startJvm({
    name: 's3proxy',
    dir: own,
    heapMb: 256,
    classpath: `${jars}/*`,
    mainClass: 'org.gaul.s3proxy.Main',
    args: ['--properties', conf],
    systemProperties: { 'logback.configurationFile': path.join(own, 'logback.xml') },
  });
  // any HTTP answer means it serves (an anonymous request gets 403 AccessDenied)
  await proc.waitReady(async () => {
    const r = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(2000) });
    await r.arrayBuffer();
    return r.status > 0;
  }, { timeoutMs: 120_000, intervalMs: 250 });
  return { process: proc, info: { endpoint, region: 'us-east-1', ...credentials, forcePathStyle: true } };
}
