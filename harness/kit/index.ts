// What lab specs import. Pure: loading a spec never connects to anything.
export { defineLab, step, claim, sql, json, curl, shell, LabDefinitionError } from './define.ts';
export { opOf, isTombstone, compactEvent, envelope } from './debezium-event.ts';
export type { ChangeEvent, DebeziumEnvelope, DebeziumSource } from './debezium-event.ts';
export type { StepContext, Row } from './types.ts';
export type { LabSpec, StepSpec, Claim, Show, LoadedLab, EngineName } from './types.ts';
export { waitUntil } from './wait.ts';
export { readSlot, requireSlot, currentWalLsn, waitForSlotReleased } from './slots.ts';
export type { SlotState } from './slots.ts';
export { waitForTarget, waitForSinkCommit, sinkCommittedOffset } from './sink-waits.ts';
