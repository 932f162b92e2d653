import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { docsPage } from '../../api/http/docs.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

/** The tags the docs page is made of: its own frame, and what a description's markdown may become. */
const PAGE_TAGS = ['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'h3', 'details', 'summary', 'div', 'span', 'b', 'pre'];
const MARKDOWN_TAGS = ['p', 'ul', 'ol', 'li', 'code', 'em', 'strong', 'del', 'a', 'br', 'blockquote'];

const tagsOf = (page: string) => new Set([...page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase()));

/** What a reader sees as running text: no style, no JSON schemas (`<pre>`), no tags, entities decoded. */
function prose(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<pre\b[\s\S]*?<\/pre>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('the readable API reference (/api/docs)', () => {
  let api: TestApi;
  let page: string;
  before(async () => {
    api = await createTestApi();
    const response = await api.app.request('/api/docs');
    assert.equal(response.status, 200);
    page = await response.text();
  });
  after(() => api.close());

  test('renders the descriptions’ markdown: no literal backtick is left in the prose', () => {
    const text = prose(page);
    const left = [...text.matchAll(/.{0,40}`.{0,40}/g)].map((m) => m[0]);
    assert.deepEqual(left, [], 'backticks left in the rendered text');
    // Code spans became <code>, their text escaped.
    assert.ok(page.includes('<code>Authorization: Bearer &lt;token&gt;</code>'), page.slice(0, 2000));
    assert.ok(page.includes('<code>Idempotency-Key</code>'));
  });

  test('shows each operation’s description, not only its summary', () => {
    assert.match(page, /A merge is final\./);
    assert.ok(page.includes('the duplicate becomes <code>merged</code>'));
  });

  test('is made only of its own tags and those markdown may produce', () => {
    const allowed = new Set([...PAGE_TAGS, ...MARKDOWN_TAGS]);
    assert.deepEqual([...tagsOf(page)].filter((tag) => !allowed.has(tag)), []);
  });
});

describe('descriptions written to harm the docs page', () => {
  const hostile = {
    openapi: '3.1.0',
    info: {
      title: 'x',
      version: '1',
      description: 'Intro with `<b>code</b>`, <script>alert(1)</script> and **bold**.\n\n- one\n- two _em_',
    },
    paths: {
      '/x/{id}': {
        get: {
          tags: ['<i>tag</i>'],
          summary: '`a` <img src=x onerror=alert(2)>',
          description: '[bad](javascript:alert(3)) [good](https://example.com/?a=1&b="2") <a href="javascript:alert(4)">raw</a>',
          parameters: [{ name: '<svg onload=alert(5)>', in: 'query', description: '`q` <iframe src="//evil">' }],
          requestBody: { description: '</pre><script>alert(6)</script>', content: { 'application/json': { schema: { description: '</pre><script>alert(7)</script>' } } } },
          responses: { 200: { description: '**ok** <style>body{display:none}</style>' } },
        },
      },
    },
    components: { schemas: { '<object data=x>': { description: '"></summary><script>alert(8)</script>' } } },
  };
  let page: string;
  before(async () => {
    page = String(await docsPage(hostile as unknown as Parameters<typeof docsPage>[0]));
  });

  test('HTML in them stays text: escaped, never a tag or an attribute', () => {
    const allowed = new Set([...PAGE_TAGS, ...MARKDOWN_TAGS]);
    assert.deepEqual([...tagsOf(page)].filter((tag) => !allowed.has(tag)), [], 'tags that are not the page’s');
    assert.equal([...page.matchAll(/<style>/g)].length, 1, 'one <style>: the page’s own');
    assert.doesNotMatch(page, /<[a-z][^>]*\son[a-z]+\s*=/i, 'an event handler attribute');
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.includes('&lt;img src=x onerror=alert(2)&gt;'));
    assert.ok(page.includes('&lt;/pre&gt;&lt;script&gt;alert(6)&lt;/script&gt;'));
    assert.ok(page.includes('&lt;i&gt;tag&lt;/i&gt;'));
    assert.ok(page.includes('<code>&lt;b&gt;code&lt;/b&gt;</code>'));
  });

  test('links go only to absolute http(s) or mailto addresses, their URL escaped', () => {
    const hrefs = [...page.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, ['/api/openapi.json', 'https://example.com/?a=1&amp;b=&quot;2&quot;']);
    assert.match(page, /<a href="https:\/\/example\.com\/\?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer nofollow ugc" target="_blank">good<\/a>/);
    assert.ok(prose(page).includes('[bad](javascript:alert(3))'), 'a refused link stays the text it was written as');
  });

  test('markdown becomes its elements', () => {
    assert.ok(page.includes('<strong>bold</strong>'));
    assert.ok(page.includes('<ul><li>one</li><li>two <em>em</em></li></ul>'));
    assert.match(page, /<summary>.*<span class="summary"><code>a<\/code> &lt;img/);
    assert.ok(page.includes('<li><b>200</b> <strong>ok</strong> &lt;style&gt;'));
  });
});
