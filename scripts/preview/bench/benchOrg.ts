// The bench's local org (Node side of `npm run bench:ui`): the preview org over the bench
// portfolio (benchData.ts: the relationship-map accounts, seeded through org:seed's path), plus
// an account per whitespace grid with its products and cells, inserted as the org's admin.
import { GRID_SIZES, benchGridCells, benchPortfolio, gridName } from './benchData.ts';
import { startPreviewOrg } from '../org/previewOrg.ts';
import type { PreviewOrg } from '../org/previewOrg.ts';
import type { OrgConnection } from '../../org/connection.ts';
import { MAX_RECORDS_PER_REQUEST } from '../../org/connection.ts';

async function createAll(
    admin: OrgConnection,
    sobject: string,
    rows: Record<string, unknown>[],
): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < rows.length; start += MAX_RECORDS_PER_REQUEST) {
        const results = await admin
            .sobject(sobject)
            .create(rows.slice(start, start + MAX_RECORDS_PER_REQUEST), { allOrNone: true });
        const refused = results.find(
            (result) =>
                !result.success &&
                !result.errors.some(
                    (error) => error.statusCode === 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                ),
        );
        if (refused || results.some((result) => !result.success)) {
            throw new Error(
                `bench: a ${sobject} row was refused: ${JSON.stringify(refused ?? results[0])}`,
            );
        }
        ids.push(...results.map((result) => String(result.id)));
    }
    return ids;
}

export async function startBenchOrg(): Promise<PreviewOrg> {
    const org = await startPreviewOrg({ portfolio: benchPortfolio() });
    try {
        for (const [index, [rows, columns]] of GRID_SIZES.entries()) {
            const [accountId] = await createAll(org.admin, 'Account', [
                { Name: gridName(rows, columns), OwnerId: org.previewUserId },
            ]);
            const productIds = await createAll(
                org.admin,
                'Product2',
                Array.from({ length: columns }, (_, column) => ({
                    Name: `Bench product ${String(column + 1).padStart(2, '0')}`,
                    Family: `Family ${String.fromCharCode(65 + (column % 6))}`,
                    ProductCode: `BENCH-${index}-${column + 1}`,
                    IsActive: true,
                })),
            );
            await createAll(
                org.admin,
                'WhitespaceCell__c',
                benchGridCells(rows, columns, index).map((cell) => ({
                    Account__c: accountId,
                    BusinessUnit__c: cell.businessUnit,
                    Product__c: productIds[cell.column] ?? null,
                    Status__c: cell.status,
                    EstimatedValue__c: cell.estimatedValue,
                    Probability__c: cell.probability,
                    Captured__c: cell.captured,
                    // Keystone's rule: a Competitor cell names the competitor.
                    Competitor__c: cell.status === 'Competitor' ? 'Incumbent competitor' : null,
                })),
            );
        }
        return org;
    } catch (error) {
        await org.close();
        throw error;
    }
}
