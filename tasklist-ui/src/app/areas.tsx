import type { ReactNode } from 'react';
import {
  AlertOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  FileSearchOutlined,
  PhoneOutlined,
  RocketOutlined,
  SwapOutlined,
} from '@ant-design/icons';

export interface Area {
  key: string;
  label: string;
  icon: ReactNode;
}

/** The work areas of the tasklist; each is backed by BPMN processes in the backend. */
export const AREAS: Area[] = [
  { key: 'tasks', label: 'Tasks', icon: <CheckSquareOutlined /> },
  { key: 'incidents', label: 'Incidents', icon: <AlertOutlined /> },
  { key: 'on-call', label: 'On-call', icon: <PhoneOutlined /> },
  { key: 'changes', label: 'Changes', icon: <SwapOutlined /> },
  { key: 'releases', label: 'Releases', icon: <RocketOutlined /> },
  { key: 'reviews', label: 'Reviews', icon: <FileSearchOutlined /> },
  { key: 'audit', label: 'Audit', icon: <AuditOutlined /> },
];
