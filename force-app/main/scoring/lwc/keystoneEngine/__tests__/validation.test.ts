import { KeystoneScoringError } from '../errors';
import { optionalAmountAt, optionalNumberAt } from '../validation';

describe('list readers', () => {
    it('reject a number that is not finite, naming the item', () => {
        // Not possible in JSON, but a browser form can produce NaN (Number('abc')).
        expect(() => optionalNumberAt(Number.NaN, 'cells', 2, 'probability')).toThrow(
            'cells[2].probability: must be a number',
        );
        expect(() => optionalNumberAt(Infinity, 'cells', 0, 'probability')).toThrow(
            'cells[0].probability: must be a number',
        );
        expect(() => optionalAmountAt(Number.NaN, 'opportunities', 1, 'amount')).toThrow(
            'opportunities[1].amount: must be a number',
        );
        expect(optionalNumberAt(-5, 'cells', 0, 'probability')).toBe(-5);
        expect(optionalNumberAt(null, 'cells', 0, 'probability')).toBeNull();
    });
});

describe('KeystoneScoringError', () => {
    it('names the field first, so a form can place it, and says what it is', () => {
        const error = new KeystoneScoringError('plan.buyingGroupSize', 'must be a number');
        expect(error.message).toBe('plan.buyingGroupSize: must be a number');
        expect(error.fieldPath).toBe('plan.buyingGroupSize');
        expect(error.name).toBe('KeystoneScoringError');
        expect(error).toBeInstanceOf(Error);
    });
});
