import { uiLocale } from './i18n.ts';

let score: Intl.NumberFormat | undefined;

/** An engagement score, one decimal at most, in the UI's language: "4.2", "4,2" in German. */
export function formatScore(value: number): string {
  score ??= new Intl.NumberFormat(uiLocale(), { maximumFractionDigits: 1 });
  return score.format(value);
}
