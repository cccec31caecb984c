// A client for the Confluent Schema Registry API on fetch: what the Avro converters need (register, look up,
// latest version, schema by id). Apicurio Registry 2.6 serves the same API under <url>/apis/ccompat/v6 and
// /v7, so an Apicurio URL (…/apis/registry/v2) is turned into its ccompat base. Errors name the registry URL
// and the configuration key it came from; an unreachable registry (or a 5xx) is retried with backoff and then
// retriable for the task (EngineError.retriable), a refusal (409 incompatible, 422 invalid) is not.
import { EngineError } from '../../errors.ts';

export interface RegistryClientOptions {
  /** the configuration key the URL came from, named in errors */
  urlKey: string;
  /** attempts for a request that could not reach the registry (default 4: waits 250, 500, 1000 ms) */
  attempts?: number;
  backoffMs?: number;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** The Confluent-compatible base: Apicurio's native API URL (…/apis/registry/vN) becomes …/apis/ccompat/v7. */
export function ccompatBase(url: string): string {
  const u = url.replace(/\/+$/, '');
  const apicurio = /^(.*)\/apis\/registry\/v\d+$/.exec(u);
  if (apicurio) return `${apicurio[1]}/apis/ccompat/v7`;
  return u;
}

/** The tail of each registry's queue of POSTs, by ccompat base URL. */
const registrationQueues = new Map<string, Promise<unknown>>();

export class RegistryClient {
  readonly url: string;
  readonly base: string;
  private readonly opts: Required<RegistryClientOptions>;
  private readonly byId = new Map<number, Promise<string>>();

  constructor(url: string, opts: RegistryClientOptions) {
    this.url = url;
    this.base = ccompatBase(url);
    this.opts = { attempts: 4, backoffMs: 250, ...opts };
  }

  /** POST /subjects/{subject}/versions: registers (or finds) the schema, returns its id. */
  async register(subject: string, schema: string): Promise<number> {
    const body = await this.oneAtATime(() => this.request('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema }, subject));
    return Number((body as { id: number }).id);
  }

  /** POST /subjects/{subject}: the id of a schema already registered under the subject (auto-register off). */
  async lookup(subject: string, schema: string): Promise<number> {
    const body = await this.oneAtATime(() => this.request('POST', `/subjects/${encodeURIComponent(subject)}`, { schema }, subject));
    return Number((body as { id: number }).id);
  }

  /**
   * Registrations and look-ups go to a registry one at a time, process-wide (the key and the value converter
   * each have a client), as the Java converters send them: one record at a time from the task's thread.
   * Apicurio Registry 2.4's in-memory storage (H2) answered concurrent registrations of a snapshot's eight
   * subjects with HTTP 500 "Timeout trying to lock table … MERGE INTO sequences", on every retry.
   */
  private oneAtATime<T>(call: () => Promise<T>): Promise<T> {
    const before = registrationQueues.get(this.base) ?? Promise.resolve();
    const mine = before.then(call, call);
    registrationQueues.set(this.base, mine.catch(() => undefined));
    return mine;
  }

  /** GET /subjects/{subject}/versions/latest (use.latest.version / find-latest). */
  async latest(subject: string): Promise<{ id: number; schema: string; version: number }> {
    return (await this.request('GET', `/subjects/${encodeURIComponent(subject)}/versions/latest`, undefined, subject)) as { id: number; schema: string; version: number };
  }

  /** GET /schemas/ids/{id}: the writer schema of a record (cached: ids never change). */
  schemaById(id: number): Promise<string> {
    let p = this.byId.get(id);
    if (!p) {
      p = this.request('GET', `/schemas/ids/${id}`, undefined, undefined).then((b) => (b as { schema: string }).schema);
      p.catch(() => this.byId.delete(id));
      this.byId.set(id, p);
    }
    return p;
  }

  private async request(method: string, path: string, body: unknown, subject: string | undefined): Promise<unknown> {
    const target = `${this.base}${path}`;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(target, {
          method,
          headers: { accept: CONTENT_TYPE, ...(body === undefined ? {} : { 'content-type': CONTENT_TYPE }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (err) {
        const why = (err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
        if (attempt < this.opts.attempts) {
          await new Promise((r) => setTimeout(r, this.opts.backoffMs * 2 ** (attempt - 1)));
          continue;
        }
        throw new EngineError('SCHEMA_REGISTRY_UNAVAILABLE',
          `Cannot reach the schema registry at ${this.url} (${this.opts.urlKey}) after ${attempt} attempts: ${why}`, { retriable: true, cause: err });
      }
      const text = await res.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: not a registry answer
      }
      if (res.ok && json !== undefined) return json;
      const message = (json as { message?: string } | undefined)?.message ?? text.slice(0, 200);
      const errorCode = (json as { error_code?: number } | undefined)?.error_code;
      const about = subject ? ` for subject "${subject}"` : '';
      // a registry's own error codes have five digits (40401 subject not found, 40403 schema not found, 42201 …);
      // another server's JSON error (Kafka Connect's REST answers {"error_code":404}) is not a registry
      const registryCode = errorCode !== undefined && errorCode >= 10_000;
      if (res.status >= 500 && attempt < this.opts.attempts) {
        await new Promise((r) => setTimeout(r, this.opts.backoffMs * 2 ** (attempt - 1)));
        continue;
      }
      // Confluent answers an incompatible schema with HTTP 409 / error_code 409, an invalid one with 422 / 42201
      if ((res.status === 409 || res.status === 422) && json !== undefined) {
        throw new EngineError('SCHEMA_REGISTRY_REFUSED', `The schema registry at ${this.url} refused the schema${about} (HTTP ${res.status}${errorCode ? `, error ${errorCode}` : ''}): ${message}`);
      }
      if (res.status === 404 && registryCode && subject !== undefined) {
        // 40401 subject not found, 40403 schema not found: the registry answered, the schema is not there
        throw new EngineError('SCHEMA_REGISTRY_NOT_FOUND', `The schema registry at ${this.url} has no such schema${about} (error ${errorCode}): ${message}`);
      }
      if (res.status === 404 && registryCode) {
        throw new EngineError('SCHEMA_REGISTRY_NOT_FOUND', `The schema registry at ${this.url} has no schema ${path.split('/').pop()} (error ${errorCode}): ${message}`);
      }
      if (res.status >= 500) {
        throw new EngineError('SCHEMA_REGISTRY_UNAVAILABLE', `The schema registry at ${this.url} (${this.opts.urlKey}) failed${about}: HTTP ${res.status} ${message}`, { retriable: true });
      }
      // a 404 without a registry error body, HTML, a redirect: the URL is not a registry's
      throw new EngineError('SCHEMA_REGISTRY_URL',
        `${this.opts.urlKey}=${this.url} does not look like a Confluent-compatible schema registry (${method} ${target} gave HTTP ${res.status}); ` +
        'for Apicurio Registry 2.x use http://host:port/apis/ccompat/v7 (or its /apis/registry/v2 URL)');
    }
  }
}
