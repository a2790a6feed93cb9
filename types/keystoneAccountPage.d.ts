// Platform modules the whitespace grid and the plan editor import beyond those declared in
// salesforce-modules.d.ts.

declare module '@salesforce/apex' {
    /** Re-runs a wired Apex call and replaces its cached value. */
    export function refreshApex(wiredValue: unknown): Promise<void>;
}

declare module '@salesforce/i18n/currency' {
    const currency: string;
    export default currency;
}

declare module '@salesforce/i18n/locale' {
    const locale: string;
    export default locale;
}
