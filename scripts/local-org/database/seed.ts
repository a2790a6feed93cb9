// The rows every org starts with: the organization, the standard profiles and a System
// Administrator (the user tests run as), the standard price book, the opportunity stage, task
// status and priority value sets, and what the project's source declares as records
// (permission sets with their custom-permission and class grants, custom permissions, Apex
// classes, record types, custom metadata records, static resources).
import { readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { D } from '../interpreter/decimal.ts';
import { UnsupportedError } from '../interpreter/errors.ts';
import { DateValue, DatetimeValue, DecimalValue, IntegerValue } from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import { packageDirectories } from '../schema/load.ts';
import {
    DEFAULT_OPPORTUNITY_STAGES,
    DEFAULT_TASK_PRIORITIES,
    DEFAULT_TASK_STATUSES,
} from '../schema/standard.ts';
import type { CustomMetadataValue, FieldDescribe } from '../schema/types.ts';
import { childText, readXmlFile } from '../schema/xml.ts';
import { metadataFiles } from '../source.ts';
import { readApexClasses, readCustomPermissions, readPermissionSets } from '../security/source.ts';
import type { LocalDatabase } from './database.ts';
import { atScale } from './values.ts';

/** The standard profiles every org has (Help: "Standard Profiles"). */
export const STANDARD_PROFILES = {
    systemAdministrator: 'System Administrator',
    standardUser: 'Standard User',
    readOnly: 'Read Only',
    minimumAccess: 'Minimum Access - Salesforce',
} as const;

export interface SeedIds {
    organizationId: string;
    adminUserId: string;
    profileIds: Map<string, string>; // profile name → Id
    standardPricebookId: string;
    permissionSetIds: Map<string, string>; // lower-case name → Id
    customPermissionIds: Map<string, string>;
}

export function seedOrg(db: LocalDatabase, timeZone: string): SeedIds {
    const root = db.schema.projectRoot;
    const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
        namespace?: string;
    };
    const namespace = project.namespace ? project.namespace : null;
    const insert = (object: string, values: Record<string, ApexValue>): string => {
        const describe = db.schema.require(object);
        const id = db.newId(describe);
        const map = new Map<string, ApexValue>();
        for (const [k, v] of Object.entries(values)) map.set(k.toLowerCase(), v);
        stampAudit(db, describe.fields, map, id);
        db.store.insert(describe, id, map);
        return id;
    };

    const organizationId = insert('Organization', {
        Name: 'Local Org',
        TimeZoneSidKey: timeZone,
        DefaultLocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        IsSandbox: false,
        OrganizationType: 'Developer Edition',
        FiscalYearStartMonth: new IntegerValue(1),
        NamespacePrefix: namespace,
        InstanceName: 'LOCAL',
        DefaultAccountAccess: defaultAccess(db, 'Account', 'Edit'),
        DefaultContactAccess: defaultAccess(db, 'Contact', 'ControlledByParent'),
        DefaultOpportunityAccess: defaultAccess(db, 'Opportunity', 'Edit'),
        DefaultLeadAccess: defaultAccess(db, 'Lead', 'ReadEditTransfer'),
        DefaultCaseAccess: defaultAccess(db, 'Case', 'ReadEditTransfer'),
        DefaultCalendarAccess: 'HideDetails',
    });

    const profileIds = new Map<string, string>();
    const profile = (name: string, admin: boolean): void => {
        profileIds.set(
            name,
            insert('Profile', {
                Name: name,
                UserType: 'Standard',
                PermissionsModifyAllData: admin,
                PermissionsViewAllData: admin,
                PermissionsManageUsers: admin,
                PermissionsAuthorApex: admin,
                PermissionsCustomizeApplication: admin,
                PermissionsApiEnabled: name !== STANDARD_PROFILES.minimumAccess,
            }),
        );
    };
    profile(STANDARD_PROFILES.systemAdministrator, true);
    profile(STANDARD_PROFILES.standardUser, false);
    profile(STANDARD_PROFILES.readOnly, false);
    profile(STANDARD_PROFILES.minimumAccess, false);

    const adminProfileId = profileIds.get(STANDARD_PROFILES.systemAdministrator) as string;
    const adminUserId = insert('User', {
        Username: 'admin@local-org.invalid',
        FirstName: 'Local',
        LastName: 'Administrator',
        Name: 'Local Administrator',
        Alias: 'ladmin',
        CommunityNickname: 'ladmin',
        Email: 'admin@local-org.invalid',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: timeZone,
        ProfileId: adminProfileId,
        IsActive: true,
        UserType: 'Standard',
    });
    // Rows made before the admin existed are created by the admin.
    for (const row of db.store.byId.values()) {
        for (const key of ['createdbyid', 'lastmodifiedbyid'])
            if (row.table.object.fields.has(key)) row.values.set(key, adminUserId);
    }
    db.currentUserId = adminUserId;

    // The group of every internal user, which sharing can name (Object Reference: Group, Type Organization).
    insert('Group', {
        Name: 'All Internal Users',
        DeveloperName: 'AllInternalUsers',
        Type: 'Organization',
        DoesIncludeBosses: false,
        DoesSendEmailToMembers: false,
    });

    // Every profile owns a permission set (Object Reference: PermissionSet.IsOwnedByProfile).
    for (const [name, profileId] of profileIds) {
        insert('PermissionSet', {
            Name: `X${profileId.slice(0, 15)}`,
            Label: name,
            IsOwnedByProfile: true,
            ProfileId: profileId,
            IsCustom: false,
            Type: 'Profile',
            PermissionsModifyAllData: name === STANDARD_PROFILES.systemAdministrator,
            PermissionsViewAllData: name === STANDARD_PROFILES.systemAdministrator,
            PermissionsManageUsers: name === STANDARD_PROFILES.systemAdministrator,
        });
    }

    const standardPricebookId = insert('Pricebook2', {
        Name: 'Standard Price Book',
        IsActive: true,
        IsStandard: true,
        IsArchived: false,
    });

    DEFAULT_OPPORTUNITY_STAGES.forEach((stage, i) => {
        insert('OpportunityStage', {
            ApiName: stage.apiName,
            MasterLabel: stage.apiName,
            IsActive: true,
            SortOrder: new IntegerValue(i + 1),
            IsClosed: stage.closed,
            IsWon: stage.won,
            DefaultProbability: new DecimalValue(new D(stage.probability), 0),
            ForecastCategory: stage.forecastCategory,
            ForecastCategoryName: stage.forecastCategoryName,
        });
    });
    DEFAULT_TASK_STATUSES.forEach((status, i) => {
        insert('TaskStatus', {
            ApiName: status.apiName,
            MasterLabel: status.apiName,
            SortOrder: new IntegerValue(i + 1),
            IsDefault: status.isDefault,
            IsClosed: status.closed,
        });
    });
    DEFAULT_TASK_PRIORITIES.forEach((priority, i) => {
        insert('TaskPriority', {
            ApiName: priority.apiName,
            MasterLabel: priority.apiName,
            SortOrder: new IntegerValue(i + 1),
            IsDefault: priority.isDefault,
            IsHighPriority: priority.high,
        });
    });

    const classIds = new Map<string, string>();
    for (const cls of readApexClasses(root)) {
        classIds.set(
            cls.name.toLowerCase(),
            insert('ApexClass', {
                Name: cls.name,
                NamespacePrefix: namespace,
                ApiVersion: cls.apiVersion ? new DecimalValue(new D(cls.apiVersion), 1) : null,
                Status: 'Active',
                IsValid: true,
            }),
        );
    }

    // one ApexTrigger row per trigger file, as the Tooling API lists them (status from its -meta.xml)
    for (const dir of packageDirectories(root)) {
        for (const file of metadataFiles(dir, 'triggers', '.trigger')) {
            const meta = existsSync(`${file}-meta.xml`)
                ? readFileSync(`${file}-meta.xml`, 'utf8')
                : '';
            const apiVersion = /<apiVersion>([^<]*)<\/apiVersion>/.exec(meta)?.[1] ?? null;
            insert('ApexTrigger', {
                Name: basename(file, '.trigger'),
                TableEnumOrId:
                    /^\s*trigger\s+\w+\s+on\s+(\w+)/im.exec(readFileSync(file, 'utf8'))?.[1] ??
                    null,
                NamespacePrefix: namespace,
                ApiVersion: apiVersion ? new DecimalValue(new D(apiVersion), 1) : null,
                Status: /<status>([^<]*)<\/status>/.exec(meta)?.[1] ?? 'Active',
                IsValid: true,
            });
        }
    }

    const customPermissionIds = new Map<string, string>();
    for (const permission of readCustomPermissions(root)) {
        customPermissionIds.set(
            permission.name.toLowerCase(),
            insert('CustomPermission', {
                DeveloperName: permission.name,
                MasterLabel: permission.label,
                Description: permission.description,
                NamespacePrefix: namespace,
                IsProtected: false,
                IsLicensed: false,
            }),
        );
    }

    const permissionSetIds = new Map<string, string>();
    for (const set of readPermissionSets(root)) {
        const id = insert('PermissionSet', {
            Name: set.name,
            Label: set.label,
            Description: set.description,
            IsOwnedByProfile: false,
            IsCustom: true,
            Type: 'Regular',
            NamespacePrefix: namespace,
            PermissionsModifyAllData: set.userPermissions.includes('ModifyAllData'),
            PermissionsViewAllData: set.userPermissions.includes('ViewAllData'),
            PermissionsManageUsers: set.userPermissions.includes('ManageUsers'),
        });
        permissionSetIds.set(set.name.toLowerCase(), id);
        for (const name of set.customPermissions) {
            const entity = customPermissionIds.get(name.toLowerCase());
            if (!entity)
                throw new UnsupportedError(
                    `${set.file}: the custom permission ${name} is not in any customPermissions folder`,
                    undefined,
                );
            insert('SetupEntityAccess', {
                ParentId: id,
                SetupEntityId: entity,
                SetupEntityType: 'CustomPermission',
            });
        }
        for (const name of set.classAccesses) {
            const entity = classIds.get(name.toLowerCase());
            if (!entity)
                throw new UnsupportedError(
                    `${set.file}: the Apex class ${name} is not in any classes folder`,
                    undefined,
                );
            insert('SetupEntityAccess', {
                ParentId: id,
                SetupEntityId: entity,
                SetupEntityType: 'ApexClass',
            });
        }
    }

    const recordTypes =
        (db.schema as { recordTypes?: { object: string; xml: ReturnType<typeof readXmlFile> }[] })
            .recordTypes ?? [];
    for (const { object, xml } of recordTypes) {
        const developerName = childText(xml, 'fullName') ?? '';
        insert('RecordType', {
            Name: childText(xml, 'label') ?? developerName,
            DeveloperName: developerName,
            SobjectType: object,
            IsActive: childText(xml, 'active') !== 'false',
            Description: childText(xml, 'description') ?? null,
            NamespacePrefix: namespace,
        });
    }

    seedCustomMetadata(db, insert, namespace);
    seedStaticResources(db, insert, namespace, root);

    return {
        organizationId,
        adminUserId,
        profileIds,
        standardPricebookId,
        permissionSetIds,
        customPermissionIds,
    };
}

function stampAudit(
    db: LocalDatabase,
    fields: Map<string, FieldDescribe>,
    values: Map<string, ApexValue>,
    _id: string,
): void {
    const now = new DatetimeValue(db.stamp());
    for (const key of ['createddate', 'lastmodifieddate', 'systemmodstamp'])
        if (fields.has(key)) values.set(key, now);
    for (const key of ['createdbyid', 'lastmodifiedbyid'])
        if (fields.has(key) && db.currentUserId) values.set(key, db.currentUserId);
}

function seedCustomMetadata(
    db: LocalDatabase,
    insert: (object: string, values: Record<string, ApexValue>) => string,
    namespace: string | null,
): void {
    for (const object of db.schema.objects()) {
        if (!object.isCustomMetadata) continue;
        for (const record of db.schema.customMetadataRecords(object.name)) {
            const values: Record<string, ApexValue> = {
                DeveloperName: record.developerName,
                MasterLabel: record.label,
                Label: record.label,
                Language: 'en_US',
                NamespacePrefix: namespace,
                QualifiedApiName: record.developerName,
            };
            for (const [name, value] of record.values) {
                const field = object.fields.get(name.toLowerCase());
                if (!field)
                    throw new UnsupportedError(
                        `${record.file}: ${object.name} has no field ${name}`,
                        undefined,
                    );
                values[field.name] = metadataValue(field, value, record.file);
            }
            insert(object.name, values);
        }
    }
}

function metadataValue(field: FieldDescribe, value: CustomMetadataValue, file: string): ApexValue {
    switch (value.kind) {
        case 'null':
            return null;
        case 'boolean':
            return value.value;
        case 'string':
            return value.value;
        case 'number': {
            const number = new D(value.value);
            if (field.apexType === 'Integer') return new IntegerValue(number.toNumber());
            return atScale(field, new DecimalValue(number, Math.max(0, number.decimalPlaces())));
        }
        case 'date': {
            const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.value);
            if (!m) throw new UnsupportedError(`${file}: date value ${value.value}`, undefined);
            return new DateValue(Number(m[1]), Number(m[2]), Number(m[3]));
        }
        case 'datetime':
            return new DatetimeValue(Date.parse(value.value));
    }
}

function seedStaticResources(
    db: LocalDatabase,
    insert: (object: string, values: Record<string, ApexValue>) => string,
    namespace: string | null,
    root: string,
): void {
    for (const dir of packageDirectories(root)) {
        for (const meta of metadataFiles(dir, 'staticresources', '.resource-meta.xml')) {
            const name = basename(meta, '.resource-meta.xml');
            const xml = readXmlFile(meta);
            const folder = meta.slice(0, -basename(meta).length);
            const bodyFile = [
                join(folder, name),
                ...['json', 'js', 'css', 'txt', 'zip', 'png', 'svg', 'html', 'xml'].map((ext) =>
                    join(folder, `${name}.${ext}`),
                ),
            ].find(existsSync);
            const size = bodyFile ? readFileSync(bodyFile).length : 0;
            const id = insert('StaticResource', {
                Name: name,
                NamespacePrefix: namespace,
                BodyLength: new IntegerValue(size),
                ContentType: childText(xml, 'contentType') ?? null,
                CacheControl: childText(xml, 'cacheControl') ?? 'Private',
                Description: childText(xml, 'description') ?? null,
            });
            if (bodyFile) db.staticResourceFiles.set(id, bodyFile);
        }
    }
}

/** Organization.Default<Object>Access from the object's internal org-wide default. */
function defaultAccess(db: LocalDatabase, object: string, platformDefault: string): string {
    switch (db.schema.orgWideDefault(object)) {
        case undefined:
            return platformDefault;
        case 'Private':
            return 'None';
        case 'Read':
            return 'Read';
        case 'ReadWriteTransfer':
            return 'ReadEditTransfer';
        case 'ControlledByParent':
            return 'ControlledByParent';
        default:
            return 'Edit';
    }
}
