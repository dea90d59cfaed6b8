import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen } from '@testing-library/react';
import { ME, json, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ContactRulesCard from './ContactRulesCard';

configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ContactRulesCard', () => {
  it('shows my rules, adds one and shows the fields the server refuses', async () => {
    let saves = 0;
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/me/contact-rules': { rules: [{ channel: 'dingtalk', delayMinutes: 0 }] },
      'PUT /api/me/contact-rules': (call: Call) => {
        saves += 1;
        if (saves === 1) {
          return json({ status: 400, errors: [{ field: 'rules[1].channel', reason: 'is already in an earlier rule' }] }, 400);
        }
        return json(JSON.parse(call.body!));
      },
    });
    renderPage(<ContactRulesCard />, { route: '/oncall/my', path: '/oncall/my', language: 'zh' });
    expect(await screen.findByTestId('contact-rule-0')).toHaveTextContent('钉钉');
    fireEvent.click(screen.getByTestId('contact-add'));
    expect(await screen.findByTestId('contact-rule-1')).toHaveTextContent('短信');
    fireEvent.click(screen.getByTestId('contact-save'));
    expect(await screen.findByTestId('contact-problems')).toHaveTextContent('rules[1].channel: is already in an earlier rule');
    fireEvent.click(screen.getByTestId('contact-save'));
    await vi.waitFor(() => expect(stub.callsTo('PUT', '/api/me/contact-rules')).toHaveLength(2));
    expect(JSON.parse(stub.callsTo('PUT', '/api/me/contact-rules')[1].body!)).toEqual({
      rules: [{ channel: 'dingtalk', delayMinutes: 0 }, { channel: 'sms', delayMinutes: 5 }],
    });
  }, 60_000);
});
