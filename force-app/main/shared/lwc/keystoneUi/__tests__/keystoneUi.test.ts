import { loadStateOf } from 'c/keystoneUi';

describe('loadStateOf', () => {
    it('is loading until data or an error arrives', () => {
        expect(loadStateOf(false, [])).toEqual({
            isLoading: true,
            hasLoadError: false,
            loadErrorText: '',
        });
    });

    it('is neither loading nor failed once data has arrived', () => {
        expect(loadStateOf(true, [])).toEqual({
            isLoading: false,
            hasLoadError: false,
            loadErrorText: '',
        });
    });

    it('joins the messages of a failed read into one line', () => {
        expect(loadStateOf(false, ['No access.', 'Try again later.'])).toEqual({
            isLoading: false,
            hasLoadError: true,
            loadErrorText: 'No access. Try again later.',
        });
    });
});
