// Shared helpers for component tests: mount, flush, clean up, and the accessibility check.
import { createElement } from 'lwc';

/** Every page reference a component navigated to (lightning/navigation's stub records them). */
export { navigateMock } from './stubs/lightningNavigation';

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

/** Text content with runs of white space collapsed, or '' when nothing matches. */
export function textOf(element: HTMLElement, selector: string): string {
    return shadowQuery(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The messages of the `changed` events a plan part fires after each save or removal. */
export function changeMessages(element: HTMLElement): string[] {
    const messages: string[] = [];
    element.addEventListener('changed', (event) =>
        messages.push((event as CustomEvent<{ message: string }>).detail.message),
    );
    return messages;
}

/** The dialog a form opens in: the c-keystone-dialog in the component's shadow tree. */
export function dialogOf(element: HTMLElement): HTMLElement {
    const dialog = shadowQuery(element, 'c-keystone-dialog');
    if (!dialog) throw new Error('no c-keystone-dialog is rendered');
    return dialog;
}

/** Presses Escape inside the component's dialog. */
export function pressEscapeIn(element: HTMLElement): void {
    const section = shadowQuery(dialogOf(element), '[data-id="dialog"]');
    if (!section) throw new Error('the dialog has no [data-id="dialog"]');
    section.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
}

/** Clicks what the selector finds in the component's shadow tree and lets it re-render. */
export async function clickOn(element: HTMLElement, selector: string): Promise<void> {
    const target = shadowQuery(element, selector);
    if (!target) throw new Error(`nothing matches ${selector}`);
    target.click();
    await flushPromises();
}

/** Types into the field whose data-field is `name`, the way a base input reports a change. */
export async function typeInto(element: HTMLElement, name: string, value: string): Promise<void> {
    const input = shadowQuery(element, `[data-field="${name}"]`);
    if (!input) throw new Error(`no field ${name}`);
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

/** A table row's cells (the row marked data-row="id"), each as its text; a cell's lines joined with " / ". */
export function rowCells(element: HTMLElement, id: string): string[] {
    return shadowQueryAll(element, `[data-row="${id}"] > *`).map((cell) => {
        const lines = Array.from(cell.querySelectorAll(':scope > span'))
            .map((span) => span.textContent?.replace(/\s+/g, ' ').trim())
            .filter((line) => line);
        const own = Array.from(cell.childNodes)
            .filter((node) => node.nodeType === Node.TEXT_NODE)
            .map((node) => node.textContent?.trim())
            .filter((text) => text);
        return [...own, ...lines].join(' / ');
    });
}

/** Collects the named events the component fires, in order, with their details. */
export function recordEvents(
    element: HTMLElement,
    ...names: string[]
): { name: string; detail: unknown }[] {
    const seen: { name: string; detail: unknown }[] = [];
    for (const name of names) {
        element.addEventListener(name, (event) =>
            seen.push({ name, detail: (event as CustomEvent).detail }),
        );
    }
    return seen;
}

/** A deep copy of a JSON fixture, so a test that edits it cannot change the next test's data. */
export function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

// ------------------------------------------------------------------ Apex mocks

/** What sfdx-lwc-jest's createApexTestWireAdapter gives a test to drive a wired Apex method. */
export interface TestWireAdapter {
    emit(value: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
}

/**
 * Module factories for jest.mock of '@salesforce/apex/Class.method'. jest.mock is hoisted above
 * the imports, so call them through jest.requireActual:
 *   jest.mock('@salesforce/apex/C.m', () => jest.requireActual('test-utils').apexWireMock(),
 *       { virtual: true });
 */
export function apexWireMock(): { default: unknown } {
    const { createApexTestWireAdapter } = jest.requireActual<{
        createApexTestWireAdapter(fn: jest.Mock): unknown;
    }>('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
}

/** An imperative Apex method as a jest.fn (set results with mockResolvedValue...). */
export function apexMethodMock(): { default: jest.Mock } {
    return { default: jest.fn() };
}

/** The error a Keystone controller throws: an AuraHandledException whose message is JSON. */
export function keystoneError(
    kind: string,
    message: string,
    fieldErrors: Record<string, string[]> = {},
    detail?: unknown,
): { body: { message: string }; status: number } {
    return {
        body: { message: JSON.stringify({ kind, message, fieldErrors, detail }) },
        status: 400,
    };
}
