// Hands-on's Kafka Connect REST endpoint. The learner's curl commands land here, and the runner
// serves them as it serves the lab's curl steps (rest of run-lab.ts): a connector JSON starts the
// lab's engine — the native engine in this process, or Debezium on the stack's Kafka Connect — with
// database.* pointed at the lab's database, and status, pause, restart and delete reach that handle.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (method: string, path: string, body: string | undefined) => Promise<unknown>;

export interface RestFront {
  url: string;
  /** Where requests go now (the step the learner is on); undefined between steps. */
  route(to: Route | undefined): void;
  close(): Promise<void>;
}

/** Kafka Connect's status codes for the calls the labs show. */
function statusFor(method: string, path: string, response: unknown): number {
  if (method === 'POST' && path.replace(/\/$/, '') === '/connectors') return 201;
  if (method === 'PUT' && /\/(pause|resume)$/.test(path)) return 202;
  return response === null || response === undefined ? 204 : 200;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' }).end(`${text}\n`);
}

export async function startRestFront(): Promise<RestFront> {
  let current: Route | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const body = chunks.length === 0 ? undefined : Buffer.concat(chunks).toString('utf8');
      if (current === undefined) {
        send(res, 409, { error_code: 409, message: 'no step is waiting for a request right now: wait for the runner to print the next step' });
        return;
      }
      current(method, path, body).then(
        (response) => send(res, statusFor(method, path, response), response),
        (err: unknown) => send(res, 400, { error_code: 400, message: err instanceof Error ? err.message : String(err) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route(to) {
      current = to;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
