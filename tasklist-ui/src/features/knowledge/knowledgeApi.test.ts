import { describe, expect, it } from 'vitest';
import { highlightParts } from './knowledgeApi';
import { renderMarkdown } from './Markdown';

describe('highlightParts', () => {
  it('splits a fragment into marked and plain text, decoding the escaped characters', () => {
    expect(highlightParts('先检查数据库<mark>连接</mark><mark>接池</mark> &lt;b&gt; &amp; more')).toEqual([
      { text: '先检查数据库', marked: false },
      { text: '连接', marked: true },
      { text: '接池', marked: true },
      { text: ' <b> & more', marked: false },
    ]);
    expect(highlightParts('no match')).toEqual([{ text: 'no match', marked: false }]);
  });
});

describe('renderMarkdown', () => {
  it('renders Markdown and escapes raw HTML', () => {
    const html = renderMarkdown('# 标题\n\n**粗体** and [link](https://example.org)\n\n<script>alert(1)</script>');
    expect(html).toContain('<h1>标题</h1>');
    expect(html).toContain('<strong>粗体</strong>');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
