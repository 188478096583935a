import assert from 'node:assert/strict';
import { test } from 'node:test';
import { esc } from './html.ts';

test('esc: every character that can end text or an attribute is escaped; null is empty', () => {
  assert.equal(esc(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  assert.equal(esc(null), '');
  assert.equal(esc(12), '12');
});
