import { useEffect, useRef, useState } from 'react';
import { apiHeaders } from './api';

/**
 * Parses a server-sent event stream (text/event-stream) chunk by chunk and calls `onEvent` with
 * each complete event's name and data.
 */
export function createEventStreamParser(onEvent: (event: string, data: string) => void) {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  return (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) onEvent(event || 'message', data.join('\n'));
        event = '';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  };
}

/**
 * Follows a server-sent event stream of the API and hands over the JSON data of the events named
 * `eventName`. It is read with fetch rather than EventSource so that it carries the UI's headers
 * (a 401 then ends the session instead of opening a browser dialog). Reconnects after a growing
 * pause when the stream ends or fails; stops on 401.
 */
export function subscribeEventStream<T>(
  url: string,
  eventName: string,
  onData: (data: T) => void,
  onConnected: (connected: boolean) => void,
  onUnauthorized?: () => void,
): () => void {
  let closed = false;
  let controller: AbortController | undefined;
  let retryTimer: number | undefined;
  let failures = 0;

  const connect = async () => {
    controller = new AbortController();
    try {
      const response = await fetch(url, {
        headers: { ...apiHeaders('GET'), Accept: 'text/event-stream' },
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (response.status === 401) {
        onConnected(false);
        onUnauthorized?.();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      onConnected(true);
      failures = 0;
      const parse = createEventStreamParser((name, data) => {
        if (name !== eventName) return;
        try {
          onData(JSON.parse(data) as T);
        } catch {
          // not an event of ours
        }
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parse(value);
      }
    } catch {
      // network failure or abort: retried below unless closed
    }
    if (closed) return;
    onConnected(false);
    failures += 1;
    retryTimer = window.setTimeout(connect, Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)));
  };

  void connect();
  return () => {
    closed = true;
    window.clearTimeout(retryTimer);
    controller?.abort();
  };
}

/**
 * Follows an event stream while the component is shown: calls `onChange` with the events that
 * arrived (at most every 500 ms, so that a burst costs one reload); tells whether the stream is live.
 */
export function useEventStream<T>(url: string, eventName: string, onChange: (events: T[]) => void): boolean {
  const [connected, setConnected] = useState(false);
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    let pending: T[] = [];
    let timer: number | undefined;
    const unsubscribe = subscribeEventStream<T>(
      url,
      eventName,
      (event) => {
        pending.push(event);
        if (timer === undefined) {
          timer = window.setTimeout(() => {
            const events = pending;
            pending = [];
            timer = undefined;
            callback.current(events);
          }, 500);
        }
      },
      setConnected,
    );
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [url, eventName]);
  return connected;
}
