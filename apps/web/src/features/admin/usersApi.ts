import type { Role } from '@nhip/contracts';

export type User = {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  role: Role;
  orgUnitId: number | null;
  orgUnitName: string | null;
  title: string | null;
  active: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

export const USERS_KEY = ['users'] as const;
