import { ApiError } from './api';
import type { FormInstance } from 'antd';
import type { I18n } from './i18n';

/** One line for a failed call, in the user's language where the status says enough. */
export function problemText(error: unknown, t: I18n['t']): string {
  if (!(error instanceof ApiError)) return t('app.error.network');
  const detail = error.problem.detail || error.problem.title || `HTTP ${error.status}`;
  switch (error.status) {
    case 403:
      return t('app.error.forbidden');
    case 404:
      return t('app.error.notFound');
    case 409:
      return t('app.error.conflict', { detail });
    default:
      return t('app.error.generic', { detail });
  }
}

/**
 * Puts a 400 problem's field errors on the fields of an antd form (a field named `groups[0]` or
 * `groups.0` lands on `groups`); answers whether any landed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function applyFieldErrors(form: FormInstance<any>, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 400) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const fields: Record<string, string[]> = {};
  for (const [field, reasons] of Object.entries(error.fieldErrors())) {
    const name = field.split(/[.[]/)[0];
    if (!known.has(name)) continue;
    fields[name] = [...(fields[name] ?? []), ...reasons];
  }
  form.setFields(Object.entries(fields).map(([name, errors]) => ({ name, errors })));
  return Object.keys(fields).length > 0;
}
