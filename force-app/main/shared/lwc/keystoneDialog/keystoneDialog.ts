// The modal dialog every Keystone form opens in (SLDS modal markup): a heading, the form as its
// content, the form's buttons in the footer slot. Escape closes it unless it is busy saving, and
// Tab never leaves it: past the last element focus wraps to the form's first field (the one
// marked data-autofocus) and Shift+Tab before the first wraps to the last footer button.
// It fires `close`; what closing means (cancel, discard) is the form's to decide.
import { LightningElement, api } from 'lwc';

export default class KeystoneDialog extends LightningElement {
    @api heading = '';
    /** While true (a save is under way) Escape does not close the dialog. */
    @api busy = false;
    /** Shows a close button in the header; Escape closes either way. */
    @api closable = false;

    /** Moves focus to the dialog itself, so a screen reader starts at its heading. */
    @api
    focus(): void {
        this.template?.querySelector<HTMLElement>('[data-id="dialog"]')?.focus();
    }

    handleKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Escape' && !this.busy) {
            event.stopPropagation();
            this.handleClose();
        }
    }

    handleClose(): void {
        this.dispatchEvent(new CustomEvent('close'));
    }

    handleWrapToEnd(): void {
        // The footer's buttons are the form's own elements, passed in through the slot.
        const buttons = this.querySelectorAll<HTMLElement>('[slot="footer"] lightning-button');
        buttons[buttons.length - 1]?.focus();
    }

    handleWrapToStart(): void {
        const first =
            this.querySelector<HTMLElement>('[data-autofocus]') ??
            this.template?.querySelector<HTMLElement>('[data-id="dialog"]');
        first?.focus();
    }
}
