// Who may do what: profiles, permission sets, custom permissions, class access, FLS.
export { loadSecurity, SecurityModel } from './model.ts';
export type { AccessType, StripResult } from './model.ts';
export { profileRights } from './profiles.ts';
export { readApexClasses, readCustomPermissions, readPermissionSets } from './source.ts';
export type { PermissionSetSource, ObjectPermission, FieldPermission } from './source.ts';
