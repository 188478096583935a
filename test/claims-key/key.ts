/**
 * @module
 * The shape of an answer-key file (see README.md here), shared by the key's own check and the corpus scorer.
 */
export interface KeyClaim {
  quote: string;
  value: number;
  low: number | null;
  high: number | null;
  bound: string;
  unit: string;
  subject: string;
  subject_kind: string;
  metric: string;
  time: string | null;
  versus: string | null;
  notes?: string;
  verdict: string;
  verdict_basis: string;
  data_covers: boolean;
}

export interface KeyFile {
  article: string;
  language: 'en' | 'zh-Hans' | 'zh-Hant';
  split: 'build' | 'holdout';
  claims: KeyClaim[];
}
