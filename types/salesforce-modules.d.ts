// Ambient types for the platform-provided modules our components import.
// The platform resolves these at runtime; Jest maps them to sfdx-lwc-jest stubs,
// and the local preview to calls into its local org (scripts/preview/standins).

declare module '@salesforce/apex/*' {
    import type { WireAdapterConstructor } from 'lwc';
    /** An @AuraEnabled Apex method: call it imperatively or pass it to @wire. */
    const apexMethod: ((params?: Record<string, unknown>) => Promise<unknown>) &
        WireAdapterConstructor;
    export default apexMethod;
}

declare module '@salesforce/schema/*' {
    /** A field or object reference; the namespace is resolved by the platform. */
    const schemaReference: { objectApiName: string; fieldApiName?: string };
    export default schemaReference;
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/resourceUrl/*' {
    const url: string;
    export default url;
}

declare module '@salesforce/user/Id' {
    const userId: string;
    export default userId;
}

declare module 'lightning/uiRecordApi' {
    import type { WireAdapterConstructor } from 'lwc';
    export interface FieldValue {
        value: unknown;
        displayValue: string | null;
    }
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        fields: Record<string, FieldValue>;
        lastModifiedDate?: string;
    }
    type SchemaReference = { objectApiName: string; fieldApiName?: string };
    export const getRecord: WireAdapterConstructor<{
        recordId: string;
        fields?: SchemaReference[] | string[];
        optionalFields?: SchemaReference[] | string[];
    }>;
    export function getFieldValue(
        record: RecordRepresentation | undefined,
        field: SchemaReference,
    ): unknown;
    export function getFieldDisplayValue(
        record: RecordRepresentation | undefined,
        field: SchemaReference,
    ): string | null;
    export function updateRecord(recordInput: {
        fields: Record<string, unknown>;
    }): Promise<RecordRepresentation>;
    export function createRecord(recordInput: {
        apiName: string;
        fields: Record<string, unknown>;
    }): Promise<RecordRepresentation>;
    export function deleteRecord(recordId: string): Promise<void>;
    export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void>;
}

declare module 'lightning/platformShowToastEvent' {
    export class ShowToastEvent extends CustomEvent<unknown> {
        constructor(init: {
            title: string;
            message?: string;
            variant?: 'info' | 'success' | 'warning' | 'error';
            mode?: 'dismissible' | 'pester' | 'sticky';
        });
    }
}

declare module 'lightning/platformResourceLoader' {
    export function loadScript(component: unknown, url: string): Promise<void>;
    export function loadStyle(component: unknown, url: string): Promise<void>;
}

declare module 'lightning/navigation' {
    import type { WireAdapterConstructor } from 'lwc';
    export const CurrentPageReference: WireAdapterConstructor;
    export function NavigationMixin<T extends new (...args: never[]) => object>(base: T): T;
    export namespace NavigationMixin {
        const Navigate: unique symbol;
        const GenerateUrl: unique symbol;
    }
}

declare module 'lightning/refresh' {
    export class RefreshEvent extends CustomEvent<unknown> {
        constructor();
    }
    export function registerRefreshHandler(
        element: unknown,
        handler: () => Promise<boolean> | boolean,
    ): number;
    export function unregisterRefreshHandler(id: number): void;
}

declare module 'lightning/modal' {
    import { LightningElement } from 'lwc';
    export default class LightningModal extends LightningElement {
        static open<T = unknown>(config: Record<string, unknown>): Promise<T>;
        close(result?: unknown): void;
    }
}
