import { axisKeyOf, totalWhitespace } from '../keystoneEngine';

describe('totalWhitespace', () => {
    it('totals identified, weighted and captured per row and column', () => {
        const result = totalWhitespace(
            [
                {
                    businessUnit: 'EMEA',
                    productFamily: 'Cloud',
                    status: 'Whitespace',
                    estimatedValue: 1000,
                    probability: 25,
                },
                {
                    businessUnit: 'EMEA',
                    productFamily: 'Data',
                    status: 'Owned',
                    estimatedValue: 500,
                    captured: true,
                },
                {
                    businessUnit: 'US',
                    productFamily: 'Cloud',
                    status: 'Not Applicable',
                    estimatedValue: 900,
                },
            ],
            [],
        );
        expect(result.identified).toBe(1500);
        expect(result.weighted).toBe(250);
        expect(result.captured).toBe(500);
        expect(result.capturePercent).toBe(33.3);
        expect(result.rows.map((row) => [row.key, row.identified, row.cellCount])).toEqual([
            ['EMEA', 1500, 2],
            ['US', 0, 1],
        ]);
        expect(result.columns.map((column) => column.key)).toEqual(['Cloud', 'Data']);
    });

    it('follows a won opportunity: owned and captured at the opportunity amount', () => {
        const result = totalWhitespace(
            [
                {
                    businessUnit: 'EMEA',
                    productFamily: 'Cloud',
                    status: 'In Pipeline',
                    estimatedValue: 1000,
                    opportunityId: 'o1',
                },
            ],
            [{ id: 'o1', amount: 1200, isWon: true, isClosed: true, closeDate: '2026-10-01' }],
        );
        expect(result.cells[0]?.status).toBe('Owned');
        expect(result.captured).toBe(1200);
    });
});

describe('axisKeyOf', () => {
    it('keys a name as Apex normalizeSpace().toLowerCase() does', () => {
        expect(axisKeyOf('  North \t\n America ')).toBe('north america');
        expect(axisKeyOf('NORTH AMERICA')).toBe('north america');
        // Apex trims and squeezes only ASCII white space: a non-breaking space stays.
        expect(axisKeyOf('North\u00a0America')).toBe('north\u00a0america');
        expect(axisKeyOf('   ')).toBe('');
        expect(axisKeyOf(null)).toBe('');
    });
});
