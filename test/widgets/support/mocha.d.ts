// The globals web-test-runner's Mocha gives a test file (its types are not installed).
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => void | Promise<void>): void;
declare function before(body: () => void | Promise<void>): void;
declare function after(body: () => void | Promise<void>): void;
declare function beforeEach(body: () => void | Promise<void>): void;
/** `this.currentTest`: the test just run. */
declare function afterEach(body: (this: { currentTest?: { title: string } }) => void | Promise<void>): void;
