// The preview page's own state that platform stand-ins need: which record the page shows, and
// a way to move to another one (what the Lightning router does on the platform). The page shell
// (scripts/preview/page) listens and swaps the record; stand-ins only call these functions.
// The preview has two pages: the Account record page (`/`) and the leaders' portfolio app page
// (`/portfolio`); each shell names itself in <body data-page>.

export interface PageReference {
    type: string;
    attributes: Record<string, unknown>;
    state: Record<string, unknown>;
}

type Listener = (recordId: string) => void;

let currentRecordId = '';
const listeners = new Set<Listener>();

/** The Account record page's URL for an account (the page reads ?recordId=). */
export function accountPageUrl(recordId: string): string {
    return `/?recordId=${encodeURIComponent(recordId)}`;
}

/** True on the Account record page, false on the portfolio app page. */
export function isAccountPage(): boolean {
    return document.body.dataset.page !== 'portfolio';
}

export function getCurrentRecordId(): string {
    return currentRecordId;
}

export function showRecord(recordId: string): void {
    if (recordId === currentRecordId) return;
    currentRecordId = recordId;
    for (const listener of [...listeners]) listener(recordId);
}

export function onRecordShown(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
}

export function currentPageReference(): PageReference {
    return {
        type: 'standard__recordPage',
        attributes: { recordId: currentRecordId, objectApiName: 'Account', actionName: 'view' },
        state: {},
    };
}
