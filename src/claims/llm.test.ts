import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { llmExtract } from './llm.ts';
import { claimsFixture } from '../../test/claims-fixture.ts';

/** A local server speaking the chat-completions protocol, answering with a fixed list of claims. */
function chatServer(content: string) {
  const requests: { path: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: JSON.parse(data) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  return new Promise<{ url: string; requests: typeof requests; close: () => void }>((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
        requests,
        close: () => server.close(),
      }),
    ),
  );
}

test('the second extractor speaks the chat-completions protocol and keeps only quotes found in the text', async () => {
  const text = 'Stargate plans to spend five hundred billion dollars, and a rumour says 12 new labs.';
  const srv = await chatServer(
    'Here you go:\n{"claims": [{"quote": "five hundred billion dollars", "metric": "investment", "value": 500000000000, "unit": "USD", "subject": "Stargate"}, {"quote": "not in the text", "metric": "other", "value": 1, "unit": "other"}]}',
  );
  try {
    const claims = await llmExtract(text, { url: srv.url, model: 'test-model' });
    assert.deepEqual(
      claims.map((c) => [c.quote, c.start, c.value]),
      [['five hundred billion dollars', text.indexOf('five hundred'), 5e11]],
    );
    assert.equal(srv.requests[0]?.path, '/v1/chat/completions');
    assert.equal(srv.requests[0]?.body.model, 'test-model');
    // Merged into a checked document: the rules miss the spelled-out amount, the model finds it, the data supports it.
    const { checker } = await claimsFixture();
    const doc = await checker.withLlm(checker.check('t', text), { url: srv.url, model: 'test-model' });
    const llm = doc.claims.find((c) => c.extractor === 'llm');
    assert.equal(llm?.verdict, 'supported');
    assert.equal(doc.text.slice(llm?.start, llm?.end), llm?.quote);
  } finally {
    srv.close();
  }
});

test('a model that answers without JSON adds nothing', async () => {
  const srv = await chatServer('I cannot help with that.');
  try {
    assert.deepEqual(await llmExtract('some text 5%', { url: srv.url, model: 'm' }), []);
  } finally {
    srv.close();
  }
});
