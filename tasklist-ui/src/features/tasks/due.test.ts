import { describe, expect, it } from 'vitest';
import { DICTIONARIES, format, type Language, type MessageKey, type Params } from '../../app/i18n';
import { dueText } from './due';

const tFor = (language: Language) => (key: MessageKey, params?: Params) => format(DICTIONARIES[language][key], params);
const en = tFor('en');
const zh = tFor('zh');
const NOW = Date.parse('2025-03-01T10:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe('dueText', () => {
  it('counts down to the due date', () => {
    expect(dueText(at(12), NOW, en)).toEqual({ text: 'due in 12 min', state: 'soon' });
    expect(dueText(at(12.5), NOW, en).text).toBe('due in 12 min');
    expect(dueText(at(0.5), NOW, en).text).toBe('due in less than 1 min');
    expect(dueText(at(125), NOW, en)).toEqual({ text: 'due in 2 h 5 min', state: 'later' });
    expect(dueText(at(60 * 26), NOW, en).text).toBe('due in 1 d 2 h');
    expect(dueText(at(60 * 24 * 5), NOW, en).text).toBe('due in 5 d');
  });

  it('counts up after it', () => {
    expect(dueText(at(-3), NOW, en)).toEqual({ text: 'overdue 3 min', state: 'overdue' });
    expect(dueText(at(-3), NOW + 30_000, en).text).toBe('overdue 3 min');
    expect(dueText(at(-3), NOW + 60_000, en).text).toBe('overdue 4 min');
    expect(dueText(at(-60 * 7), NOW, en).text).toBe('overdue 7 h');
  });

  it('speaks Chinese', () => {
    expect(dueText(at(-3), NOW, zh).text).toBe('已超期 3 分钟');
    expect(dueText(at(12), NOW, zh).text).toBe('12 分钟后到期');
  });

  it('has nothing to say without a due date', () => {
    expect(dueText(null, NOW, en)).toEqual({ text: 'no due date', state: 'none' });
  });
});
