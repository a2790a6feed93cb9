import { fieldErrorsOf, reduceErrors } from 'c/keystoneErrors';

describe('reduceErrors', () => {
    it('reads page errors and output errors from an LDS save error', () => {
        const error = {
            body: {
                message: 'An error occurred while trying to update the record.',
                output: {
                    errors: [{ message: 'Plan end date must be after its start date.' }],
                    fieldErrors: {},
                },
            },
        };
        expect(reduceErrors(error)).toEqual(['Plan end date must be after its start date.']);
    });

    it('falls back to the body message of an Apex AuraHandledException', () => {
        expect(reduceErrors({ body: { message: 'You cannot edit this plan.' } })).toEqual([
            'You cannot edit this plan.',
        ]);
    });

    it('reads JavaScript errors, strings and lists, and drops duplicates and empties', () => {
        expect(
            reduceErrors([
                new Error('Network down'),
                'Network down',
                null,
                { body: [{ message: 'A' }] },
            ]),
        ).toEqual(['Network down', 'A']);
    });

    it('returns nothing for nothing', () => {
        expect(reduceErrors(undefined)).toEqual([]);
    });
});

describe('fieldErrorsOf', () => {
    it('groups messages by field from both LDS and Apex shapes', () => {
        const error = {
            body: {
                fieldErrors: { RevenueTarget__c: [{ message: 'Must not be negative.' }] },
                output: {
                    fieldErrors: {
                        RevenueTarget__c: [{ message: 'Must be a whole number.' }],
                        PeriodEnd__c: [{ message: 'Must be after the start date.' }],
                    },
                },
            },
        };
        expect(fieldErrorsOf(error)).toEqual({
            RevenueTarget__c: ['Must not be negative.', 'Must be a whole number.'],
            PeriodEnd__c: ['Must be after the start date.'],
        });
    });

    it('returns an empty map for errors without field errors', () => {
        expect(fieldErrorsOf(new Error('x'))).toEqual({});
    });
});
