import { firstMessages, parseSaveError } from 'c/keystoneSaveErrors';

describe('parseSaveError', () => {
    it('reads the JSON message of a Keystone AuraHandledException', () => {
        const error = {
            body: {
                message: JSON.stringify({
                    kind: 'fieldErrors',
                    message: 'Check the highlighted fields.',
                    fieldErrors: { Probability__c: ['Probability must be between 0 and 100.'] },
                }),
            },
        };
        expect(parseSaveError(error)).toEqual({
            kind: 'fieldErrors',
            message: 'Check the highlighted fields.',
            fieldErrors: { Probability__c: ['Probability must be between 0 and 100.'] },
            detail: null,
        });
    });

    it('keeps the server version of a conflict', () => {
        const error = {
            body: {
                message: JSON.stringify({
                    kind: 'conflict',
                    message: 'Someone else saved this plan.',
                    fieldErrors: {},
                    detail: { plan: { Name: 'Theirs' } },
                }),
            },
        };
        const parsed = parseSaveError(error);
        expect(parsed.kind).toBe('conflict');
        expect(parsed.detail).toEqual({ plan: { Name: 'Theirs' } });
    });

    it('falls back to LDS field errors and plain messages', () => {
        const lds = {
            body: {
                message: 'An error occurred while trying to update the record.',
                output: {
                    errors: [],
                    fieldErrors: { Name: [{ message: 'Required.' }] },
                },
            },
        };
        expect(parseSaveError(lds).kind).toBe('fieldErrors');
        expect(parseSaveError(lds).fieldErrors).toEqual({ Name: ['Required.'] });
        expect(parseSaveError(new Error('Network down'))).toMatchObject({
            kind: 'error',
            message: 'Network down',
        });
        expect(parseSaveError({ body: { message: '{not json' } }).message).toBe('{not json');
        expect(parseSaveError(undefined).message).toBe('The change could not be saved.');
    });

    it('gives the first message per field', () => {
        expect(firstMessages({ A__c: ['one', 'two'], B__c: [] })).toEqual({ A__c: 'one' });
    });
});
