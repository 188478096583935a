/**
 * @module
 * The dashboard's pages: path, the query parameters each reads (with a normaliser that drops bad values,
 * so they cannot multiply cache entries) and its render function.
 */
import type { Doc, PageDeps } from './layout.ts';
import { adoptionPage } from './adoption.ts';
import { capabilityPage, metricParam } from './capability.ts';
import { claimsPage } from './claims.ts';
import { computePage, computeParams } from './compute.ts';
import { costPage, costParams } from './cost.ts';
import { glossaryPage, methodsPage } from './methods.ts';
import { modelPage, modelsPage } from './model.ts';
import { overviewPage, weightField, weightsParam } from './overview.ts';
import { PILLARS } from '../scorecard/weights.ts';
import { policyPage } from './policy.ts';
import { sourcesPage } from './sources.ts';

export interface PageOut {
  title: string;
  body: string;
  status?: number;
}

export interface PageDef {
  path: string;
  params?: Record<string, (raw: string, d: PageDeps) => string | null>;
  render: (doc: Doc, id: string | null) => Promise<PageOut>;
}

const search = (raw: string) => (raw.length <= 100 ? raw.trim() || null : null);

export const PAGE_LIST: PageDef[] = [
  {
    path: '/',
    params: { weights: weightsParam, ...Object.fromEntries(PILLARS.map((p) => [`w_${p}`, weightField])) },
    render: overviewPage,
  },
  { path: '/capability', params: { metric: metricParam }, render: capabilityPage },
  { path: '/adoption', render: adoptionPage },
  { path: '/cost', params: costParams, render: costPage },
  { path: '/compute', params: computeParams, render: computePage },
  { path: '/policy', render: policyPage },
  { path: '/claims', render: claimsPage },
  { path: '/sources', render: sourcesPage },
  { path: '/models', params: { q: search }, render: modelsPage },
  { path: '/models/:id', render: (doc, id) => modelPage(doc, id ?? '') },
  { path: '/methods', render: methodsPage },
  { path: '/glossary', render: glossaryPage },
];
