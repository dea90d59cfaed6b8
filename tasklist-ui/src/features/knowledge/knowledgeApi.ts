import { api, queryString } from '../../app/api';

export const DOCUMENT_TYPES = ['runbook', 'fault-handbook', 'post-incident-review', 'best-practice'] as const;
/** The types people write; post-incident reviews are published by their event review. */
export const WRITABLE_TYPES = ['runbook', 'fault-handbook', 'best-practice'] as const;

export interface KnowledgeDocument {
  id: number;
  type: string;
  title: string;
  body: string;
  services: string[];
  tags: string[];
  incidentNumber: string | null;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface KnowledgeVersion {
  documentId: number;
  version: number;
  title: string;
  body: string;
  services: string[];
  tags: string[];
  author: string;
  changeNote: string | null;
  createdAt: string;
}

export interface DiffLine {
  op: 'equal' | 'added' | 'removed';
  text: string;
}

export interface KnowledgeDiff {
  documentId: number;
  from: number;
  to: number;
  lines: DiffLine[];
  titleChanged: boolean;
  tagsAdded: string[];
  tagsRemoved: string[];
}

export interface SearchResult {
  document: Pick<KnowledgeDocument, 'id' | 'type' | 'title' | 'services' | 'tags' | 'incidentNumber' | 'version' | 'updatedBy' | 'updatedAt'>;
  score: number | null;
  highlights: { title?: string[]; body?: string[] };
}

export interface SearchPage {
  items: SearchResult[];
  total: number;
  facets: { type?: Record<string, number>; services?: Record<string, number>; tags?: Record<string, number> };
}

export interface SearchQuery {
  q?: string;
  type?: string;
  service?: string;
  tag?: string;
  page?: number;
}

export interface DocumentInput {
  type: string;
  title: string;
  body: string;
  services: string[];
  tags: string[];
  changeNote?: string;
  baseVersion?: number;
}

const path = (id: number | string) => `/api/knowledge/documents/${encodeURIComponent(String(id))}`;

export const searchDocuments = (query: SearchQuery) =>
  api<SearchPage>(`/api/knowledge/documents${queryString({ ...query, size: 20 })}`);
export const fetchDocument = (id: number | string) => api<KnowledgeDocument>(path(id));
export const fetchVersions = (id: number | string) => api<KnowledgeVersion[]>(`${path(id)}/versions`);
export const fetchDiff = (id: number | string, from: number, to: number) =>
  api<KnowledgeDiff>(`${path(id)}/diff${queryString({ from, to })}`);
export const createDocument = (input: DocumentInput) =>
  api<KnowledgeDocument>('/api/knowledge/documents', { method: 'POST', json: input });
export const updateDocument = (id: number | string, input: DocumentInput) =>
  api<KnowledgeDocument>(path(id), { method: 'PUT', json: input });

/**
 * A highlighted fragment as the server sends it (HTML-escaped text with matches in <mark>) split
 * into plain text parts, each marked or not, so that nothing of it is ever parsed as HTML.
 */
export function highlightParts(fragment: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (const match of fragment.matchAll(pattern)) {
    if (match.index! > last) parts.push({ text: decode(fragment.slice(last, match.index)), marked: false });
    parts.push({ text: decode(match[1]), marked: true });
    last = match.index! + match[0].length;
  }
  if (last < fragment.length) parts.push({ text: decode(fragment.slice(last)), marked: false });
  return parts;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x2F;/g, '/')
    .replace(/&amp;/g, '&');
}

/** Suggestions for an incident: reviews of similar incidents and runbooks (with fault handbooks). */
export interface Similar {
  incidentNumber: string;
  service: string;
  labelWords: string[];
  incidents: SearchResult[];
  runbooks: SearchResult[];
}

export const fetchSimilar = (incidentNumber: string) =>
  api<Similar>(`/api/incidents/${encodeURIComponent(incidentNumber)}/similar`);
