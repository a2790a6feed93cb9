// lightning/modal is not among sfdx-lwc-jest's stubs; this stand-in lets components that
// extend LightningModal load, and lets tests resolve `open()` with a chosen result.
import { LightningElement } from 'lwc';

export default class LightningModal extends LightningElement {
    static nextResult: unknown = undefined;

    static open(): Promise<unknown> {
        return Promise.resolve(LightningModal.nextResult);
    }

    close(result?: unknown): void {
        this.dispatchEvent(new CustomEvent('close', { detail: result }));
    }
}
