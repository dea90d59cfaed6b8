import { useMemo } from 'react';
import MarkdownIt from 'markdown-it';
import './knowledge.css';

// Raw HTML in a document is shown as text (html: false), never run: documents are written by many people.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });
const defaultLink = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLink(tokens, idx, options, env, self);
};

/** Renders Markdown as HTML (CommonMark with tables and links); any HTML in the text is escaped. */
export function renderMarkdown(text: string): string {
  return markdown.render(text);
}

export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="knowledge-markdown" data-testid="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
