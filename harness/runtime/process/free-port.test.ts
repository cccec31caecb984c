import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, freePorts, isListening } from './free-port.ts';

describe('free ports', () => {
  it('freePorts hands out distinct ports that can be bound', async () => {
    const ports = await freePorts(20);
    expect(new Set(ports).size).toBe(20);
    for (const p of ports) expect(p).toBeGreaterThan(0);
  });

  it('isListening tells a bound port from a free one', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const bound = (server.address() as net.AddressInfo).port;
    try {
      expect(await isListening(bound)).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await isListening(await freePort())).toBe(false);
  });
});
