// Small view helpers the Account page components share. Kept free of component state so each
// component stays explicit about what it loads and how it reads its errors.

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
