import { describe, expect, it } from 'vitest';
import { draftKindOf, problemsFromReasons, resourceNameOf, type Model } from './modelsApi';

describe('problemsFromReasons', () => {
  it('reads the file, the element and the message of each refused line', () => {
    expect(
      problemsFromReasons([
        "'incident.bpmn' element 'Timer_1': Expected a valid expression but found '=PT5M +'",
        "'incident.bpmn': Error: URI=null Line=3",
        'something else',
      ]),
    ).toEqual([
      { resourceName: 'incident.bpmn', elementId: 'Timer_1', message: "Expected a valid expression but found '=PT5M +'" },
      { resourceName: 'incident.bpmn', elementId: null, message: 'Error: URI=null Line=3' },
      { resourceName: '', elementId: null, message: 'something else' },
    ]);
  });
});

describe('resourceNameOf', () => {
  const model = (kind: Model['kind']): Model => ({ kind, id: 'incident-priority', name: 'x', versions: [] });
  it('keeps the deployed file name of its kind and otherwise names the file after the model', () => {
    const version = { version: 1, key: '1', deployedBy: null, deployedAt: null };
    expect(resourceNameOf(model('process'), { ...version, resourceName: 'incident/incident-management.bpmn' })).toBe('incident-management.bpmn');
    expect(resourceNameOf(model('decision'), { ...version, resourceName: 'incident-priority_drg' })).toBe('incident-priority.dmn');
    expect(resourceNameOf(model('form'), { ...version, resourceName: null })).toBe('incident-priority.form');
    expect(draftKindOf('decision')).toBe('dmn');
  });
});
