/**
 * @module
 * Optional second extractor: an OpenAI-compatible chat-completions endpoint (for example a locally served
 * open-weight model) asked to list the quantitative claims of a text as JSON. Off by default. Its claims
 * are kept only when their quote is found in the text (so offsets are real) and the rule-based extractor
 * did not already find them; they are then checked like any other claim.
 */
export interface LlmOptions {
  /** Base URL, e.g. http://127.0.0.1:8000/v1 */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

export interface LlmClaim {
  quote: string;
  start: number;
  end: number;
  metric: string;
  value: number;
  unit: string;
  subject: string | null;
}

const PROMPT = `List every quantitative claim in the user's text (amounts of money, percentages, ratios, counts, downloads, months of lead or lag).
Answer with JSON only: {"claims": [{"quote": "<the number exactly as written in the text>", "metric": "investment|training_cost|price|valuation|performance_ratio|cost_ratio|share|downloads|chip_count|signatories|gap_months|other", "value": <number; percentages as fractions>, "unit": "USD|EUR|CNY|ratio|chips|times|countries|months|other", "subject": "<who or what the claim is about>"}]}`;

export async function llmExtract(
  text: string,
  o: LlmOptions,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<LlmClaim[]> {
  const res = await fetchImpl(`${o.url.replace(/\/$/, '')}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
    body: JSON.stringify({
      model: o.model,
      temperature: 0,
      messages: [
        { role: 'system', content: PROMPT },
        { role: 'user', content: text },
      ],
    }),
    signal: AbortSignal.timeout(o.timeoutMs ?? 120000),
  });
  if (!res.ok) throw new Error(`LLM extractor: ${o.url} answered ${res.status}`);
  const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
  const content = body.choices?.[0]?.message?.content ?? '';
  const json = /\{[\s\S]*\}/.exec(content)?.[0];
  if (!json) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  const out: LlmClaim[] = [];
  const used = new Set<number>();
  for (const c of ((parsed as { claims?: unknown[] }).claims ?? []) as Record<string, unknown>[]) {
    const quote = typeof c['quote'] === 'string' ? c['quote'] : '';
    const value = typeof c['value'] === 'number' ? c['value'] : Number.NaN;
    if (!quote || !Number.isFinite(value)) continue;
    // The quote must be in the text: its first occurrence not yet used gives the offsets.
    let at = text.indexOf(quote);
    while (at !== -1 && used.has(at)) at = text.indexOf(quote, at + 1);
    if (at === -1) continue;
    used.add(at);
    out.push({
      quote,
      start: at,
      end: at + quote.length,
      metric: String(c['metric'] ?? 'other'),
      value,
      unit: String(c['unit'] ?? 'other'),
      subject: typeof c['subject'] === 'string' ? c['subject'] : null,
    });
  }
  return out;
}
