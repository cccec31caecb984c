// Configuration errors: each names the key and, where there is a fixed set, the allowed values.
export class ConfigError extends Error {
  readonly key: string;
  readonly allowed?: string[];
  constructor(key: string, message: string, allowed?: string[]) {
    super(allowed ? `${key}: ${message} (allowed: ${allowed.join(', ')})` : `${key}: ${message}`);
    this.name = 'ConfigError';
    this.key = key;
    this.allowed = allowed;
  }
}

export class ConfigErrors extends Error {
  readonly errors: ConfigError[];
  constructor(errors: ConfigError[]) {
    super(`invalid connector configuration (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
      errors.map((e) => `  - ${e.message}`).join('\n'));
    this.name = 'ConfigErrors';
    this.errors = errors;
  }
}
