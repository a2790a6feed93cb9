// One request from outside the org — a REST API call, a Lightning (Aura) action — as the
// platform runs it: fresh static variables, one transaction as the calling user, everything it
// wrote undone when it fails, and the asynchronous work it queued run after it commits.
import type { LocalOrg } from './org.ts';
import type { Transaction } from './transaction.ts';

/**
 * Runs `body` as one request. Anything `body` throws (an Apex exception, or the caller's own
 * error to refuse the request) rolls back every change the request made, and the jobs it
 * queued never run; the error comes out unchanged. On success the queued jobs run
 * (AsyncApi.runAfterRequest).
 */
export function runAsRequest<T>(
    org: LocalOrg,
    userId: string | undefined,
    body: (tx: Transaction) => T,
): T {
    org.interpreter.resetStatics();
    return org.inTransaction({ userId, isTest: false }, (tx) => {
        const db = org.data.db;
        const start = db.savepoint();
        let result: T;
        try {
            result = body(tx);
        } catch (e) {
            // the jobs it queued end with the transaction, unrun
            db.rollback(start);
            org.forgetUsers();
            throw e;
        } finally {
            db.release(start);
        }
        org.async.runAfterRequest();
        return result;
    });
}
