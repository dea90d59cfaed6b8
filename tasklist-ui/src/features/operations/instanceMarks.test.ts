import { describe, expect, it } from 'vitest';
import { formatDuration, heatLevel, instanceMarks } from './instanceMarks';
import { heatDecoration } from './HeatMapPage';
import { filterFromParams, paramsFromFilter } from './OperationsPage';
import type { ElementRow, IncidentRow } from './operationsApi';

const element = (elementId: string, state: string): ElementRow => ({
  elementInstanceKey: `${elementId}-${state}`,
  elementId,
  elementName: null,
  type: 'SERVICE_TASK',
  state,
  startDate: null,
  endDate: null,
  incidentKey: null,
});

describe('instanceMarks', () => {
  it('marks running, finished and failed elements and the flows taken between entered elements', () => {
    const incidents: IncidentRow[] = [
      { incidentKey: '9', elementId: 'notify', elementInstanceKey: '1', jobKey: '2', errorType: 'JOB_NO_RETRIES', errorMessage: 'x', state: 'ACTIVE', creationTime: null },
      { incidentKey: '8', elementId: 'start', elementInstanceKey: '1', jobKey: null, errorType: 'X', errorMessage: 'x', state: 'RESOLVED', creationTime: null },
    ];
    const marks = instanceMarks(
      [element('start', 'COMPLETED'), element('classify', 'COMPLETED'), element('notify', 'ACTIVE'), element('wait', 'ACTIVE'), element('loop', 'COMPLETED'), element('loop', 'ACTIVE')],
      incidents,
      [
        { id: 'f1', source: 'start', target: 'classify' },
        { id: 'f2', source: 'classify', target: 'notify' },
        { id: 'f3', source: 'notify', target: 'end' },
        { id: 'f4', source: 'classify', target: 'never' },
      ],
    );
    expect(marks.incident).toEqual(['notify']);
    expect(marks.active).toEqual(['wait', 'loop']);
    expect(marks.completed).toEqual(['start', 'classify']);
    expect(marks.flows).toEqual(['f1', 'f2']);
  });
});

describe('heat map', () => {
  it('scales levels to the largest value and labels durations', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 10)).toBe(1);
    expect(heatLevel(10, 10)).toBe(4);
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(184_000)).toBe('3 min 4 s');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    const decoration = heatDecoration(
      {
        processDefinitionKey: '1',
        sampled: 30,
        truncated: false,
        elements: {
          a: { instances: 20, active: 0, incidents: 0, averageMillis: 1000 },
          b: { instances: 5, active: 5, incidents: 2, averageMillis: null },
        },
      },
      'incidents',
    );
    expect(decoration.markers).toEqual([{ id: 'b', marker: 'suoke-ops-heat-4' }]);
    expect(decoration.badges.map((b) => `${b.id}:${b.text}`)).toEqual(['b:2']);
  });
});

describe('the list filter in the address', () => {
  it('round-trips every filter', () => {
    const filter = {
      processDefinitionId: 'incident-management',
      version: 2,
      state: 'ACTIVE',
      withIncident: true,
      businessKey: 'INC-1',
      startedFrom: '2026-01-01T00:00:00.000Z',
      variableName: 'severity',
      variableValue: '"P1"',
    };
    const params = new URLSearchParams(paramsFromFilter(filter));
    expect(filterFromParams(params)).toEqual(filter);
    expect(paramsFromFilter({ businessKey: '' })).toEqual({});
  });
});
