#!/usr/bin/env node
// Runs the given test files two at a time in the order given (`node --test` sorts them by name, which started
// the longest file, the browser journeys, last and left it running alone at the end). Started by bin/test.mjs
// with `--import tsx`, which the test processes inherit.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

let failed = false;
const stream = run({ files: process.argv.slice(2), concurrency: 2 });
stream.on('test:fail', () => (failed = true));
stream.on('end', () => (process.exitCode = failed ? 1 : 0));
stream.compose(spec).pipe(process.stdout);
