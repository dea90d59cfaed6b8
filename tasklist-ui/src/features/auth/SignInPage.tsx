import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { safeNext, signIn } from './authApi';
import { useSession } from './session';

interface Values {
  username: string;
  password: string;
}

type Failure = { kind: 'wrong' } | { kind: 'throttled'; until: number } | { kind: 'other'; detail: string };

/** The sign-in page; after sign-in it goes back to the page asked for (`?next=`). */
export default function SignInPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [now, setNow] = useState(() => Date.now());

  // Already signed in (a bookmark of /signin): straight on.
  useEffect(() => {
    if (session.state.kind === 'signedIn') navigate(next, { replace: true });
  }, [session.state.kind, navigate, next]);

  const throttledUntil = failure?.kind === 'throttled' ? failure.until : 0;
  useEffect(() => {
    if (!throttledUntil) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [throttledUntil]);
  const waitSeconds = throttledUntil ? Math.max(0, Math.ceil((throttledUntil - now) / 1000)) : 0;

  async function submit(values: Values) {
    setBusy(true);
    setFailure(undefined);
    try {
      await signIn(values.username.trim(), values.password);
      const me = await session.refresh();
      if (me) navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setFailure({ kind: 'wrong' });
      } else if (error instanceof ApiError && error.status === 429) {
        const at = Date.now();
        setNow(at);
        setFailure({ kind: 'throttled', until: at + (error.retryAfter ?? 60) * 1000 });
      } else {
        const detail = error instanceof ApiError ? error.message : t('app.error.network');
        setFailure({ kind: 'other', detail });
      }
    } finally {
      setBusy(false);
    }
  }

  let alert: { type: 'error' | 'warning' | 'info'; text: string } | undefined;
  if (failure?.kind === 'wrong') alert = { type: 'error', text: t('signin.wrong') };
  else if (failure?.kind === 'throttled')
    alert = {
      type: 'warning',
      text: waitSeconds > 0 ? t('signin.tooMany', { seconds: waitSeconds }) : t('signin.tooManyNow'),
    };
  else if (failure?.kind === 'other') alert = { type: 'error', text: t('app.error.generic', { detail: failure.detail }) };
  else if (params.get('expired')) alert = { type: 'info', text: t('app.sessionExpired') };
  else if (params.get('signedOut')) alert = { type: 'info', text: t('signin.signedOut') };

  return (
    <Flex className="suoke-signin" vertical align="center" justify="center">
      <Card className="suoke-signin-card">
        <Flex justify="space-between" align="start" gap={12}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('signin.subtitle')}</Typography.Text>
          </div>
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 24 }}>
          {t('signin.title')}
        </Typography.Title>
        {alert && (
          <Alert type={alert.type} showIcon title={alert.text} role="alert" data-testid="signin-alert" style={{ marginBottom: 16 }} />
        )}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            name="username"
            label={t('signin.username')}
            rules={[{ required: true, whitespace: true, message: t('signin.required.username') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signin.password')}
            rules={[{ required: true, message: t('signin.required.password') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} disabled={waitSeconds > 0}>
            {t('signin.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
