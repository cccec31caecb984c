// How every part of the engine logs: one function, levels as Kafka Connect's log4j names them.
// The embedding code (CLI, REST server, the kit) decides where lines go.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string) => void;
