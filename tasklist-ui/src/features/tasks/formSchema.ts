import type { FormComponent, FormSchema } from './tasksApi';

/** Every component of a form-js schema, nested groups included. */
export function allComponents(schema: FormSchema | null | undefined): FormComponent[] {
  const result: FormComponent[] = [];
  const visit = (components?: FormComponent[]) => {
    for (const component of components ?? []) {
      result.push(component);
      visit(component.components);
    }
  };
  visit(schema?.components);
  return result;
}

/** The component bound to a variable (its `key`; a dotted path binds nested data). */
export function componentForKey(schema: FormSchema | null | undefined, key: string): FormComponent | undefined {
  return allComponents(schema).find((component) => component.key === key);
}

/**
 * The server's field errors (`variables.<key>`) sorted into those of the form's fields, keyed by
 * form-js field id, and the rest (keys the form does not show).
 */
export function mapFieldErrors(
  schema: FormSchema | null | undefined,
  errors: Record<string, string[]>,
): { byFieldId: Record<string, string[]>; byKey: Record<string, { label: string; reasons: string[] }>; other: Record<string, string[]> } {
  const byFieldId: Record<string, string[]> = {};
  const byKey: Record<string, { label: string; reasons: string[] }> = {};
  const other: Record<string, string[]> = {};
  for (const [field, reasons] of Object.entries(errors)) {
    const key = field.startsWith('variables.') ? field.slice('variables.'.length) : field;
    const component = componentForKey(schema, key);
    if (component?.id) {
      byFieldId[component.id] = [...(byFieldId[component.id] ?? []), ...reasons];
      byKey[key] = { label: component.label || key, reasons };
    } else {
      other[key] = reasons;
    }
  }
  return { byFieldId, byKey, other };
}
