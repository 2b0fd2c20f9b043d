import type { Page } from 'playwright-core';

/**
 * Types the seed's own table into the open Projection screen's scenario form, as an analyst copying
 * it would: 36.34% (884 / 2432.5) with no range, 5 / 11.6 / 3.0 offences per arrest.
 */
export async function enterSeedTable(page: Page): Promise<void> {
  await page.getByLabel('Low (%)').fill('');
  await page.getByLabel('Central (%)').fill('36.34');
  await page.getByLabel('High (%)').fill('');
  await page.getByLabel('Offences per arrest, All crime', { exact: true }).fill('5');
  await page.getByLabel('Offences per arrest, Residential burglary', { exact: true }).fill('11.6');
  await page.getByLabel('Offences per arrest, Robbery (personal property)', { exact: true }).fill('3.0');
}
