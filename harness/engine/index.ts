// Public API of the engine.
export { startEngine } from './start-engine.js';
export type { Engine, EngineOptions } from './engine.js';
export type { ConnectorStatus, ConnectorState } from './engine-status.js';
export { EngineSetupError } from './pg-errors.js';
