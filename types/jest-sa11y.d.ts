// The @sa11y/jest matcher registered in jest/setup.ts.
declare namespace jest {
    interface Matchers<R> {
        toBeAccessible(): Promise<R>;
    }
}
