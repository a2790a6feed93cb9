// The accessibility helper every component test uses must really fail on inaccessible markup.
import { expectAccessible } from 'test-utils';

function fixture(markup: (root: HTMLElement) => void): HTMLElement {
    const root = document.createElement('div');
    markup(root);
    document.body.appendChild(root);
    return root;
}

describe('expectAccessible', () => {
    afterEach(() => {
        document.body.replaceChildren();
    });

    it('rejects a button without an accessible name', async () => {
        const root = fixture((element) => {
            element.appendChild(document.createElement('button'));
        });
        await expect(expectAccessible(root)).rejects.toThrow(/button-name/);
    });

    it('rejects an image without alternative text', async () => {
        const root = fixture((element) => {
            const image = document.createElement('img');
            image.src = 'chart.png';
            element.appendChild(image);
        });
        await expect(expectAccessible(root)).rejects.toThrow(/image-alt/);
    });

    it('accepts labelled controls', async () => {
        const root = fixture((element) => {
            const button = document.createElement('button');
            button.textContent = 'Mark reviewed';
            element.appendChild(button);
        });
        await expectAccessible(root);
    });
});
