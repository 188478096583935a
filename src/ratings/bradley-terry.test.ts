import { bradleyTerry } from './bradley-terry.ts';
import { runRatingSuite } from './ratings.case.ts';

runRatingSuite(bradleyTerry);
