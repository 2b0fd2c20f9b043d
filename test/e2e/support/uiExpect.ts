import type { Locator } from 'playwright-core';

/** Playwright's retrying assertions for plain vitest: wait until the UI shows what is expected, or fail saying what it showed. */
export async function expectVisible(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

async function poll(read: () => Promise<string>, matches: (actual: string) => boolean, describe: string, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  let actual = '';
  for (;;) {
    try {
      actual = await read();
      if (matches(actual)) return;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`expected ${describe}, but it showed ${JSON.stringify(actual)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function expectText(locator: Locator, expected: string | RegExp, timeout = 10_000): Promise<void> {
  const matches = (actual: string) => (typeof expected === 'string' ? actual.trim() === expected : expected.test(actual));
  await poll(async () => (await locator.first().textContent({ timeout: 200 })) ?? '', matches, `text ${String(expected)}`, timeout);
}

export async function expectContainsText(locator: Locator, expected: string, timeout = 10_000): Promise<void> {
  await poll(async () => (await locator.first().textContent({ timeout: 200 })) ?? '', (a) => a.includes(expected), `text containing ${JSON.stringify(expected)}`, timeout);
}

export async function expectValue(locator: Locator, expected: string, timeout = 10_000): Promise<void> {
  await poll(() => locator.first().inputValue({ timeout: 200 }), (a) => a === expected, `value ${JSON.stringify(expected)}`, timeout);
}
