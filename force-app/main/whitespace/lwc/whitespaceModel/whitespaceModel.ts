// The whitespace grid's data, shared by its parts (the grid container, the table, the legend,
// the totals and the editors): the WhitespaceGridController payload, what the table draws, and
// the small pure helpers: status styles, heat levels, number and date formats, and the cell
// form's own checks.
import currency from '@salesforce/i18n/currency';
import locale from '@salesforce/i18n/locale';
import { axisKeyOf } from 'c/keystoneEngine';

export interface Option {
    value: string;
    label: string;
}

export interface GridRow {
    key: string;
    label: string;
    cellCount: number;
}

export interface GridColumn {
    key: string;
    productId: string;
    name: string;
    family: string | null;
    productCode: string | null;
    cellCount: number;
}

export interface GridCell {
    id: string;
    name?: string;
    accountId?: string;
    rowKey: string;
    businessUnit: string;
    productId: string;
    productName?: string | null;
    productFamily?: string | null;
    status: string;
    statusNote?: string | null;
    estimatedValue?: number | null;
    /** 0..100. */
    probability?: number | null;
    weightedValue?: number | null;
    ownerId?: string | null;
    ownerName?: string | null;
    targetDate?: string | null;
    competitor?: string | null;
    opportunityId?: string | null;
    opportunityName?: string | null;
    opportunityStage?: string | null;
    opportunityAmount?: number | null;
    opportunityProbability?: number | null;
    opportunityCloseDate?: string | null;
    opportunityIsClosed?: boolean | null;
    opportunityIsWon?: boolean | null;
    captured?: boolean | null;
    capturedValue?: number | null;
    capturedDate?: string | null;
    lastModified?: string | null;
}

export interface Person {
    id: string;
    name: string;
}

export interface GridPayload {
    accountId: string;
    accountName: string | null;
    rows: GridRow[];
    columns: GridColumn[];
    cells: GridCell[];
    statuses: Option[];
    /** Account owner, the active plan's team, current cell owners and the user. */
    people?: Person[];
    canEdit: boolean;
    canCreateOpportunity: boolean;
    truncated: boolean;
}

/** What the cell form holds: text as typed, so nothing is lost when a save fails. */
export interface CellDraft {
    status: string;
    estimatedValue: string;
    probability: string;
    ownerId: string;
    targetDate: string;
    competitor: string;
    statusNote: string;
}

export type CellDraftErrors = Partial<
    Record<
        | keyof CellDraft
        | 'businessUnit'
        | 'product'
        | 'opportunityName'
        | 'opportunityAmount'
        | 'opportunityCloseDate',
        string
    >
>;

/** Marker class (a coloured square in the CSS), the word in a cell and the legend line per status. */
export const STATUS_STYLES: Record<string, { marker: string; short: string; description: string }> =
    {
        Owned: {
            marker: 'ks-marker_owned',
            short: 'Owned',
            description: 'We already sell this product here.',
        },
        'In Pipeline': {
            marker: 'ks-marker_pipeline',
            short: 'In pipeline',
            description: 'An open opportunity is working on it.',
        },
        Whitespace: {
            marker: 'ks-marker_whitespace',
            short: 'Whitespace',
            description: 'Not sold yet: room to grow.',
        },
        Competitor: {
            marker: 'ks-marker_competitor',
            short: 'Competitor',
            description: 'A competitor has it or is chasing it.',
        },
        'Not Applicable': {
            marker: 'ks-marker_na',
            short: 'Not applicable',
            description: 'The product does not fit this business unit.',
        },
    };

/** 0 (no value) to 4 (the largest value shown), in quarters of the largest value. */
export function heatLevel(value: number, maxValue: number): number {
    if (!(value > 0) || !(maxValue > 0)) return 0;
    return Math.min(4, Math.max(1, Math.ceil((value / maxValue) * 4)));
}

const moneyFormat = new Intl.NumberFormat(locale || undefined, {
    style: 'currency',
    currency: currency || 'USD',
    maximumFractionDigits: 0,
});

const percentFormat = new Intl.NumberFormat(locale || undefined, { maximumFractionDigits: 0 });

const compactMoneyFormat = new Intl.NumberFormat(locale || undefined, {
    style: 'currency',
    currency: currency || 'USD',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
});

/** "$100K": a cell's estimated value, short enough for the cell. */
export function compactMoney(value: number): string {
    return compactMoneyFormat.format(value);
}

export function formatMoney(value: number): string {
    return moneyFormat.format(value);
}

export function buildCellLabel(
    rowLabel: string,
    columnName: string,
    cell: GridCell,
    matchesFilter: boolean,
): string {
    const parts = [`${rowLabel}, ${columnName}: ${cell.status}`];
    if (cell.estimatedValue !== null && cell.estimatedValue !== undefined) {
        parts.push(`estimated ${formatMoney(cell.estimatedValue)}`);
    }
    if (cell.probability !== null && cell.probability !== undefined) {
        parts.push(`${percentFormat.format(cell.probability)}% probability`);
    }
    if (cell.competitor) parts.push(`competitor ${cell.competitor}`);
    if (cell.opportunityName) parts.push(`worked by the opportunity ${cell.opportunityName}`);
    if (!matchesFilter) parts.push('hidden by the status filter');
    return `${parts.join(', ')}.`;
}

/** Today in the browser's calendar, 'YYYY-MM-DD'. */
export function todayIso(now: Date = new Date()): string {
    const month = String(now.getMonth() + 1).padStart(2, '0');
    const day = String(now.getDate()).padStart(2, '0');
    return `${now.getFullYear()}-${month}-${day}`;
}

export function addDaysIso(isoDate: string, days: number): string {
    const [year, month, day] = isoDate.split('-').map(Number);
    const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days));
    return date.toISOString().slice(0, 10);
}

/** As the controller: the target date when it is today or later, else today + 90 days. */
export function defaultCloseDate(targetDate: string | null | undefined, today: string): string {
    if (targetDate && targetDate >= today) return targetDate;
    return addDaysIso(today, 90);
}

/** The form's own checks, before anything is sent; the server's rules still apply. */
export function validateCellDraft(draft: CellDraft): CellDraftErrors {
    const errors: CellDraftErrors = {};
    if (!draft.status) errors.status = 'Choose a status.';
    if (draft.estimatedValue.trim() !== '') {
        const value = Number(draft.estimatedValue);
        if (Number.isNaN(value)) errors.estimatedValue = 'Enter a number.';
        else if (value < 0) errors.estimatedValue = 'Estimated value cannot be negative.';
    }
    if (draft.probability.trim() !== '') {
        const probability = Number(draft.probability);
        if (Number.isNaN(probability) || probability < 0 || probability > 100) {
            errors.probability = 'Enter a probability from 0 to 100.';
        }
    }
    if (draft.status === 'Competitor' && draft.competitor.trim() === '') {
        errors.competitor = 'Name the competitor when the status is Competitor.';
    }
    return errors;
}

// ------------------------------------------------------------------ what the table draws

/**
 * One cell as the container knows it: which cell, its status and figures, and how it is shown
 * (heat, filtered). Its words (text and accessible name) are made by cellText and cellLabel when
 * the table draws it: a large grid draws a small part of its cells.
 */
export interface CellView {
    key: string;
    rowKey: string;
    columnKey: string;
    rowLabel: string;
    columnName: string;
    /** The cell exists; when not, the table offers to map it. */
    hasRecord: boolean;
    /** The cell's status is shown by the status filter. */
    matches: boolean;
    /** 0 (no value) to 4 (the highest value shown). */
    heat: number;
    cell: GridCell | null;
}

/** A cell's text: its status, then its estimated value, on two lines. */
export function cellText(view: CellView): string {
    const cell = view.cell;
    if (!cell) return 'Not mapped yet';
    const status = STATUS_STYLES[cell.status]?.short ?? cell.status;
    return cell.estimatedValue === null || cell.estimatedValue === undefined
        ? status
        : `${status}\n${compactMoney(cell.estimatedValue)}`;
}

/** The cell's classes: marker, heat tint, filtered. */
export function cellClass(view: CellView): string {
    const cell = view.cell;
    if (!cell) return 'ks-cell ks-cell_empty ks-marker_none';
    const marker = STATUS_STYLES[cell.status]?.marker ?? 'ks-marker_none';
    return `ks-cell ks-heat_${view.heat} ${marker}${view.matches ? '' : ' ks-cell_filtered'}`;
}

/** The cell's accessible name: where it is and everything it says. */
export function cellLabel(view: CellView): string {
    return view.cell
        ? buildCellLabel(view.rowLabel, view.columnName, view.cell, view.matches)
        : `${view.rowLabel}, ${view.columnName}: not mapped yet.`;
}

export interface RowView {
    key: string;
    label: string;
    /** The row header: the label, and a note when the row is not saved yet. */
    headerText: string;
    pending: boolean;
    cells: CellView[];
    /** Identified, weighted and captured, one per line. */
    totalText: string;
}

export interface ColumnView {
    key: string;
    name: string;
    /** The column header: name, family, and a note when the column is not saved yet. */
    headerText: string;
    pending: boolean;
    totalText: string;
}

/** Identified, weighted and captured money, one per line, for a total cell. */
export function totalText(identified: number, weighted: number, captured: number): string {
    return `${formatMoney(identified)} identified\n${formatMoney(weighted)} weighted\n${formatMoney(captured)} captured`;
}

export function cellKeyOf(rowKey: string, columnKey: string): string {
    return `${rowKey}|${columnKey}`;
}

/**
 * A business unit's row key: the engine's axis key (spaces normalised as Apex normalizeSpace
 * does, lower case), the key WhitespaceGridController gives each row, so a name differing only in
 * case or spacing is one row.
 */
export function rowKeyOf(label: string): string {
    return axisKeyOf(label);
}
