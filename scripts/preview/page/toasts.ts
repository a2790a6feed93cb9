// Shows ShowToastEvent toasts the way Lightning Experience does: an SLDS toast at the top of the
// page, dismissible, closing by itself after a few seconds unless the mode is sticky.
import type { ToastDetail } from '../standins/platformShowToastEvent.ts';
import { SHOW_TOAST_EVENT } from '../standins/platformShowToastEvent.ts';

const VARIANT_THEME: Record<string, string> = {
    success: 'slds-theme_success',
    warning: 'slds-theme_warning',
    error: 'slds-theme_error',
    info: 'slds-theme_info',
};

/** `{0}` placeholders filled from messageData, as the platform does (labels only, no links). */
function formatMessage(detail: ToastDetail): string {
    const data = detail.messageData ?? [];
    return (detail.message ?? '').replace(/\{(\d+)\}/g, (whole, index: string) => {
        const item = data[Number(index)];
        if (item === undefined) return whole;
        if (item && typeof item === 'object' && 'label' in item) return String(item.label);
        return String(item);
    });
}

export function showToast(container: HTMLElement, detail: ToastDetail): void {
    const variant = detail.variant ?? 'info';
    const toast = document.createElement('div');
    toast.className = `slds-notify slds-notify_toast ${VARIANT_THEME[variant] ?? ''}`;
    toast.setAttribute('role', variant === 'error' || variant === 'warning' ? 'alert' : 'status');
    toast.dataset.variant = variant;

    const content = document.createElement('div');
    content.className = 'slds-notify__content';
    const title = document.createElement('h2');
    title.className = 'slds-text-heading_small';
    title.textContent = detail.title;
    content.append(title);
    const message = formatMessage(detail);
    if (message) {
        const text = document.createElement('p');
        text.textContent = message;
        content.append(text);
    }

    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'slds-button slds-notify__close slds-button_icon-inverse';
    close.textContent = '×';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => toast.remove());

    toast.append(content, close);
    container.append(toast);
    if (detail.mode !== 'sticky') {
        setTimeout(() => toast.remove(), variant === 'error' ? 8000 : 4000);
    }
}

export function listenForToasts(target: EventTarget, container: HTMLElement): void {
    target.addEventListener(SHOW_TOAST_EVENT, (event) => {
        showToast(container, (event as CustomEvent<ToastDetail>).detail);
    });
}
