// Stand-in for lightning/refresh. A RefreshEvent asks the page to refresh what it shows: the
// preview re-reads every getRecord wire and calls the handlers components registered, which is
// what the platform's refresh container does.
import { refreshAllRecords } from './uiRecordApi.ts';

export const REFRESH_EVENT = 'lightning__refreshevent';

export class RefreshEvent extends CustomEvent<null> {
    constructor() {
        super(REFRESH_EVENT, { detail: null, bubbles: true, composed: true });
    }
}

type RefreshHandler = () => Promise<boolean> | boolean | void;

const handlers = new Map<number, RefreshHandler>();
let nextHandlerId = 1;

export function registerRefreshHandler(_element: unknown, handler: RefreshHandler): number {
    const id = nextHandlerId++;
    handlers.set(id, handler);
    return id;
}

export function unregisterRefreshHandler(id: number): void {
    handlers.delete(id);
}

/** Runs a refresh (the page calls this when a RefreshEvent reaches the document). */
export async function refreshView(): Promise<void> {
    await Promise.all([refreshAllRecords(), ...[...handlers.values()].map((handler) => handler())]);
}

let listening = false;

/** Installs the document-level listener once; the page shell calls it at start-up. */
export function listenForRefreshEvents(target: EventTarget): void {
    if (listening) return;
    listening = true;
    target.addEventListener(REFRESH_EVENT, () => void refreshView());
}
