/** The summary report's draft as the office edits it: the calls and the shapes the server answers with (dates as ISO strings). */
import type { SummaryDraftAction, SummaryDraftState } from '@nhip/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, api } from '../../lib/api';

export type DraftSection = { key: string; level: 1 | 2; heading: string; html: string; table: boolean };
export type DraftAbilities = Record<Exclude<SummaryDraftAction, 'view' | 'create'>, boolean>;

export type Draft = {
  period: string;
  periodLabel: string;
  state: SummaryDraftState;
  version: number;
  number: string | null;
  date: string;
  sections: DraftSection[];
  fields: Record<string, string>;
  figuresAt: string | null;
  frozen: boolean;
  returned: { comment: string; by: string | null; at: string } | null;
  submitted: { by: string | null; at: string } | null;
  approved: { by: string | null; at: string } | null;
  signed: { name: string; size: number; by: string | null; at: string } | null;
  editedBy: string | null;
  editedAt: string;
  abilities: DraftAbilities;
};

export type DraftListItem = {
  period: string;
  periodLabel: string;
  state: SummaryDraftState;
  version: number;
  number: string | null;
  editedBy: string | null;
  editedAt: string;
  hasSigned: boolean;
};

export type VersionKind = 'compile' | 'edit' | 'refresh' | 'submit' | 'return' | 'approve' | 'signed';
export type DraftVersionItem = { version: number; kind: VersionKind; editedBy: string | null; editedAt: string; comment: string | null };
export type DraftVersion = DraftVersionItem & { sections: DraftSection[]; fields: Record<string, string> };

/** What a 409 on save carries: the version someone else saved, who and when. */
export type ConflictDetails = { version: number; editedBy: string | null; editedAt: string };

export const VERSION_KIND_LABELS: Record<VersionKind, { vi: string; en: string }> = {
  compile: { vi: 'Lập dự thảo', en: 'Compiled' },
  edit: { vi: 'Chỉnh sửa', en: 'Edited' },
  refresh: { vi: 'Làm mới số liệu', en: 'Figures refreshed' },
  submit: { vi: 'Trình ký', en: 'Submitted' },
  return: { vi: 'Trả lại', en: 'Returned' },
  approve: { vi: 'Duyệt và cấp số', en: 'Approved and numbered' },
  signed: { vi: 'Tải lên bản đã ký', en: 'Signed copy uploaded' },
};

const base = '/api/reports/summary/drafts';
const one = (period: string) => `${base}/${encodeURIComponent(period)}`;
export const draftFileUrl = (period: string, format: 'docx' | 'pdf') => `${one(period)}/file?format=${format}`;
export const signedFileUrl = (period: string) => `${one(period)}/signed`;

export const DRAFT_KEY = ['reports', 'summary', 'drafts'] as const;

export function useDraftList() {
  return useQuery({ queryKey: [...DRAFT_KEY, 'list'], queryFn: () => api.get<{ items: DraftListItem[] }>(base) });
}

/** The draft of a period; null when none exists yet (the server answers 404). */
export function useDraft(period: string) {
  return useQuery({
    queryKey: [...DRAFT_KEY, 'one', period],
    queryFn: async () => {
      try {
        return await api.get<Draft>(one(period));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    retry: false,
    refetchOnWindowFocus: false,
  });
}

export function useDraftVersions(period: string, open: boolean) {
  return useQuery({
    queryKey: [...DRAFT_KEY, 'versions', period],
    queryFn: () => api.get<{ items: DraftVersionItem[] }>(`${one(period)}/versions`),
    enabled: open,
  });
}

export function useDraftVersion(period: string, version: number | null) {
  return useQuery({
    queryKey: [...DRAFT_KEY, 'version', period, version],
    queryFn: () => api.get<DraftVersion>(`${one(period)}/versions/${version}`),
    enabled: version != null,
  });
}

/** Puts the draft a call answered with in the cache, and lets the list and the history read themselves again. */
export function useStoreDraft() {
  const qc = useQueryClient();
  return useCallback(
    (d: Draft) => {
      qc.setQueryData([...DRAFT_KEY, 'one', d.period], d);
      void qc.invalidateQueries({ queryKey: [...DRAFT_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...DRAFT_KEY, 'versions', d.period] });
    },
    [qc],
  );
}

export const draftApi = {
  get: (period: string) => api.get<Draft>(one(period)),
  create: (period: string) => api.post<Draft>(base, { period }),
  save: (period: string, baseVersion: number, sections: { key: string; html: string }[]) => api.put<Draft>(one(period), { baseVersion, sections }),
  refresh: (period: string, baseVersion: number) => api.post<Draft>(`${one(period)}/refresh`, { baseVersion }),
  submit: (period: string, baseVersion: number) => api.post<Draft>(`${one(period)}/submit`, { baseVersion }),
  return: (period: string, baseVersion: number, comment: string) => api.post<Draft>(`${one(period)}/return`, { baseVersion, comment }),
  approve: (period: string, baseVersion: number, number?: string) =>
    api.post<Draft>(`${one(period)}/approve`, number ? { baseVersion, number } : { baseVersion }),
  uploadSigned: (period: string, file: File) => {
    const fd = new FormData();
    fd.append('file', file);
    return api.put<Draft>(`${one(period)}/signed`, fd);
  },
};
