// The org schema: project metadata on top of the standard-object catalogue.
export { loadOrgSchema, packageDirectories, SchemaLoadError } from './load.ts';
export type * from './types.ts';
export {
    STANDARD_OBJECTS,
    DEFAULT_OPPORTUNITY_STAGES,
    DEFAULT_TASK_STATUSES,
    DEFAULT_TASK_PRIORITIES,
} from './standard.ts';
