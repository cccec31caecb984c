import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureJars } from '../native/jars.ts';
import { startJvm } from '../native/jvm.ts';
import { kafkaReady } from '../native/probes.ts';
import { formatProperties, kraftNodeProperties } from '../native/properties.ts';
import { startPostgres } from '../native/postgres.ts';
import { ServiceError } from './errors.ts';
import { freePort } from './free-port.ts';
import { isAlive, pidDir, sweepOrphans } from './registry.ts';
import { retryOnPortClash } from '../native/native-stack.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-labs-fault-'));
  fs.chmodSync(dir, 0o755);
  return dir;
};

describe('faults while starting servers', () => {
  it('a server that dies while starting fails with its name and the tail of its log', async () => {
    const dir = tmp();
    const lib = await ensureJars('kafka');
    // broker-only roles with itself among the voters: Kafka's own config check refuses to start
    fs.writeFileSync(
      path.join(dir, 'server.properties'),
      formatProperties({ ...kraftNodeProperties({ nodeId: 1, brokerPort: await freePort(), controllerPort: await freePort() }, [{ nodeId: 1, brokerPort: 1, controllerPort: 2 }], path.join(dir, 'data')), 'process.roles': 'broker' }),
    );
    const broker = await startJvm({ name: 'kafka-misconfigured', dir, heapMb: 256, classpath: path.join(lib, '*'), mainClass: 'kafka.Kafka', args: ['server.properties'] });
    const error = await broker.waitReady(() => kafkaReady(['127.0.0.1:1'], 1), { timeoutMs: 60_000, hint: 'check process.roles' }).catch((e: unknown) => e);
    await broker.stop();
    expect(error).toBeInstanceOf(ServiceError);
    const message = (error as ServiceError).message;
    expect(message).toMatch(/^kafka-misconfigured: exited while starting \(exit code 1\)/);
    expect(message).toContain('last lines of the kafka-misconfigured log');
    expect(message).toContain('hint: check process.roles');
    expect((error as ServiceError).logTail).toMatch(/must not be included in the set of voters/);
  });

  it('a port in use is refused by PostgreSQL with a clear error, and the stack picks another port', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const dir = tmp();
    const error = await startPostgres(path.join(dir, 'pg-taken'), taken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).logTail).toMatch(/could not bind|Address already in use/);

    const tried: number[] = [];
    const pg = await retryOnPortClash(async () => {
      const port = tried.length === 0 ? taken : await freePort();
      tried.push(port);
      return startPostgres(path.join(dir, `pg-${tried.length}`), port);
    });
    blocker.close();
    await pg.process.stop();
    expect(tried).toHaveLength(2);
    expect(pg.info.port).not.toBe(taken);
    expect(pg.info.port).toBe(tried[1]);
  });

  it('servers of a run killed with SIGKILL are swept by the next run', async () => {
    // a child process that starts PostgreSQL and is then killed before it can stop it
    const child = spawn(process.execPath, [path.join(here, 'fixtures', 'start-postgres-and-hang.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /postgres pid (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(isAlive(pid)).toBe(true); // the orphan is there
    expect(fs.existsSync(path.join(pidDir, `${pid}.json`))).toBe(true);
    const swept = sweepOrphans();
    expect(swept.join()).toContain(`postgres (pid ${pid})`);
    await new Promise((r) => setTimeout(r, 500));
    expect(isAlive(pid)).toBe(false);
  });
});
