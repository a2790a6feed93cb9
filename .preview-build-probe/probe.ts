// Temporary probe (deleted after use): mounts the whitespace grid and plan editor alone.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import WhitespaceGrid from 'c/whitespaceGrid';
import AccountPlanEditor from 'c/accountPlanEditor';
import { previewStore } from '../scripts/preview/data/session.ts';
import { listenForToasts } from '../scripts/preview/page/toasts.ts';

const big = previewStore.create('Account', { Name: 'Big Grid Co' });
const products = previewStore.list('Product2').map((p) => p.id);
for (let i = products.length; i < 25; i++) {
    products.push(previewStore.create('Product2', { Name: `Extra ${i}`, Family: 'Extra', ProductCode: `X-${i}`, IsActive: true }).id);
}
const statuses = ['Owned', 'In Pipeline', 'Whitespace', 'Competitor', 'Not Applicable'];
for (let r = 0; r < 40; r++) {
    for (let c = 0; c < 25; c++) {
        const status = statuses[(r + c) % 5];
        previewStore.create('WhitespaceCell__c', {
            Account__c: big.id,
            BusinessUnit__c: `Unit ${String(r).padStart(2, '0')}`,
            Product__c: products[c],
            ProductFamily__c: String(previewStore.get(products[c] as string)?.fields.Family ?? 'Extra'),
            Status__c: status,
            Competitor__c: status === 'Competitor' ? 'Globex' : null,
            EstimatedValue__c: 1000 * ((r * 7 + c * 13) % 97),
            Probability__c: (r * c) % 100,
            Captured__c: status === 'Owned' && r % 2 === 0,
        });
    }
}
const params = new URLSearchParams(location.search);
const accountId = params.get('a') === 'big' ? big.id : (params.get('a') ?? '001000000000002AAA');
const which = params.get('c') ?? 'grid';
listenForToasts(document.body, document.querySelector('#toasts') as HTMLElement);
const started = performance.now();
const element = createElement(which === 'plan' ? 'c-account-plan-editor' : 'c-whitespace-grid', {
    is: (which === 'plan' ? AccountPlanEditor : WhitespaceGrid) as never,
}) as HTMLElement & { recordId?: string };
element.recordId = accountId;
document.querySelector('#mount')?.append(element);
(window as unknown as { probeStarted: number }).probeStarted = started;
