// Platform enums and the platform interfaces user classes may implement.
import { platformEnum } from '../interpreter/natives.ts';
import type { NativeClass, NativeRegistry } from '../interpreter/natives.ts';
import { EnumValue } from '../interpreter/values.ts';

export const TRIGGER_OPERATIONS = [
    'BEFORE_INSERT',
    'BEFORE_UPDATE',
    'BEFORE_DELETE',
    'AFTER_INSERT',
    'AFTER_UPDATE',
    'AFTER_DELETE',
    'AFTER_UNDELETE',
] as const;

/** System.StatusCode values a local org can produce or code commonly compares with. */
export const STATUS_CODES = [
    'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    'CANNOT_DELETE_OWNER',
    'CANNOT_EXECUTE_FLOW_TRIGGER',
    'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
    'CANNOT_UPDATE_CONVERTED_LEAD',
    'CIRCULAR_DEPENDENCY',
    'DELETE_FAILED',
    'DELETE_OPERATION_TOO_LARGE',
    'DUPLICATE_USERNAME',
    'DUPLICATE_VALUE',
    'DUPLICATES_DETECTED',
    'ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE',
    'ENTITY_IS_DELETED',
    'ENTITY_IS_LOCKED',
    'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    'FIELD_FILTER_VALIDATION_EXCEPTION',
    'FIELD_INTEGRITY_EXCEPTION',
    'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
    'INSUFFICIENT_ACCESS_OR_READONLY',
    'INVALID_CROSS_REFERENCE_KEY',
    'INVALID_EMAIL_ADDRESS',
    'INVALID_FIELD',
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    'INVALID_ID_FIELD',
    'INVALID_OPERATION',
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    'INVALID_TYPE',
    'LIMIT_EXCEEDED',
    'MALFORMED_ID',
    'MIXED_DML_OPERATION',
    'NUMBER_OUTSIDE_VALID_RANGE',
    'REQUIRED_FIELD_MISSING',
    'STRING_TOO_LONG',
    'TOO_MANY_ENUM_VALUE',
    'TRANSFER_REQUIRES_READ',
    'UNABLE_TO_LOCK_ROW',
    'UNKNOWN_EXCEPTION',
] as const;

export const DISPLAY_TYPES = [
    'ADDRESS',
    'ANYTYPE',
    'BASE64',
    'BOOLEAN',
    'COMBOBOX',
    'CURRENCY',
    'DATACATEGORYGROUPREFERENCE',
    'DATE',
    'DATETIME',
    'DOUBLE',
    'EMAIL',
    'ENCRYPTEDSTRING',
    'ID',
    'INTEGER',
    'LOCATION',
    'LONG',
    'MULTIPICKLIST',
    'PERCENT',
    'PHONE',
    'PICKLIST',
    'REFERENCE',
    'STRING',
    'TEXTAREA',
    'TIME',
    'URL',
] as const;

/** Platform interfaces a user class may implement; the runtime calls their methods. */
const PLATFORM_INTERFACES = [
    'Comparable',
    'System.Comparator',
    'System.Queueable',
    'System.Schedulable',
    'System.Finalizer',
    'Database.Batchable',
    'Database.Stateful',
    'Database.AllowsCallouts',
    'Database.RaisesPlatformEvents',
    'System.Iterable',
    'System.Iterator',
    'System.Callable',
    'System.InstallHandler',
    'System.UninstallHandler',
];

export function statusCode(name: string): EnumValue {
    const index = (STATUS_CODES as readonly string[]).indexOf(name);
    if (index < 0) {
        // a code outside the list still compares and prints by name
        return new EnumValue('statuscode', 'System.StatusCode', name, STATUS_CODES.length);
    }
    return new EnumValue('statuscode', 'System.StatusCode', name, index);
}

export function triggerOperation(name: string): EnumValue {
    return new EnumValue(
        'triggeroperation',
        'System.TriggerOperation',
        name,
        (TRIGGER_OPERATIONS as readonly string[]).indexOf(name),
    );
}

export function enumName(v: unknown, typeKey: string): string | null {
    return v instanceof EnumValue && v.typeKey === typeKey ? v.name : null;
}

export function registerEnums(natives: NativeRegistry): void {
    const enums: NativeClass[] = [
        platformEnum('System.TriggerOperation', TRIGGER_OPERATIONS),
        platformEnum('System.StatusCode', STATUS_CODES),
        platformEnum('System.AccessLevel', ['USER_MODE', 'SYSTEM_MODE']),
        platformEnum('System.AccessType', ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE']),
        platformEnum('System.SObjectDescribeOptions', ['DEFAULT', 'DEFERRED', 'FULL']),
        platformEnum('Schema.DisplayType', DISPLAY_TYPES),
        platformEnum('System.LoggingLevel', [
            'NONE',
            'ERROR',
            'WARN',
            'INFO',
            'DEBUG',
            'FINE',
            'FINER',
            'FINEST',
        ]),
        platformEnum('System.Quiddity', [
            'ANONYMOUS',
            'AURA',
            'BATCH_ACS',
            'BATCH_APEX',
            'BATCH_CHUNK_PARALLEL',
            'BATCH_CHUNK_SERIAL',
            'BULK_API',
            'COMMERCE_INTEGRATION',
            'DISCOVERY',
            'FUNCTION_CALLBACK',
            'FUTURE',
            'INBOUND_EMAIL_SERVICE',
            'INVOCABLE_ACTION',
            'IOT',
            'PLATFORM_EVENT_PUBLISH_CALLBACK',
            'POST_INSTALL_SCRIPT',
            'QUEUEABLE',
            'QUICK_ACTION',
            'REMOTE_ACTION',
            'REST',
            'RUNTEST_ASYNC',
            'RUNTEST_DEPLOY',
            'RUNTEST_SYNC',
            'SCHEDULED',
            'SOAP',
            'SYNCHRONOUS',
            'TRANSACTION_FINALIZER_QUEUEABLE',
            'VF',
        ]),
        platformEnum('System.ParentJobResult', ['SUCCESS', 'UNHANDLED_EXCEPTION']),
    ];
    for (const e of enums) natives.register(e);
    for (const name of PLATFORM_INTERFACES) natives.register({ name, isInterface: true });
}
