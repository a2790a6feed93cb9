// Stand-in for lightning/navigation (and force/navigation, which the base components' own
// lightning/navigation re-exports). CurrentPageReference describes the Account record page the
// preview shows. NavigationMixin moves the preview to another Account when asked for a record
// page of one (from the portfolio app page, it opens the Account page for it); any other
// destination is announced with a toast, since the preview has no other pages.
import type { WireAdapter, WireDataCallback } from 'lwc';
import type { PageReference } from './pageState.ts';
import {
    accountPageUrl,
    currentPageReference,
    isAccountPage,
    onRecordShown,
    showRecord,
} from './pageState.ts';
import { ShowToastEvent } from './platformShowToastEvent.ts';

export class CurrentPageReference implements WireAdapter {
    private unsubscribe: (() => void) | undefined;

    constructor(private readonly dataCallback: WireDataCallback) {}

    update(): void {
        this.dataCallback(currentPageReference());
    }

    connect(): void {
        this.unsubscribe = onRecordShown(() => this.dataCallback(currentPageReference()));
    }

    disconnect(): void {
        this.unsubscribe?.();
    }
}

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

function recordIdOf(pageReference: PageReference): string | null {
    const recordId = pageReference.attributes.recordId;
    return pageReference.type === 'standard__recordPage' && typeof recordId === 'string'
        ? recordId
        : null;
}

/** An Account's record page (Account Ids start with its key prefix, 001, in every org). */
function isPreviewableAccount(recordId: string | null): recordId is string {
    return recordId !== null && recordId.startsWith('001');
}

// TypeScript mixins require a constructor type taking `any[]`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => EventTarget;

function navigationMixin<T extends Constructor>(Base: T): T {
    return class extends Base {
        [Navigate](pageReference: PageReference, _replace?: boolean): void {
            const recordId = recordIdOf(pageReference);
            if (isPreviewableAccount(recordId)) {
                if (isAccountPage()) showRecord(recordId);
                else window.location.assign(accountPageUrl(recordId));
                return;
            }
            this.dispatchEvent(
                new ShowToastEvent({
                    title: 'Navigation',
                    message: `The preview has no such page; on the platform this opens ${JSON.stringify(
                        pageReference,
                    )}.`,
                    variant: 'info',
                }),
            );
        }

        [GenerateUrl](pageReference: PageReference): Promise<string> {
            const recordId = recordIdOf(pageReference);
            return Promise.resolve(isPreviewableAccount(recordId) ? accountPageUrl(recordId) : '#');
        }
    };
}

export const NavigationMixin = Object.assign(navigationMixin, { Navigate, GenerateUrl });
