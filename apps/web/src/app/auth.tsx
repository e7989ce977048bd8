import { useQuery } from '@tanstack/react-query';
import type { Role } from '@nhip/contracts';
import { api, ApiError } from '../lib/api';

export type Me = {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  orgUnitId: number | null;
  orgUnitName: string | null;
  title: string | null;
  locale: 'vi' | 'en';
  mustChangePassword: boolean;
  abilities: Record<string, boolean>;
};

export const ME_KEY = ['me'] as const;

/** The signed-in user (null when signed out). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

/** The signed-in user inside pages behind the sign-in gate. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the signed-in area');
  return data;
}
