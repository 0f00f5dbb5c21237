import { readFileSync } from 'node:fs';

const PIPELINES_DOC = new URL('../../../docs/pipelines.md', import.meta.url);

export type PipelineName = 'nightly' | 'plan' | 'promote';

/** docs/pipelines.md's text. */
export function pipelinesDoc(): string {
  return readFileSync(PIPELINES_DOC, 'utf8');
}

/**
 * The shell steps of one recipe, exactly as docs/pipelines.md gives them: the ```sh block after
 * `<!-- pipeline-steps: <name> -->`. There must be exactly one.
 */
export function pipelineSteps(name: PipelineName): string {
  const blocks = [...pipelinesDoc().matchAll(stepsPattern(name))].map((match) => match[1] as string);
  if (blocks.length !== 1) throw new Error(`docs/pipelines.md has ${blocks.length} steps blocks for ${name}`);
  return `${blocks[0]}\n`;
}

/** Each CI's version of a recipe (`<!-- pipeline-recipe: <name> <ci> -->` and its fenced block). */
export function pipelineRecipes(name: PipelineName): Map<string, string> {
  const pattern = new RegExp(
    `<!-- pipeline-recipe: ${name} (\\w+) -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``,
    'g',
  );
  return new Map(
    [...pipelinesDoc().matchAll(pattern)].map((match) => [match[1] as string, match[2] as string]),
  );
}

/** True when `recipe` holds the steps' lines one after another, whatever their indentation. */
export function containsSteps(recipe: string, steps: string): boolean {
  const lines = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  const wanted = lines(steps);
  const have = lines(recipe);
  return have.some((_, start) => wanted.every((line, offset) => have[start + offset] === line));
}

function stepsPattern(name: string): RegExp {
  return new RegExp(`<!-- pipeline-steps: ${name} -->\\s*\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\``, 'g');
}
