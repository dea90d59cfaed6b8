import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { FullPageSpin, RequireAuth } from '../features/auth/session';
import { AppShell } from './AppShell';
import { useI18n } from './i18n';

// Each page is its own chunk, loaded when first opened (form-js only with the task page,
// bpmn-js only with the incident page's diagram).
const SignInPage = lazy(() => import('../features/auth/SignInPage'));
const InboxPage = lazy(() => import('../features/tasks/InboxPage'));
const TaskDetailPage = lazy(() => import('../features/tasks/TaskDetailPage'));
const IncidentListPage = lazy(() => import('../features/incident/IncidentListPage'));
const ReportIncidentPage = lazy(() => import('../features/incident/ReportIncidentPage'));
const IncidentPage = lazy(() => import('../features/incident/IncidentPage'));
const ReviewListPage = lazy(() => import('../features/review/ReviewListPage'));
const ReviewPage = lazy(() => import('../features/review/ReviewPage'));
const KnowledgeSearchPage = lazy(() => import('../features/knowledge/KnowledgeSearchPage'));
const DocumentPage = lazy(() => import('../features/knowledge/DocumentPage'));
const DocumentEditPage = lazy(() => import('../features/knowledge/DocumentEditPage'));
const ServicesPage = lazy(() => import('../features/services/ServicesPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const GroupsPage = lazy(() => import('../features/admin/GroupsPage'));
const CalendarsPage = lazy(() => import('../features/calendar/CalendarsPage'));
const StatusPage = lazy(() => import('../features/health/StatusPage'));
const OnCallPage = lazy(() => import('../features/oncall/OnCallPage'));
const SchedulePage = lazy(() => import('../features/oncall/SchedulePage'));
const MyShiftsPage = lazy(() => import('../features/oncall/MyShiftsPage'));
const HandoverPage = lazy(() => import('../features/handover/HandoverPage'));
const KpiDashboardPage = lazy(() => import('../features/kpi/KpiDashboardPage'));
const ChangeListPage = lazy(() => import('../features/change/ChangeListPage'));
const ChangePage = lazy(() => import('../features/change/ChangePage'));
const ChangeCalendarPage = lazy(() => import('../features/change/ChangeCalendarPage'));
const ReleaseListPage = lazy(() => import('../features/release/ReleaseListPage'));
const ReleasePage = lazy(() => import('../features/release/ReleasePage'));
const ModelLibraryPage = lazy(() => import('../features/models/ModelLibraryPage'));
const ModelEditorPage = lazy(() => import('../features/models/ModelEditorPage'));
const OperationsPage = lazy(() => import('../features/operations/OperationsPage'));
const InstancePage = lazy(() => import('../features/operations/InstancePage'));
const HeatMapPage = lazy(() => import('../features/operations/HeatMapPage'));

function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Link to="/inbox">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/signin" element={<SignInPage />} />
        <Route
          element={
            <RequireAuth>
              <AppShell />
            </RequireAuth>
          }
        >
          <Route index element={<Navigate to="/inbox" replace />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route path="/tasks/:key" element={<TaskDetailPage />} />
          <Route path="/incidents" element={<IncidentListPage />} />
          <Route path="/incidents/new" element={<ReportIncidentPage />} />
          <Route path="/incidents/:number" element={<IncidentPage />} />
          <Route path="/oncall" element={<OnCallPage />} />
          <Route path="/oncall/my" element={<MyShiftsPage />} />
          <Route path="/oncall/schedules/:id" element={<SchedulePage />} />
          <Route path="/handover" element={<HandoverPage />} />
          <Route path="/changes" element={<ChangeListPage />} />
          <Route path="/changes/calendar" element={<ChangeCalendarPage />} />
          <Route path="/changes/:number" element={<ChangePage />} />
          <Route path="/releases" element={<ReleaseListPage />} />
          <Route path="/releases/:id" element={<ReleasePage />} />
          <Route path="/reviews" element={<ReviewListPage />} />
          <Route path="/reviews/:number" element={<ReviewPage />} />
          <Route path="/knowledge" element={<KnowledgeSearchPage />} />
          <Route path="/knowledge/new" element={<DocumentEditPage />} />
          <Route path="/knowledge/:id" element={<DocumentPage />} />
          <Route path="/knowledge/:id/edit" element={<DocumentEditPage />} />
          <Route path="/kpi" element={<KpiDashboardPage />} />
          <Route
            path="/admin/services"
            element={
              <RequireAuth roles={['ADMIN']}>
                <ServicesPage />
              </RequireAuth>
            }
          />
          <Route
            path="/audit"
            element={
              <RequireAuth roles={['AUDITOR', 'ADMIN']}>
                <AuditPage />
              </RequireAuth>
            }
          />
          <Route path="/admin" element={<Navigate to="/admin/users" replace />} />
          <Route
            path="/admin/users"
            element={
              <RequireAuth roles={['ADMIN']}>
                <UsersPage />
              </RequireAuth>
            }
          />
          <Route
            path="/admin/groups"
            element={
              <RequireAuth roles={['ADMIN']}>
                <GroupsPage />
              </RequireAuth>
            }
          />
          <Route
            path="/admin/calendars"
            element={
              <RequireAuth roles={['ADMIN']}>
                <CalendarsPage />
              </RequireAuth>
            }
          />
          <Route
            path="/models"
            element={
              <RequireAuth roles={['DESIGNER', 'OPERATOR', 'AUDITOR']}>
                <ModelLibraryPage />
              </RequireAuth>
            }
          />
          <Route
            path="/models/:id"
            element={
              <RequireAuth roles={['DESIGNER']}>
                <ModelEditorPage />
              </RequireAuth>
            }
          />
          <Route
            path="/operations"
            element={
              <RequireAuth roles={['OPERATOR', 'AUDITOR']}>
                <OperationsPage />
              </RequireAuth>
            }
          />
          <Route
            path="/operations/instances/:key"
            element={
              <RequireAuth roles={['OPERATOR', 'AUDITOR']}>
                <InstancePage />
              </RequireAuth>
            }
          />
          <Route
            path="/operations/definitions/:key/heatmap"
            element={
              <RequireAuth roles={['OPERATOR', 'AUDITOR']}>
                <HeatMapPage />
              </RequireAuth>
            }
          />
          <Route path="/status" element={<StatusPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
