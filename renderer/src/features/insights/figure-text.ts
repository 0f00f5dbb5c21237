// Placeholder until shared/insights/figure-explanations.ts lands (helper "compute").
export type HeadlineFigure = 'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore';
export const FIGURE_EXPLANATIONS: Record<HeadlineFigure, string> = {
  deploymentFrequency: 'TODO',
  leadTime: 'TODO',
  changeFailureRate: 'TODO',
  timeToRestore: 'TODO',
};
