// Preview stand-in for WhitespaceGridController.cls: the same Grid / Row / Column / Cell shapes
// (the component's gridModel.ts types) read from the preview's record store, and the same
// saves with the same checks (the WhitespaceCell__c validation rules, one cell per business
// unit × product, an active product per column). Failures are thrown as the controller throws
// them: the KeystoneUiErrors JSON that c/keystoneSaveErrors reads.
//
// The sample dataset's cells name their Product2 (Product__c); a cell that names only a product
// family is shown in the column of the first product of that family. A cell saved in the
// preview stores Product__c and its family, as the formula would.
import { CURRENT_USER_ID, activeUsersMatching } from '../data/previewData.ts';
import type { FieldValues, StoredRecord } from '../data/recordStore.ts';
import { RecordError } from '../data/recordStore.ts';
import { previewStore } from '../data/session.ts';
import { ApexException, apexMethod } from './apexMethod.ts';

const STATUSES = ['Owned', 'In Pipeline', 'Whitespace', 'Competitor', 'Not Applicable'];
/** The org reads its first active open stage; the sample opportunities start here. */
const FIRST_OPEN_STAGE = 'Qualification';
const MAX_PRODUCTS = 50;
const EDITABLE_FIELDS = [
    'Status__c',
    'StatusNote__c',
    'EstimatedValue__c',
    'Probability__c',
    'Owner__c',
    'TargetDate__c',
    'Competitor__c',
];

function uiError(
    kind: string,
    message: string,
    fieldErrors: Record<string, string[]> = {},
): ApexException {
    return new ApexException(JSON.stringify({ kind, message, fieldErrors }));
}

function fieldError(field: string, message: string): ApexException {
    return uiError('fieldErrors', message, { [field]: [message] });
}

function text(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null;
}

function num(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function rowKeyOf(businessUnit: unknown): string {
    return typeof businessUnit === 'string'
        ? businessUnit.replace(/\s+/g, ' ').trim().toLowerCase()
        : '';
}

function productOf(fields: FieldValues): StoredRecord | undefined {
    const productId = text(fields.Product__c);
    if (productId) return previewStore.get(productId);
    const family = text(fields.ProductFamily__c);
    return previewStore.list('Product2', (product) => product.Family === family)[0];
}

function nameOf(id: unknown): string | null {
    const record = typeof id === 'string' ? previewStore.get(id) : undefined;
    return record ? text(record.fields.Name) : null;
}

function column(product: StoredRecord) {
    return {
        key: product.id,
        productId: product.id,
        name: text(product.fields.Name) ?? '',
        family: text(product.fields.Family),
        productCode: text(product.fields.ProductCode),
        cellCount: 0,
    };
}

function toCell(record: StoredRecord) {
    const fields = record.fields;
    const product = productOf(fields);
    const opportunity = text(fields.Opportunity__c)
        ? previewStore.get(String(fields.Opportunity__c))
        : undefined;
    const estimated = num(fields.EstimatedValue__c);
    const probability = num(fields.Probability__c);
    return {
        id: record.id,
        name: text(fields.Name),
        accountId: text(fields.Account__c),
        rowKey: rowKeyOf(fields.BusinessUnit__c),
        businessUnit: text(fields.BusinessUnit__c) ?? '',
        productId: product?.id ?? '',
        productName: product ? text(product.fields.Name) : null,
        productFamily: product ? text(product.fields.Family) : text(fields.ProductFamily__c),
        status: text(fields.Status__c) ?? 'Whitespace',
        statusNote: text(fields.StatusNote__c),
        estimatedValue: estimated,
        probability,
        weightedValue: ((estimated ?? 0) * (probability ?? 0)) / 100,
        ownerId: text(fields.Owner__c),
        ownerName: nameOf(fields.Owner__c),
        targetDate: text(fields.TargetDate__c),
        competitor: text(fields.Competitor__c),
        opportunityId: opportunity?.id ?? null,
        opportunityName: opportunity ? text(opportunity.fields.Name) : null,
        opportunityStage: opportunity ? text(opportunity.fields.StageName) : null,
        opportunityAmount: opportunity ? num(opportunity.fields.Amount) : null,
        opportunityProbability: opportunity ? num(opportunity.fields.Probability) : null,
        opportunityCloseDate: opportunity ? text(opportunity.fields.CloseDate) : null,
        opportunityIsClosed: opportunity ? opportunity.fields.IsClosed === true : null,
        opportunityIsWon: opportunity ? opportunity.fields.IsWon === true : null,
        captured: fields.Captured__c === true,
        capturedValue: num(fields.CapturedValue__c),
        capturedDate: text(fields.CapturedDate__c),
        lastModified: record.lastModifiedDate,
    };
}

function cellsOf(accountId: string): StoredRecord[] {
    return previewStore.list('WhitespaceCell__c', (fields) => fields.Account__c === accountId);
}

/** The WhitespaceCell__c validation rules, as the org reports them per field. */
function validateCell(fields: FieldValues): void {
    const errors: Record<string, string[]> = {};
    const estimated = num(fields.EstimatedValue__c);
    const probability = num(fields.Probability__c);
    if (estimated !== null && estimated < 0) {
        errors.EstimatedValue__c = ['Estimated value cannot be negative.'];
    }
    if (probability !== null && (probability < 0 || probability > 100)) {
        errors.Probability__c = ['Probability must be between 0 and 100 percent.'];
    }
    if (fields.Status__c === 'Competitor' && !text(fields.Competitor__c)) {
        errors.Competitor__c = ['Name the competitor when the status is Competitor.'];
    }
    if (!text(fields.BusinessUnit__c)?.trim()) {
        errors.BusinessUnit__c = ['Enter the business unit, division or geography.'];
    }
    if (fields.Status__c && !STATUSES.includes(String(fields.Status__c))) {
        errors.Status__c = ['Choose a status from the list.'];
    }
    if (Object.keys(errors).length > 0) {
        throw uiError('fieldErrors', 'Check the highlighted fields.', errors);
    }
}

function write(run: () => StoredRecord): StoredRecord {
    try {
        return run();
    } catch (error) {
        if (error instanceof RecordError) throw uiError('error', error.message);
        throw error;
    }
}

function newCell(accountId: string, businessUnit: string, product: StoredRecord): StoredRecord {
    const fields: FieldValues = {
        Account__c: accountId,
        BusinessUnit__c: businessUnit,
        Product__c: product.id,
        ProductFamily__c: text(product.fields.Family),
        Status__c: 'Whitespace',
        Captured__c: false,
    };
    validateCell(fields);
    return write(() => previewStore.create('WhitespaceCell__c', fields));
}

/** Account owner, the active plan's team, current cell owners and the user, as the org. */
function peopleOf(accountId: string, records: StoredRecord[]): { id: string; name: string }[] {
    const ids = new Set<string>();
    const account = previewStore.get(accountId);
    if (text(account?.fields.OwnerId)) ids.add(String(account?.fields.OwnerId));
    const plan = previewStore.list(
        'AccountPlan__c',
        (fields) => fields.Account__c === accountId && fields.Status__c === 'Active',
    )[0];
    for (const field of [
        'KeyAccountManager__c',
        'ExecutiveSponsor__c',
        'TechnicalLead__c',
        'CustomerSuccessManager__c',
    ]) {
        if (text(plan?.fields[field])) ids.add(String(plan?.fields[field]));
    }
    for (const record of records) {
        if (text(record.fields.Owner__c)) ids.add(String(record.fields.Owner__c));
    }
    ids.add(CURRENT_USER_ID);
    return [...ids]
        .map((id) => ({ id, name: nameOf(id) }))
        .filter((person): person is { id: string; name: string } => person.name !== null);
}

export const searchUsers = apexMethod(
    'WhitespaceGridController.searchUsers',
    ({ searchText }: { searchText?: string }) => {
        return activeUsersMatching(previewStore, searchText).map((user) => ({
            id: user.id,
            name: text(user.fields.Name) ?? '',
        }));
    },
);

export const getWhitespace = apexMethod(
    'WhitespaceGridController.getWhitespace',
    ({ accountId }: { accountId?: string }) => {
        if (!accountId) throw uiError('error', 'Open the grid from an account.');
        const records = cellsOf(accountId);
        const rows = new Map<string, { key: string; label: string; cellCount: number }>();
        const columns = new Map<string, ReturnType<typeof column>>();
        const cells = records.map(toCell);
        for (const cell of cells) {
            const row = rows.get(cell.rowKey) ?? {
                key: cell.rowKey,
                label: cell.businessUnit,
                cellCount: 0,
            };
            row.cellCount += 1;
            rows.set(cell.rowKey, row);
            const product = cell.productId ? previewStore.get(cell.productId) : undefined;
            if (product) {
                const entry = columns.get(product.id) ?? column(product);
                entry.cellCount += 1;
                columns.set(product.id, entry);
            }
        }
        return {
            accountId,
            accountName: nameOf(accountId),
            people: peopleOf(accountId, records),
            rows: [...rows.values()].sort((a, b) => a.key.localeCompare(b.key)),
            columns: [...columns.values()].sort((a, b) =>
                `${a.family ?? '~'}|${a.name}`
                    .toLowerCase()
                    .localeCompare(`${b.family ?? '~'}|${b.name}`.toLowerCase()),
            ),
            cells,
            statuses: STATUSES.map((value) => ({ value, label: value })),
            canEdit: true,
            canCreateOpportunity: true,
            truncated: false,
        };
    },
);

export const searchProducts = apexMethod(
    'WhitespaceGridController.searchProducts',
    ({ searchText }: { searchText?: string }) => {
        const needle = (searchText ?? '').trim().toLowerCase();
        return previewStore
            .list(
                'Product2',
                (fields) =>
                    fields.IsActive === true &&
                    (String(fields.Name ?? '')
                        .toLowerCase()
                        .includes(needle) ||
                        String(fields.ProductCode ?? '')
                            .toLowerCase()
                            .includes(needle)),
            )
            .slice(0, MAX_PRODUCTS)
            .map(column);
    },
);

export const saveCell = apexMethod(
    'WhitespaceGridController.saveCell',
    ({ cell }: { cell?: FieldValues }) => {
        if (!cell) throw uiError('error', 'Nothing to save.');
        const changes: FieldValues = {};
        for (const field of EDITABLE_FIELDS) {
            if (field in cell) changes[field] = cell[field];
        }
        let existing = text(cell.Id) ? previewStore.get(String(cell.Id)) : undefined;
        if (!existing) {
            const accountId = text(cell.Account__c);
            const product = text(cell.Product__c)
                ? previewStore.get(String(cell.Product__c))
                : undefined;
            if (!accountId) throw fieldError('Account__c', 'A new cell needs its account.');
            if (!text(cell.BusinessUnit__c)?.trim()) {
                throw fieldError(
                    'BusinessUnit__c',
                    'Enter the business unit, division or geography.',
                );
            }
            if (!product) throw fieldError('Product__c', 'Choose the product.');
            const rowKey = rowKeyOf(cell.BusinessUnit__c);
            existing = cellsOf(accountId).find(
                (record) =>
                    rowKeyOf(record.fields.BusinessUnit__c) === rowKey &&
                    productOf(record.fields)?.id === product.id,
            );
            if (!existing) {
                const fields: FieldValues = {
                    Account__c: accountId,
                    BusinessUnit__c: String(cell.BusinessUnit__c).replace(/\s+/g, ' ').trim(),
                    Product__c: product.id,
                    ProductFamily__c: text(product.fields.Family),
                    Status__c: 'Whitespace',
                    Captured__c: false,
                    ...changes,
                };
                validateCell(fields);
                return toCell(write(() => previewStore.create('WhitespaceCell__c', fields)));
            }
        }
        const target = existing;
        validateCell({ ...target.fields, ...changes });
        return toCell(write(() => previewStore.update(target.id, changes)));
    },
);

export const addRow = apexMethod(
    'WhitespaceGridController.addRow',
    ({
        accountId,
        businessUnit,
        productIds,
    }: {
        accountId?: string;
        businessUnit?: string;
        productIds?: string[];
    }) => {
        const label = (businessUnit ?? '').replace(/\s+/g, ' ').trim();
        if (!accountId) throw uiError('error', 'Open the grid from an account.');
        if (!label)
            throw fieldError('BusinessUnit__c', 'Enter the business unit, division or geography.');
        if (label.length > 80) throw fieldError('BusinessUnit__c', 'Use at most 80 characters.');
        if (
            cellsOf(accountId).some(
                (record) => rowKeyOf(record.fields.BusinessUnit__c) === rowKeyOf(label),
            )
        ) {
            throw fieldError('BusinessUnit__c', `This account already has a row named "${label}".`);
        }
        return [...new Set(productIds ?? [])]
            .map((productId) => previewStore.get(productId))
            .filter((product): product is StoredRecord => product?.apiName === 'Product2')
            .map((product) => toCell(newCell(accountId, label, product)));
    },
);

export const addColumn = apexMethod(
    'WhitespaceGridController.addColumn',
    ({
        accountId,
        productId,
        businessUnits,
    }: {
        accountId?: string;
        productId?: string;
        businessUnits?: string[];
    }) => {
        if (!accountId) throw uiError('error', 'Open the grid from an account.');
        const product = productId ? previewStore.get(productId) : undefined;
        if (!product || product.apiName !== 'Product2' || product.fields.IsActive !== true) {
            throw fieldError('Product__c', 'Choose an active product.');
        }
        const sameProduct = cellsOf(accountId).filter(
            (record) => productOf(record.fields)?.id === product.id,
        );
        const taken = new Set(sameProduct.map((record) => rowKeyOf(record.fields.BusinessUnit__c)));
        const labels: string[] = [];
        for (const businessUnit of businessUnits ?? []) {
            const label = businessUnit.replace(/\s+/g, ' ').trim();
            if (!label || taken.has(rowKeyOf(label))) continue;
            taken.add(rowKeyOf(label));
            labels.push(label);
        }
        if (labels.length === 0 && sameProduct.length > 0) {
            throw fieldError('Product__c', `${text(product.fields.Name)} is already a column.`);
        }
        return labels.map((label) => toCell(newCell(accountId, label, product)));
    },
);

export const createOpportunityFromCell = apexMethod(
    'WhitespaceGridController.createOpportunityFromCell',
    ({
        cellId,
        name,
        amount,
        closeDate,
    }: {
        cellId?: string;
        name?: string;
        amount?: number | null;
        closeDate?: string | null;
    }) => {
        const cell = cellId ? previewStore.get(cellId) : undefined;
        if (!cell || cell.apiName !== 'WhitespaceCell__c') {
            throw uiError('error', 'This cell no longer exists or you cannot see it.');
        }
        if (text(cell.fields.Opportunity__c)) {
            throw uiError(
                'error',
                `This cell is already worked by the opportunity ${nameOf(cell.fields.Opportunity__c)}.`,
            );
        }
        const view = toCell(cell);
        const today = new Date().toISOString().slice(0, 10);
        const fallbackClose = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
        const target =
            view.targetDate && view.targetDate >= today ? view.targetDate : fallbackClose;
        const opportunity = write(() =>
            previewStore.create('Opportunity', {
                AccountId: view.accountId,
                Name: (
                    name?.trim() ||
                    `${nameOf(view.accountId)} – ${view.productName} (${view.businessUnit})`
                ).slice(0, 120),
                Amount: amount ?? view.estimatedValue,
                CloseDate: closeDate || target,
                StageName: FIRST_OPEN_STAGE,
                Probability: 10,
                IsClosed: false,
                IsWon: false,
            }),
        );
        write(() =>
            previewStore.update(cell.id, {
                Opportunity__c: opportunity.id,
                Status__c: 'In Pipeline',
            }),
        );
        return opportunity.id;
    },
);
