import { describe, expect, it } from 'vitest';
import { createEventStreamParser } from './taskEvents';

describe('createEventStreamParser', () => {
  it('reassembles events split across chunks and skips comments', () => {
    const events: [string, string][] = [];
    const parse = createEventStreamParser((event, data) => events.push([event, data]));
    parse(': keep-alive\n\nevent: task\nda');
    parse('ta: {"type":"created","key":"1"}\n');
    expect(events).toEqual([]);
    parse('\nevent: task\r\ndata: {"type":"completed","key":"2"}\r\n\r\ndata: plain\n\n');
    expect(events).toEqual([
      ['task', '{"type":"created","key":"1"}'],
      ['task', '{"type":"completed","key":"2"}'],
      ['message', 'plain'],
    ]);
  });
});
