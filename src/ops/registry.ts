/**
 * @module
 * The list of operations. The CLI, the API, the OpenAPI document and the equivalence suite are all
 * generated from it: adding a capability means adding its operation here.
 */
import type { Operation } from './operation.ts';
import { catalogOps } from '../catalog/op.ts';
import { modelOps } from '../models/op.ts';
import { frontierOps } from '../frontier/op.ts';
import { costOps } from '../cost/op.ts';
import { adoptionOps } from '../adoption/op.ts';
import { scorecardOps } from '../scorecard/op.ts';
import { timelineOps } from '../timeline/op.ts';
import { ratingsOps } from '../ratings/op.ts';
import { chipsOps } from '../compute/op.ts';
import { claimsOps } from '../claims/op.ts';
import { refreshOp } from '../connectors/op.ts';
import { doctor } from '../doctor/op.ts';

export const operations: readonly Operation[] = [
  ...catalogOps,
  ...modelOps,
  doctor,
  ...frontierOps,
  ...ratingsOps,
  ...chipsOps,
  ...costOps,
  ...adoptionOps,
  refreshOp,
  ...claimsOps,
  ...scorecardOps,
  ...timelineOps,
] as readonly Operation[];

export function findOperation(name: string): Operation | undefined {
  return operations.find((o) => o.name === name);
}
