// Permission sets, custom permissions and Apex classes as the project's source declares them
// (Metadata API: PermissionSet, CustomPermission, ApexClass).
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { metadataFiles } from '../source.ts';
import { packageDirectories } from '../schema/load.ts';
import { childBoolean, childText, childrenNamed, readXmlFile } from '../schema/xml.ts';

export interface ObjectPermission {
    object: string;
    allowRead: boolean;
    allowCreate: boolean;
    allowEdit: boolean;
    allowDelete: boolean;
    viewAllRecords: boolean;
    modifyAllRecords: boolean;
}

export interface FieldPermission {
    /** Object.Field as written in the file. */
    field: string;
    readable: boolean;
    editable: boolean;
}

export interface PermissionSetSource {
    name: string;
    label: string;
    description: string | null;
    objectPermissions: ObjectPermission[];
    fieldPermissions: FieldPermission[];
    customPermissions: string[];
    classAccesses: string[];
    customMetadataTypes: string[];
    /** User permissions enabled by name (ModifyAllData, ViewAllData, ManageUsers …). */
    userPermissions: string[];
    file: string;
}

export interface CustomPermissionSource {
    name: string;
    label: string;
    description: string | null;
}

export interface ApexClassSource {
    name: string;
    apiVersion: string | null;
}

export function readPermissionSets(projectRoot: string): PermissionSetSource[] {
    const sets: PermissionSetSource[] = [];
    for (const dir of packageDirectories(projectRoot)) {
        for (const file of metadataFiles(dir, 'permissionsets', '.permissionset-meta.xml')) {
            const xml = readXmlFile(file);
            const name = basename(file, '.permissionset-meta.xml');
            sets.push({
                name,
                label: childText(xml, 'label') ?? name,
                description: childText(xml, 'description') ?? null,
                objectPermissions: childrenNamed(xml, 'objectPermissions').map((p) => ({
                    object: childText(p, 'object') ?? '',
                    allowRead: childBoolean(p, 'allowRead', false),
                    allowCreate: childBoolean(p, 'allowCreate', false),
                    allowEdit: childBoolean(p, 'allowEdit', false),
                    allowDelete: childBoolean(p, 'allowDelete', false),
                    viewAllRecords: childBoolean(p, 'viewAllRecords', false),
                    modifyAllRecords: childBoolean(p, 'modifyAllRecords', false),
                })),
                fieldPermissions: childrenNamed(xml, 'fieldPermissions').map((p) => ({
                    field: childText(p, 'field') ?? '',
                    readable: childBoolean(p, 'readable', false),
                    editable: childBoolean(p, 'editable', false),
                })),
                customPermissions: childrenNamed(xml, 'customPermissions')
                    .filter((p) => childBoolean(p, 'enabled', false))
                    .map((p) => childText(p, 'name') ?? ''),
                classAccesses: childrenNamed(xml, 'classAccesses')
                    .filter((p) => childBoolean(p, 'enabled', false))
                    .map((p) => childText(p, 'apexClass') ?? ''),
                customMetadataTypes: childrenNamed(xml, 'customMetadataTypeAccesses')
                    .filter((p) => childBoolean(p, 'enabled', false))
                    .map((p) => childText(p, 'name') ?? ''),
                userPermissions: childrenNamed(xml, 'userPermissions')
                    .filter((p) => childBoolean(p, 'enabled', false))
                    .map((p) => childText(p, 'name') ?? ''),
                file,
            });
        }
    }
    return sets;
}

export function readCustomPermissions(projectRoot: string): CustomPermissionSource[] {
    const permissions: CustomPermissionSource[] = [];
    for (const dir of packageDirectories(projectRoot)) {
        for (const file of metadataFiles(dir, 'customPermissions', '.customPermission-meta.xml')) {
            const xml = readXmlFile(file);
            const name = basename(file, '.customPermission-meta.xml');
            permissions.push({
                name,
                label: childText(xml, 'label') ?? name,
                description: childText(xml, 'description') ?? null,
            });
        }
    }
    return permissions;
}

export function readApexClasses(projectRoot: string): ApexClassSource[] {
    const classes: ApexClassSource[] = [];
    for (const dir of packageDirectories(projectRoot)) {
        for (const file of metadataFiles(dir, 'classes', '.cls')) {
            const meta = `${file}-meta.xml`;
            let apiVersion: string | null = null;
            try {
                apiVersion =
                    /<apiVersion>([^<]*)<\/apiVersion>/.exec(readFileSync(meta, 'utf8'))?.[1] ??
                    null;
            } catch {
                apiVersion = null;
            }
            classes.push({ name: basename(file, '.cls'), apiVersion });
        }
    }
    return classes;
}
