// A tiny stand-in dataset used until scripts/data/sampleDataset.ts (the seeded generator shared
// with the benchmarks and the org seeding script) is available. Replace, do not grow.
import type { OpportunityInput } from 'c/keystoneEngine';
import type { PreviewSeed } from './previewData.ts';
import { CURRENT_USER_ID } from './previewData.ts';
import { makeRecordId } from './recordStore.ts';

const AS_OF = '2026-11-26';

function wonDeals(amounts: number[]): OpportunityInput[] {
    return amounts.map((amount, index) => ({
        id: `won-${index}`,
        amount,
        closeDate: `2026-0${(index % 9) + 1}-15`,
        isClosed: true,
        isWon: true,
        probability: 100,
    }));
}

const ACCOUNTS: { name: string; industry: string; revenue: number[]; strategic: number }[] = [
    {
        name: 'Acme Industrial',
        industry: 'Manufacturing',
        revenue: [900000, 700000],
        strategic: 90,
    },
    {
        name: 'Globex Logistics',
        industry: 'Transportation',
        revenue: [650000, 300000],
        strategic: 70,
    },
    { name: 'Initech Software', industry: 'Technology', revenue: [40000], strategic: 20 },
];

export function fixtureSeed(): PreviewSeed {
    return {
        asOf: AS_OF,
        users: [
            {
                id: CURRENT_USER_ID,
                fields: {
                    Name: 'Avery Account-Manager',
                    FirstName: 'Avery',
                    LastName: 'Account-Manager',
                },
            },
        ],
        accounts: ACCOUNTS.map((account, index) => {
            const id = makeRecordId('Account', index + 1);
            return {
                id,
                fields: {
                    Name: account.name,
                    Industry: account.industry,
                    AnnualRevenue: account.revenue.reduce((sum, amount) => sum + amount, 0),
                    OwnerId: CURRENT_USER_ID,
                },
                scoring: {
                    now: AS_OF,
                    account: {
                        id,
                        name: account.name,
                        ownerId: CURRENT_USER_ID,
                        strategicValue: account.strategic,
                    },
                    opportunities: wonDeals(account.revenue),
                },
            };
        }),
        records: [],
    };
}
