import { useQuery } from "@tanstack/react-query";
import { get } from "../api/client";
import type { WeekList, WeekReview } from "../api/types";

export const weeksKey = ["weeks"] as const;
export const weekKey = (week: string) => ["week", week] as const;

/** The weeks and the catalogue naming their figures. */
export const useWeeks = () =>
  useQuery({ queryKey: weeksKey, queryFn: () => get<WeekList>("/api/v1/admin/reports?limit=52") });
export const useWeek = (week: string) =>
  useQuery({
    queryKey: weekKey(week),
    queryFn: () => get<WeekReview>(`/api/v1/admin/reports/${encodeURIComponent(week)}`),
  });
