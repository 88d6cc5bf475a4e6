import type { Tag } from './domain';

/**
 * The three built-in roots of every codebook. Their ids are fixed, the same in every project on
 * every laptop, so that projects can be merged without mapping the roots onto each other.
 * Colours are chosen to stay distinguishable for the common colour-vision deficiencies and to
 * read as highlights on both the light and the dark theme.
 */
export const ROOT_TAGS: readonly Tag[] = [
  {
    id: '00000000-0000-7000-8000-000000000001',
    parentId: null,
    name: 'Claim',
    color: '#e6a700',
    hotkey: 'c',
    description: 'An assertion of fact that can be checked: who said what happened.',
    position: 0,
  },
  {
    id: '00000000-0000-7000-8000-000000000002',
    parentId: null,
    name: 'Entity',
    color: '#2f7fd8',
    hotkey: 'e',
    description: 'A real-world person, organisation, place, event or outlet.',
    position: 1,
  },
  {
    id: '00000000-0000-7000-8000-000000000003',
    parentId: null,
    name: 'Opinion',
    color: '#c2459a',
    hotkey: 'o',
    description: 'A judgement or stance held by someone, as opposed to a checkable fact.',
    position: 2,
  },
];
