import type { DoraBand } from './insights-report';
import type { Tone } from '../promotion/report-document';

/**
 * How Insights writes its numbers for people, once, so the page's notes, the CAB report and the
 * CLI's text say a duration the same way.
 */

/** `45 minutes`, `3.5 hours`, `2.1 days`: the unit a person reads a duration in. */
export function hoursText(hours: number | null): string {
  if (hours === null) return '—';
  // Promotions in a sandbox take seconds: "0 minutes" would read as nothing measured.
  const seconds = Math.round(hours * 3600);
  if (seconds < 60) return seconds < 1 ? 'under a second' : `${seconds} second${seconds === 1 ? '' : 's'}`;
  if (hours < 1) {
    const minutes = Math.round(hours * 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  if (hours < 48) return `${trim(hours)} hour${hours === 1 ? '' : 's'}`;
  return `${trim(hours / 24)} days`;
}

/** `12.5 %`. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${trim(rate * 100)} %`;
}

/** One decimal, without a trailing `.0`. */
export function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** `2026-03-02 07:00 UTC`. */
export function timeText(iso: string | null): string {
  if (iso === null) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2026-03-02`. */
export function dateText(iso: string): string {
  return iso.slice(0, 10);
}

export function plural(count: number, singular: string, many = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : many}`;
}

export const BAND_TONES: Readonly<Record<DoraBand, Tone>> = {
  elite: 'good',
  high: 'good',
  medium: 'warn',
  low: 'bad',
};
