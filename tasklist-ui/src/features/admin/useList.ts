import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';

/** A list loaded from the API, with reload. */
export function useList<T>(load: (signal?: AbortSignal) => Promise<T[]>) {
  const { t } = useI18n();
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal)
      .then((loaded) => {
        setItems(loaded);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(problemText(failure, t));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [load, version, t]);
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { items, loading, error, reload };
}
