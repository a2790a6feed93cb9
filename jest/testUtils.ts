// Shared helpers for component tests: mount, flush, clean up, and the accessibility check.
import { createElement } from 'lwc';

type Props = Record<string, unknown>;

/** Creates a component, sets its public properties, and attaches it to the document. */
export function mount<T extends HTMLElement = HTMLElement>(
    tagName: string,
    componentClass: unknown,
    props: Props = {},
): T {
    const element = createElement(tagName, { is: componentClass as never }) as unknown as T;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

/** Lets pending promises and the re-render they cause settle. */
export async function flushPromises(): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

export function removeAllComponents(): void {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
}

/** Fails the test with the axe-core rule names when the rendered component is not accessible. */
export async function expectAccessible(element: HTMLElement): Promise<void> {
    await expect(element).toBeAccessible();
}

export function shadowQuery<T extends Element = HTMLElement>(
    element: HTMLElement,
    selector: string,
): T | null {
    return element.shadowRoot?.querySelector<T>(selector) ?? null;
}

export function shadowQueryAll<T extends Element = HTMLElement>(
    element: HTMLElement,
    selector: string,
): T[] {
    return Array.from(element.shadowRoot?.querySelectorAll<T>(selector) ?? []);
}
