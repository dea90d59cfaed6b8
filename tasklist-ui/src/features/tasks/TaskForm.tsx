import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { useI18n } from '../../app/i18n';
import { formTranslationModule } from './formTranslations';
import type { FormSchema } from './tasksApi';

export interface TaskFormHandle {
  /** Validates in the browser; the data when valid, undefined (errors shown) otherwise. */
  submit: () => Record<string, unknown> | undefined;
  /** Shows errors (from the server) on the fields, keyed by form-js field id. */
  showErrors: (errors: Record<string, string[]>) => void;
}

interface Props {
  schema: FormSchema;
  data: Record<string, unknown>;
  readOnly?: boolean;
}

/** A Camunda form (form-js schema) rendered with the form-js viewer, prefilled with `data`. */
export const TaskForm = forwardRef<TaskFormHandle, Props>(function TaskForm({ schema, data, readOnly }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form>(undefined);
  const { language } = useI18n();

  useEffect(() => {
    const instance = new Form({ container: container.current, additionalModules: [formTranslationModule(language)] });
    form.current = instance;
    let cancelled = false;
    instance
      .importSchema(schema, data)
      .then(() => {
        if (!cancelled) instance.setProperty('readOnly', !!readOnly);
      })
      .catch((error: unknown) => {
        if (!cancelled) console.error('form could not be shown', error);
      });
    return () => {
      cancelled = true;
      instance.destroy();
      form.current = undefined;
    };
    // the form is rebuilt for another schema, data set or language only
  }, [schema, data, language]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    form.current?.setProperty('readOnly', !!readOnly);
  }, [readOnly]);

  useImperativeHandle(
    ref,
    () => ({
      submit: () => {
        const current = form.current;
        if (!current) return undefined;
        const { data: submitted, errors } = current.submit();
        return Object.keys(errors).length === 0 ? submitted : undefined;
      },
      showErrors: (errors) => {
        const current = form.current;
        if (!current) return;
        current._setState({ errors });
      },
    }),
    [],
  );

  return <div ref={container} className="suoke-task-form" data-testid="task-form" />;
});
