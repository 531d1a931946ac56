/**
 * Starlight's `docs` collection, read from the book's top-level chapters/ folder.
 * The chapter fields are checked strictly (with line numbers) by src/core/frontmatter.ts before a build;
 * here they are only declared so pages and components get them typed.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { PAGE_SECTIONS } from './core/frontmatter.ts';
import { STAGE_IDS } from './core/stages.ts';

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './chapters', pattern: '**/*.mdx' }),
    schema: docsSchema({
      extend: z.object({
        chapter: z.number().int().min(50).max(61).optional(),
        stage: z.enum(STAGE_IDS).optional(),
        goals: z.array(z.string()).optional(),
        prerequisites: z.array(z.string()).optional(),
        section: z.enum(PAGE_SECTIONS).optional(),
      }),
    }),
  }),
};
