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

/** Text content with runs of white space collapsed, or '' when nothing matches. */
export function textOf(element: HTMLElement, selector: string): string {
    return shadowQuery(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
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
