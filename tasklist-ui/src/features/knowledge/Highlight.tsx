import { highlightParts } from './knowledgeApi';

/** A highlighted fragment: matches in <mark>, everything as text. */
export function Highlight({ fragment }: { fragment: string }) {
  return (
    <span className="knowledge-hit">
      {highlightParts(fragment).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}
