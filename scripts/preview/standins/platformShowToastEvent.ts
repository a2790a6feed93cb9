// Stand-in for lightning/platformShowToastEvent. The event has the platform's name and detail;
// the preview page listens for it on the document and shows an SLDS toast (page/toasts.ts).

export const SHOW_TOAST_EVENT = 'lightning__showtoast';

export interface ToastDetail {
    title: string;
    message?: string;
    messageData?: unknown[];
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
}

export class ShowToastEvent extends CustomEvent<ToastDetail> {
    constructor(detail: ToastDetail) {
        super(SHOW_TOAST_EVENT, { detail, bubbles: true, composed: true, cancelable: true });
    }
}
