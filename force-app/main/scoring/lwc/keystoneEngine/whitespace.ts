// Whitespace: the grid of business units (rows) × products (columns). Cells follow their
// linked Opportunity (open -> In Pipeline, won -> Owned and captured). Totals: identified,
// weighted (value × probability) and captured, overall and per row and column.
import { WHITESPACE_STATUSES } from './config';
import { KeystoneScoringError } from './errors';
import { clamp, ratioHalfUp, sumExact } from './rounding';
import type { OpportunityInput, WhitespaceCellInput } from './types';
import { optionalAmountAt, optionalNumberAt, optionalPicklistAt, optionalText } from './validation';

export interface EffectiveCell {
    /** The row's name as first written (names differing only in case or spacing are one row). */
    rowKey: string;
    columnKey: string;
    status: string;
    estimatedValue: number;
    probability: number;
    captured: boolean;
    /** The status and value come from the linked Opportunity. */
    followsOpportunity: boolean;
}

export interface WhitespaceAxisTotal {
    key: string;
    identified: number;
    weighted: number;
    captured: number;
    cellCount: number;
}

export interface WhitespaceTotals {
    /** Open whitespace (Whitespace, In Pipeline, Competitor) plus captured cells. */
    identified: number;
    /** Sum over open cells of value × probability / 100 (each cell rounded to cents). */
    weighted: number;
    captured: number;
    /** identified - captured: what is still to win. */
    openIdentified: number;
    /** captured / identified, %, 1 decimal; 0 when nothing is identified. */
    capturePercent: number;
    rows: WhitespaceAxisTotal[];
    columns: WhitespaceAxisTotal[];
    cells: EffectiveCell[];
    /** Cells whose probability was outside 0..100 and was clamped. */
    clampedCellCount: number;
}

const OPEN_STATUSES = ['Whitespace', 'In Pipeline', 'Competitor'];

function effectiveCell(
    cell: WhitespaceCellInput,
    index: number,
    opportunitiesById: Map<string, OpportunityInput>,
): { cell: EffectiveCell; clamped: boolean } {
    const list = 'cells';
    const rowKey = normaliseSpace(cell.businessUnit);
    if (rowKey === null) {
        throw new KeystoneScoringError(
            `cells[${index}].businessUnit`,
            'a business unit is required',
        );
    }
    const columnKey = normaliseSpace(cell.productFamily);
    if (columnKey === null) {
        throw new KeystoneScoringError(
            `cells[${index}].productFamily`,
            'a product family is required',
        );
    }
    let status =
        optionalPicklistAt(cell.status, WHITESPACE_STATUSES, list, index, 'status') ?? 'Whitespace';
    let estimatedValue = optionalAmountAt(cell.estimatedValue, list, index, 'estimatedValue');
    const givenProbability = optionalNumberAt(cell.probability, list, index, 'probability') ?? 0;
    let probability = clamp(givenProbability, 0, 100);
    const clamped = probability !== givenProbability;
    const capturedValue = optionalNumberAt(cell.capturedValue, list, index, 'capturedValue');
    if (capturedValue !== null && capturedValue < 0) {
        throw new KeystoneScoringError(`cells[${index}].capturedValue`, 'must not be negative');
    }
    // Captured means owned now: a captured tick on a cell that is not Owned is ignored.
    let captured = status === 'Owned' && cell.captured === true;
    if (captured && capturedValue !== null) estimatedValue = capturedValue;
    let followsOpportunity = false;

    const opportunityId = optionalText(cell.opportunityId);
    const opportunity = opportunityId === null ? undefined : opportunitiesById.get(opportunityId);
    if (opportunity) {
        followsOpportunity = true;
        const amount = opportunity.amount;
        if (opportunity.isWon === true) {
            status = 'Owned';
            captured = true;
            if (typeof amount === 'number') estimatedValue = amount;
        } else if (opportunity.isClosed !== true) {
            status = 'In Pipeline';
            if (typeof amount === 'number') estimatedValue = amount;
            if (typeof opportunity.probability === 'number') {
                probability = clamp(opportunity.probability, 0, 100);
            }
        } else if (status === 'In Pipeline') {
            // Lost: the need is still there, the cell goes back to whitespace.
            status = 'Whitespace';
        }
    }
    return {
        cell: {
            rowKey,
            columnKey,
            status,
            estimatedValue,
            probability,
            captured,
            followsOpportunity,
        },
        clamped,
    };
}

/**
 * Trimmed, with each run of spaces, tabs or line breaks made one space (Apex normalizeSpace);
 * null when blank.
 */
export function normaliseSpace(value: unknown): string | null {
    const text = optionalText(value);
    return text === null ? null : text.replace(/[\t\n\v\f\r \u001c-\u001f]+/g, ' ');
}

interface AxisAccumulator {
    key: string;
    identified: number[];
    weighted: number[];
    captured: number[];
    cellCount: number;
}

function finishAxis(accumulators: Map<string, AxisAccumulator>): WhitespaceAxisTotal[] {
    return [...accumulators.values()].map((axis) => ({
        key: axis.key,
        identified: sumExact(axis.identified),
        weighted: sumExact(axis.weighted),
        captured: sumExact(axis.captured),
        cellCount: axis.cellCount,
    }));
}

/**
 * The key a row or column is grouped by: the name with its spaces normalised and in lower case
 * (Apex normalizeSpace().toLowerCase()), so 'North  America' and 'north america' are one row;
 * '' when blank. The whitespace grid keys its rows by it too.
 */
export function axisKeyOf(name: unknown): string {
    return (normaliseSpace(name) ?? '').toLowerCase();
}

/** The row or column of a (normalised) name. */
function accumulatorFor(map: Map<string, AxisAccumulator>, key: string): AxisAccumulator {
    const sameName = axisKeyOf(key);
    let accumulator = map.get(sameName);
    if (!accumulator) {
        accumulator = { key, identified: [], weighted: [], captured: [], cellCount: 0 };
        map.set(sameName, accumulator);
    }
    return accumulator;
}

export function totalWhitespace(
    cells: WhitespaceCellInput[],
    opportunities: OpportunityInput[],
): WhitespaceTotals {
    const opportunitiesById = new Map<string, OpportunityInput>();
    for (let index = 0; index < opportunities.length; index++) {
        const opportunity = opportunities[index] as OpportunityInput;
        optionalAmountAt(opportunity.amount, 'opportunities', index, 'amount');
        const id = optionalText(opportunity.id);
        if (id !== null) opportunitiesById.set(id, opportunity);
    }
    const rows = new Map<string, AxisAccumulator>();
    const columns = new Map<string, AxisAccumulator>();
    const identified: number[] = [];
    const weighted: number[] = [];
    const captured: number[] = [];
    const effectiveCells: EffectiveCell[] = [];
    let clampedCellCount = 0;

    cells.forEach((input, index) => {
        const { cell, clamped } = effectiveCell(input, index, opportunitiesById);
        if (clamped) clampedCellCount += 1;
        const row = accumulatorFor(rows, cell.rowKey);
        const column = accumulatorFor(columns, cell.columnKey);
        cell.rowKey = row.key;
        cell.columnKey = column.key;
        effectiveCells.push(cell);
        row.cellCount += 1;
        column.cellCount += 1;
        const isOpen = OPEN_STATUSES.includes(cell.status);
        if (isOpen || cell.captured) {
            for (const list of [identified, row.identified, column.identified]) {
                list.push(cell.estimatedValue);
            }
        }
        if (isOpen) {
            const cellWeighted = ratioHalfUp([cell.estimatedValue, cell.probability], [100], 2);
            for (const list of [weighted, row.weighted, column.weighted]) list.push(cellWeighted);
        }
        if (cell.captured) {
            for (const list of [captured, row.captured, column.captured]) {
                list.push(cell.estimatedValue);
            }
        }
    });

    const identifiedTotal = sumExact(identified);
    const capturedTotal = sumExact(captured);
    return {
        identified: identifiedTotal,
        weighted: sumExact(weighted),
        captured: capturedTotal,
        openIdentified: sumExact([identifiedTotal, -capturedTotal]),
        capturePercent:
            identifiedTotal === 0 ? 0 : ratioHalfUp([capturedTotal, 100], [identifiedTotal], 1),
        rows: finishAxis(rows),
        columns: finishAxis(columns),
        cells: effectiveCells,
        clampedCellCount,
    };
}
