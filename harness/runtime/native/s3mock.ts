import fs from 'node:fs';
import path from 'node:path';
import type { ManagedProcess } from '../process/managed-process.ts';
import { freePorts } from '../process/free-port.ts';
import type { S3Info } from '../types.ts';
import { httpReady } from './probes.ts';
import { startJvm } from './jvm.ts';

// Adobe S3Mock (a Spring Boot exec jar) as the native S3 store. It accepts any credentials.
// Property names from S3MockApplication: server.port (https), com.adobe.testing.s3mock.httpPort.

export interface StartedS3 {
  info: S3Info;
  process: ManagedProcess;
}

export async function startS3Mock(dir: string, jar: string): Promise<StartedS3> {
  const s3Dir = path.join(dir, 's3');
  fs.mkdirSync(s3Dir, { recursive: true });
  const [httpPort, httpsPort] = await freePorts(2);
  const proc = await startJvm({
    name: 's3',
    dir: s3Dir,
    heapMb: 384,
    jar,
    args: [
      `--server.port=${httpsPort}`,
      '--server.address=127.0.0.1',
      `--com.adobe.testing.s3mock.httpPort=${httpPort}`,
      `--com.adobe.testing.s3mock.store.root=${path.join(s3Dir, 'store')}`,
      '--com.adobe.testing.s3mock.store.retainFilesOnExit=false',
    ],
  });
  const endpoint = `http://127.0.0.1:${httpPort}`;
  await proc.waitReady(() => httpReady(`${endpoint}/`), { timeoutMs: 120_000, intervalMs: 250 });
  return {
    process: proc,
    info: { endpoint, region: 'us-east-1', accessKeyId: 'cdc-labs', secretAccessKey: 'cdc-labs-secret', forcePathStyle: true },
  };
}
