import { afterAll, expect, it } from 'vitest';
import { startRestFront } from './rest-front.ts';

const front = await startRestFront();
afterAll(() => front.close());

it('answers 409 between steps, then serves the step with Kafka Connect status codes', async () => {
  expect((await fetch(`${front.url}/connectors`)).status).toBe(409);
  const seen: string[] = [];
  front.route(async (method, path, body) => {
    seen.push(`${method} ${path} ${body ?? ''}`);
    if (path.endsWith('/status')) return { connector: { state: 'RUNNING' } };
    if (method === 'POST') return { name: 'c' };
    if (path === '/bad') throw new Error('not a request the kit can serve');
    return null;
  });
  const created = await fetch(`${front.url}/connectors`, { method: 'POST', body: '{"name":"c"}' });
  expect(created.status).toBe(201);
  expect(await created.json()).toEqual({ name: 'c' });
  expect((await fetch(`${front.url}/connectors/c/status`)).status).toBe(200);
  expect((await fetch(`${front.url}/connectors/c`, { method: 'DELETE' })).status).toBe(204);
  const bad = await fetch(`${front.url}/bad`);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { message: string }).message).toMatch(/not a request/);
  expect(seen[0]).toBe('POST /connectors {"name":"c"}');
});
