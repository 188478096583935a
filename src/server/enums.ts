/**
 * @module
 * Enumerations the API schemas share with the capabilities.
 */
import { BYS, METRICS } from '../adoption/index.ts';

export const adoptionBys = BYS as unknown as [string, ...string[]];
export const adoptionMetrics = METRICS as unknown as [string, ...string[]];
