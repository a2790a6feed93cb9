// The preview pages. The Account record page (index.html): an account picker, an SLDS record
// page header, and the Keystone components of pageLayout.ts mounted in their regions for the
// chosen Account; the accounts and the header are read from the preview's local org as the
// preview user (the accounts they can see). The portfolio app page (portfolio.html): the
// leaders' portfolio component alone, its Apex run as the sales leader (server.ts).
// Synthetic shadow must load before the LWC engine, as it does on the platform.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import { queryRecords } from '../standins/orgApi.ts';
import type { ApiRecord } from '../standins/orgApi.ts';
import { isAccountPage, onRecordShown, showRecord } from '../standins/pageState.ts';
import { listenForRefreshEvents } from '../standins/refresh.ts';
import type { PageComponent, PageRegion } from './pageLayout.ts';
import { PAGE_COMPONENTS, PORTFOLIO_PAGE_COMPONENT } from './pageLayout.ts';
import { listenForToasts } from './toasts.ts';

function required<T extends Element>(selector: string): T {
    const element = document.querySelector<T>(selector);
    if (!element) throw new Error(`Preview page is missing ${selector}`);
    return element;
}

function showPageError(message: string): void {
    const box = required<HTMLElement>('#preview-errors');
    const line = document.createElement('div');
    line.className = 'slds-notify slds-notify_alert slds-alert_error';
    line.textContent = message;
    box.append(line);
    box.hidden = false;
}

window.addEventListener('error', (event) => showPageError(`Error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    showPageError(
        `Unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`,
    );
});

interface AccountOption {
    id: string;
    name: string;
    isKeyAccount: boolean;
}

/** The accounts the preview user can see, by name: the picker's options. */
async function accountOptions(): Promise<AccountOption[]> {
    const rows = await queryRecords<ApiRecord & { Name: string; IsKeyAccount__c: boolean }>(
        'SELECT Id, Name, IsKeyAccount__c FROM Account ORDER BY Name',
    );
    return rows.map((row) => ({ id: row.Id, name: row.Name, isKeyAccount: row.IsKeyAccount__c }));
}

function renderPicker(picker: HTMLSelectElement, accounts: AccountOption[]): void {
    for (const account of accounts) {
        const option = document.createElement('option');
        option.value = account.id;
        option.textContent = account.name;
        picker.append(option);
    }
    picker.addEventListener('change', () => showRecord(picker.value));
}

function detailItem(label: string, value: string): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'slds-page-header__detail-block';
    const title = document.createElement('div');
    title.className = 'slds-text-title slds-truncate';
    title.textContent = label;
    const text = document.createElement('div');
    text.className = 'slds-truncate';
    text.textContent = value;
    item.append(title, text);
    return item;
}

interface AccountHeader extends ApiRecord {
    Name: string | null;
    Industry: string | null;
    BillingCountry: string | null;
    Website: string | null;
    Owner: { Name: string | null } | null;
}

async function renderHeader(recordId: string): Promise<void> {
    const [fields] = await queryRecords<AccountHeader>(
        'SELECT Id, Name, Industry, BillingCountry, Website, Owner.Name FROM Account ' +
            `WHERE Id = '${recordId.replace(/[^\w]/g, '')}'`,
    );
    if (!fields) throw new Error(`The preview user cannot see the account ${recordId}`);
    const owner = fields.Owner?.Name;
    required('[data-id="account-name"]').textContent = String(fields.Name ?? '');
    required('[data-id="account-details"]').replaceChildren(
        detailItem('Industry', String(fields.Industry ?? '—')),
        detailItem('Billing Country', String(fields.BillingCountry ?? '—')),
        detailItem('Website', String(fields.Website ?? '—')),
        detailItem('Account Owner', String(owner ?? '—')),
    );
    document.title = `${String(fields.Name ?? 'Account')} · Keystone preview`;
}

function regionElement(region: PageRegion): HTMLElement {
    return required<HTMLElement>(`[data-region="${region}"]`);
}

type PageElement = HTMLElement & { recordId?: string; objectApiName?: string };

function createComponent(entry: PageComponent, recordId: string): PageElement {
    const element: PageElement = createElement(entry.tag, { is: entry.component });
    element.recordId = recordId;
    element.objectApiName = 'Account';
    return element;
}

let selectedTab = 0;

/** The main region as the flexipage has it: an SLDS tabset, one tab per component. */
function renderTabs(region: HTMLElement, entries: PageComponent[], recordId: string): void {
    const tabset = document.createElement('div');
    tabset.className = 'slds-tabs_default slds-card slds-p-horizontal_small';
    const list = document.createElement('ul');
    list.className = 'slds-tabs_default__nav';
    list.setAttribute('role', 'tablist');
    tabset.append(list);
    selectedTab = Math.min(selectedTab, entries.length - 1);
    const tabs: HTMLAnchorElement[] = [];
    const panels: HTMLElement[] = [];

    const select = (index: number, focus: boolean): void => {
        selectedTab = index;
        tabs.forEach((tab, i) => {
            const active = i === index;
            tab.setAttribute('aria-selected', String(active));
            tab.tabIndex = active ? 0 : -1;
            tab.parentElement?.classList.toggle('slds-is-active', active);
            panels[i]?.classList.toggle('slds-show', active);
            panels[i]?.classList.toggle('slds-hide', !active);
        });
        if (focus) tabs[index]?.focus();
    };

    entries.forEach((entry, index) => {
        const item = document.createElement('li');
        item.className = 'slds-tabs_default__item';
        item.setAttribute('role', 'presentation');
        const tab = document.createElement('a');
        tab.className = 'slds-tabs_default__link';
        tab.href = '#';
        tab.id = `tab-${index}`;
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-controls', `tab-panel-${index}`);
        tab.textContent = entry.tab ?? entry.tag;
        tab.addEventListener('click', (event) => {
            event.preventDefault();
            select(index, false);
        });
        tab.addEventListener('keydown', (event) => {
            const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
            if (step !== 0) {
                event.preventDefault();
                select((index + step + entries.length) % entries.length, true);
            }
        });
        item.append(tab);
        list.append(item);
        tabs.push(tab);

        const panel = document.createElement('div');
        panel.className = 'slds-tabs_default__content';
        panel.id = `tab-panel-${index}`;
        panel.setAttribute('role', 'tabpanel');
        panel.setAttribute('aria-labelledby', tab.id);
        panel.append(createComponent(entry, recordId));
        tabset.append(panel);
        panels.push(panel);
    });
    region.append(tabset);
    select(selectedTab, false);
}

/** Record pages get fresh component instances for each record, as on the platform. */
function mountComponents(recordId: string): void {
    for (const region of ['header', 'main', 'sidebar'] as const) {
        const element = regionElement(region);
        element.replaceChildren();
        const entries = PAGE_COMPONENTS.filter((entry) => entry.region === region);
        if (region === 'main' && entries.length > 0) {
            renderTabs(element, entries, recordId);
            continue;
        }
        for (const entry of entries) element.append(createComponent(entry, recordId));
    }
}

async function start(): Promise<void> {
    const picker = required<HTMLSelectElement>('#account-picker');
    listenForToasts(document, required<HTMLElement>('#preview-toasts'));
    listenForRefreshEvents(document);
    const accounts = await accountOptions();
    renderPicker(picker, accounts);

    onRecordShown((recordId) => {
        picker.value = recordId;
        const url = new URL(window.location.href);
        url.searchParams.set('recordId', recordId);
        window.history.replaceState(null, '', url);
        void renderHeader(recordId);
        mountComponents(recordId);
    });

    const requested = new URL(window.location.href).searchParams.get('recordId');
    const initial =
        accounts.find((account) => account.id === requested) ??
        accounts.find((account) => account.isKeyAccount) ??
        accounts[0];
    if (initial) showRecord(initial.id);
}

function startPortfolio(): void {
    listenForToasts(document, required<HTMLElement>('#preview-toasts'));
    listenForRefreshEvents(document);
    const { tag, component } = PORTFOLIO_PAGE_COMPONENT;
    required<HTMLElement>('[data-region="app"]').append(createElement(tag, { is: component }));
}

if (isAccountPage()) void start();
else startPortfolio();
