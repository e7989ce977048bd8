/** The newsroom's calls and the shapes the server answers with (dates arrive as ISO strings). */
import type { NewsAction, NewsStatus } from '@nhip/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, qs } from '../../lib/api';

export type NewsListItem = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  status: NewsStatus;
  scheduled: boolean;
  publishAt: string | null;
  publishedAt: string | null;
  updatedAt: string;
  authorLine: string;
  sector: string | null;
  tags: string[];
  conferenceId: number | null;
  version: number;
  coverPhotoId: number | null;
};

export type NewsPhoto = {
  id: number;
  caption: string;
  sort: number;
  mime: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  size: number;
  sha256: string;
  url: string;
  thumbUrl: string;
  publicUrl: string;
};

export type NewsHistoryEntry = { at: string; action: string; actor: string | null; note: string | null };
export type NewsRevisionSummary = { revision: number; title: string; replacedAt: string; reason: string };

export type Article = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body: string;
  status: NewsStatus;
  scheduled: boolean;
  visible: boolean;
  publicPath: string;
  sectorId: number | null;
  sector: string | null;
  tags: string[];
  authorLine: string;
  source: string | null;
  publishAt: string | null;
  publishedAt: string | null;
  publishedDay: string | null;
  updatedAt: string;
  departmentName: string | null;
  conferenceId: number | null;
  version: number;
  revision: number;
  returnNote: string | null;
  unpublishReason: string | null;
  correctedAt: string | null;
  correctionNote: string | null;
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  photos: NewsPhoto[];
  revisions: NewsRevisionSummary[];
  history: NewsHistoryEntry[];
  abilities: Record<NewsAction, boolean>;
};

/** What every change answers: the article as it is now, and notes for the person (a past time published now…). */
export type ArticleChanged = Article & { notes: string[] };
export type DraftFigure = { code: string; name: string; period: string; orgUnit: string; value: number; text: string };
export type Drafted = ArticleChanged & { figures: DraftFigure[] };

export type NewsRevision = {
  revision: number;
  title: string;
  summary: string;
  body: string;
  authorLine: string;
  source: string | null;
  tags: string[];
  publishedAt: string | null;
  replacedAt: string;
  reason: string;
};

/** The text fields an edit sends (PATCH /api/news/{id} with the version read, or POST …/correct with a reason). */
export type ArticleText = {
  title: string;
  summary: string;
  body: string;
  sectorId: number | null;
  tags: string[];
  authorLine: string;
  source: string | null;
};

/** The current text of an article another editor saved first (the details of a 409). */
export type StaleDetails = { version: number; status: NewsStatus; title: string; summary: string; body: string; updatedAt: string };

export type NewsQuery = { status?: NewsStatus; q?: string; page: number; pageSize: number };

export const NEWS_KEY = ['news'] as const;

export function useNewsList(params: NewsQuery) {
  return useQuery({
    queryKey: [...NEWS_KEY, 'list', params],
    queryFn: () => api.get<{ items: NewsListItem[]; total: number; page: number; pageSize: number }>(`/api/news${qs(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: number) {
  return useQuery({
    queryKey: [...NEWS_KEY, 'detail', id],
    queryFn: () => api.get<Article>(`/api/news/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useRevision(id: number, revision: number | null) {
  return useQuery({
    queryKey: [...NEWS_KEY, 'revision', id, revision],
    queryFn: () => api.get<NewsRevision>(`/api/news/${id}/revisions/${revision}`),
    enabled: revision != null,
  });
}

/** Puts the article a change answered with in the cache, and lets the list read itself again. */
export function useStoreArticle() {
  const qc = useQueryClient();
  return useCallback(
    (a: Article) => {
      qc.setQueryData([...NEWS_KEY, 'detail', a.id], a);
      void qc.invalidateQueries({ queryKey: [...NEWS_KEY, 'list'] });
    },
    [qc],
  );
}

/** Uploads one photo with its caption (multipart: "caption", then "file"). */
export function uploadPhoto(articleId: number, file: File, caption: string) {
  const fd = new FormData();
  fd.append('caption', caption);
  fd.append('file', file);
  return api.post<NewsPhoto>(`/api/news/${articleId}/photos`, fd);
}
