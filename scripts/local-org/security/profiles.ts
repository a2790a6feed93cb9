// What the standard profiles grant without any permission set (Salesforce Help: "Standard
// Profiles", "User Permissions and Access"), as far as the local org models it. Custom
// profiles from source are not read; a user's profile is one of these four.
import { STANDARD_PROFILES } from '../database/seed.ts';

export type ObjectRight = 'read' | 'create' | 'edit' | 'delete' | 'viewAll' | 'modifyAll';

/** Standard objects a Standard User can read, create, edit and delete (Help: Standard User profile). */
const SALES_OBJECTS = [
    'Account',
    'Contact',
    'Lead',
    'Opportunity',
    'OpportunityLineItem',
    'Task',
    'Event',
];
/** Standard objects everyone with a standard licence can read but not change. */
const READ_ONLY_OBJECTS = ['Product2', 'Pricebook2', 'PricebookEntry'];

export interface ProfileRights {
    /** Modify All Data: every object and field (Help: "System Administrator"). */
    modifyAllData: boolean;
    viewAllData: boolean;
    userPermissions: Set<string>;
    objectRights(object: string): Set<ObjectRight>;
}

function rights(...list: ObjectRight[]): Set<ObjectRight> {
    return new Set(list);
}

export function profileRights(profileName: string | null): ProfileRights {
    switch (profileName) {
        case STANDARD_PROFILES.systemAdministrator:
            return {
                modifyAllData: true,
                viewAllData: true,
                userPermissions: new Set([
                    'ModifyAllData',
                    'ViewAllData',
                    'ManageUsers',
                    'AuthorApex',
                    'CustomizeApplication',
                    'ApiEnabled',
                    'ViewSetup',
                ]),
                objectRights: () =>
                    rights('read', 'create', 'edit', 'delete', 'viewAll', 'modifyAll'),
            };
        case STANDARD_PROFILES.standardUser:
            return {
                modifyAllData: false,
                viewAllData: false,
                userPermissions: new Set(['ApiEnabled']),
                objectRights: (object) =>
                    SALES_OBJECTS.includes(object)
                        ? rights('read', 'create', 'edit', 'delete')
                        : READ_ONLY_OBJECTS.includes(object)
                          ? rights('read')
                          : rights(),
            };
        case STANDARD_PROFILES.readOnly:
            return {
                modifyAllData: false,
                viewAllData: false,
                userPermissions: new Set(['ApiEnabled']),
                objectRights: (object) =>
                    SALES_OBJECTS.includes(object) || READ_ONLY_OBJECTS.includes(object)
                        ? rights('read')
                        : rights(),
            };
        default:
            // Minimum Access - Salesforce, and a user without a known profile.
            return {
                modifyAllData: false,
                viewAllData: false,
                userPermissions: new Set(),
                objectRights: () => rights(),
            };
    }
}
