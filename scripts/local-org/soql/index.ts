// SOQL over the local org's records.
export { executeQuery } from './execute.ts';
export type { QueryEnv, QueryResult } from './execute.ts';
export { queryFromText, queryFromTree } from './parse.ts';
export type { SoqlQuery } from './ast.ts';
