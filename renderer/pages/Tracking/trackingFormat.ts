import { formatNumber } from '../../../shared/domain/numberFormat';

/** Arrests or offences a person-month: small numbers, so three decimals on every tracking table. */
export const rate = (value: number) => formatNumber(value, 3);
