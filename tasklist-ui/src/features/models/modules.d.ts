// Packages of the modelers that ship without TypeScript declarations.
declare module 'bpmn-js-properties-panel' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export const BpmnPropertiesPanelModule: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export const BpmnPropertiesProviderModule: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export const ZeebePropertiesProviderModule: any;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const module: any;
  export default module;
}
declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const descriptor: Record<string, unknown>;
  export default descriptor;
}
declare module 'dmn-js/lib/Modeler' {
  export default class DmnModeler {
    constructor(options: { container: HTMLElement; [key: string]: unknown });
    importXML(xml: string): Promise<unknown>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    destroy(): void;
  }
}
declare module 'bpmn-js-differ' {
  export interface Changes {
    _added: Record<string, unknown>;
    _removed: Record<string, unknown>;
    _changed: Record<string, { model: unknown; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
    _layoutChanged: Record<string, unknown>;
  }
  export function diff(a: unknown, b: unknown): Changes;
}
