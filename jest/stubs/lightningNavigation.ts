// sfdx-lwc-jest's lightning/navigation stub drops every navigation; this one records them in
// `navigateMock`, which test-utils re-exports, so a test can say where a click took the user.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const navigateMock = jest.fn();

export const CurrentPageReference = createTestWireAdapter(jest.fn());

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a TypeScript mixin's base must take any[]
export function NavigationMixin<T extends new (...args: any[]) => object>(Base: T): T {
    return class extends Base {
        [Navigate](pageReference: unknown): void {
            navigateMock(pageReference);
        }

        [GenerateUrl](): Promise<string> {
            return Promise.resolve('https://www.example.com');
        }
    };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
