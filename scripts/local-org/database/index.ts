// The local org's records: store, Ids, DML engine.
export { LocalDatabase, LoadError } from './database.ts';
export type { DatabaseOptions, DatabaseSnapshot, Savepoint, SecurityAccess } from './database.ts';
export { STANDARD_PROFILES } from './seed.ts';
export type { SeedIds } from './seed.ts';
export type * from './types.ts';
export { makeId, normalizeId } from './ids.ts';
