/**
 * @module
 * The capability operations that offer facts, for building the fact index where the registry's list is not
 * at hand (Checker.create from a bare database handle). Capability modules only, never the registry: the
 * registry imports the claims operation, which imports this.
 */
import type { Operation } from '../ops/operation.ts';
import { catalogOps } from '../catalog/op.ts';
import { frontierOps } from '../frontier/op.ts';
import { costOps } from '../cost/op.ts';
import { adoptionOps } from '../adoption/op.ts';
import { chipsOps } from '../compute/op.ts';
import { timelineOps } from '../timeline/op.ts';

export const factOperations: readonly Operation[] = [
  ...catalogOps,
  ...frontierOps,
  ...costOps,
  ...adoptionOps,
  ...chipsOps,
  ...timelineOps,
].filter((op) => op.facts) as readonly Operation[];
