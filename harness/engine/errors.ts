// The engine's errors: one base class with a stable code and a retriable flag, so callers decide
// on codes and flags, never on message text (kafkajs' KafkaJSError and platformatic/kafka's
// errors.ts work the same way). Configuration errors name the key and, where there is a fixed set,
// the allowed values.

export interface EngineErrorOptions {
  /** worth a restart of the task (Debezium's RetriableException) */
  retriable?: boolean;
  cause?: unknown;
}

export class EngineError extends Error {
  /** stable, upper-case: CONFIG_INVALID, POSTGRES_SETUP, POSTGRES_CONNECTION_LOST, … */
  readonly code: string;
  readonly retriable: boolean;
  constructor(code: string, message: string, options: EngineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

export class ConfigError extends EngineError {
  readonly key: string;
  readonly allowed?: string[];
  constructor(key: string, message: string, allowed?: string[]) {
    super('CONFIG_INVALID', allowed ? `${key}: ${message} (allowed: ${allowed.join(', ')})` : `${key}: ${message}`);
    this.name = 'ConfigError';
    this.key = key;
    this.allowed = allowed;
  }
}

export class ConfigErrors extends EngineError {
  readonly errors: ConfigError[];
  constructor(errors: ConfigError[]) {
    super('CONFIG_INVALID', `invalid connector configuration (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
      errors.map((e) => `  - ${e.message}`).join('\n'));
    this.name = 'ConfigErrors';
    this.errors = errors;
  }
}
