/**
 * The four stages of Part 7 and the chapters each one holds. The sidebar, the landing page and the
 * frontmatter check all read this one table.
 *
 *   stageOfChapter(53)  // → { id: 'orchestration', title: 'Orchestration', first: 53, last: 54, … }
 */

export interface Stage {
  id: StageId;
  title: string;
  first: number;
  last: number;
  /** One sentence on what the stage gives the reader. */
  summary: string;
}

export const STAGE_IDS = ['foundational-infrastructure', 'orchestration', 'dapr-framework', 'operations-excellence'] as const;
export type StageId = (typeof STAGE_IDS)[number];

export const STAGES: readonly Stage[] = [
  {
    id: 'foundational-infrastructure',
    title: 'Foundational Infrastructure',
    first: 50,
    last: 52,
    summary: 'A production-grade API, a container image, and an event backbone for the agent service.',
  },
  {
    id: 'orchestration',
    title: 'Orchestration',
    first: 53,
    last: 54,
    summary: 'From one container to a cluster, and from hand-run commands to pipelines and declared infrastructure.',
  },
  {
    id: 'dapr-framework',
    title: 'Dapr Framework',
    first: 55,
    last: 58,
    summary: 'A sidecar runtime for state, messaging, actors and durable workflows, then agents built on all of it.',
  },
  {
    id: 'operations-excellence',
    title: 'Operations Excellence',
    first: 59,
    last: 61,
    summary: 'Seeing, paying for, exposing and securing agent systems once real users depend on them.',
  },
];

export const FIRST_CHAPTER = 50;
export const LAST_CHAPTER = 61;

export function stageOfChapter(chapter: number): Stage | undefined {
  return STAGES.find((stage) => chapter >= stage.first && chapter <= stage.last);
}

export function stageById(id: string): Stage | undefined {
  return STAGES.find((stage) => stage.id === id);
}
