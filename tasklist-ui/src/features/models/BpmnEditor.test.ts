import { describe, expect, it, vi } from 'vitest';

// the modeler itself needs a browser; only the problem-to-shape mapping is checked here
vi.mock('bpmn-js/lib/Modeler', () => ({ default: class {} }));
vi.mock('bpmn-js-properties-panel', () => ({}));
vi.mock('camunda-bpmn-js-behaviors/lib/camunda-cloud', () => ({ default: {} }));

describe('shapeOf', () => {
  it('finds the shape of an element, of its timer definition, loop and condition', async () => {
    const { shapeOf } = await import('./BpmnEditor');
    const elements = [
      { id: 'StatusUpdateDue', businessObject: { eventDefinitions: [{ id: 'StatusUpdateDue_Timer' }] } },
      { id: 'EachService', businessObject: { loopCharacteristics: { id: 'EachService_Loop' } } },
      { id: 'Flow_Big', businessObject: { conditionExpression: { id: 'Flow_Big_Condition' } } },
    ];
    const registry = { get: (id: string) => elements.find((e) => e.id === id), getAll: () => elements };
    expect(shapeOf(registry, 'StatusUpdateDue')).toBe('StatusUpdateDue');
    expect(shapeOf(registry, 'StatusUpdateDue_Timer')).toBe('StatusUpdateDue');
    expect(shapeOf(registry, 'EachService_Loop')).toBe('EachService');
    expect(shapeOf(registry, 'Flow_Big_Condition')).toBe('Flow_Big');
    expect(shapeOf(registry, 'Nowhere')).toBeNull();
  });
});
