// Small view helpers the Account page components share. Kept free of component state so each
// component stays explicit about what it loads and how it reads its errors.
import { RefreshEvent, registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';

/** What a card shows about its one wired read: loading, failed (and why), or neither. */
export interface LoadState {
    isLoading: boolean;
    hasLoadError: boolean;
    loadErrorText: string;
}

/**
 * The load state of a wired read. `isLoaded` is true once data has arrived; `loadErrors` are
 * the readable messages of the last failed read (empty when it did not fail).
 */
export function loadStateOf(isLoaded: boolean, loadErrors: string[]): LoadState {
    return {
        isLoading: !isLoaded && loadErrors.length === 0,
        hasLoadError: loadErrors.length > 0,
        loadErrorText: loadErrors.join(' '),
    };
}

/**
 * After a component changed records: the triggers have recomputed coverage, health and
 * whitespace, so the rest of the record page (the other Keystone components, the highlights
 * panel, related lists) must reload. A RefreshEvent asks the page's refresh container to call
 * every registered refresh handler. The writer still refreshes its own wire directly, because it
 * needs its fresh data before it goes on; its own handler then reloads it once more.
 */
export function announceRecordChange(component: EventTarget): void {
    component.dispatchEvent(new RefreshEvent());
}

/** Reloads a component's wired read whenever the page refreshes; returns the id to unregister. */
export function reloadOnPageRefresh(component: object, reload: () => Promise<unknown>): number {
    return registerRefreshHandler(component, async () => {
        await reload();
        return true;
    });
}

export function stopReloadingOnPageRefresh(handlerId: number | undefined): void {
    if (handlerId !== undefined) unregisterRefreshHandler(handlerId);
}
