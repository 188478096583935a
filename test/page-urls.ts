/**
 * @module
 * One URL for every page the dashboard registers (src/pages/registry.ts), with the inputs a page needs to
 * show its answer: a page added to the registry is visited by the page tests and the browser sweep at once.
 */
import { PAGE_LIST } from '../src/pages/registry.ts';

const SAMPLE_INPUT: Record<string, string> = {
  '/compute': '/compute?chip=nvidia-h20&destination=CN&date=2025-05-01',
  '/models/:id': '/models/deepseek-r1',
};

export const PAGE_URLS: readonly string[] = PAGE_LIST.map((p) => SAMPLE_INPUT[p.path] ?? p.path);
