import { describe, expect, it } from 'vitest';
import { DICTIONARIES, format } from './index';
import { en } from './en';
import { zh } from './zh';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('dictionaries', () => {
  it('have the same keys in Chinese and English', () => {
    const missingInZh = Object.keys(en).filter((key) => !(key in zh));
    const missingInEn = Object.keys(zh).filter((key) => !(key in en));
    expect(missingInZh).toEqual([]);
    expect(missingInEn).toEqual([]);
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const [key, english] of Object.entries(en)) {
      const chinese = zh[key as keyof typeof en];
      expect(english.trim(), key).not.toBe('');
      expect(chinese.trim(), key).not.toBe('');
      expect(placeholders(chinese), key).toEqual(placeholders(english));
    }
  });

  it('are really translated: Chinese texts contain Chinese characters unless they are names', () => {
    const sameInBoth = Object.keys(en).filter((key) => zh[key as keyof typeof en] === en[key as keyof typeof en]);
    expect(sameInBoth).toEqual([]);
    expect(DICTIONARIES.zh['app.name']).toBe('索克运维');
    expect(DICTIONARIES.en['app.name']).toBe('Suoke Ops');
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('due in {duration}', { duration: '12 min' })).toBe('due in 12 min');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
