// Modules the preview build generates (see plugins/salesforceModules.ts).

declare module 'keystone-preview:object-fields' {
    /** Custom field API names per object, read from the objects folder of every feature. */
    const objectFields: Record<string, readonly string[]>;
    export default objectFields;
}
