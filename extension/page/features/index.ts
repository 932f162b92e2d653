import { comments } from './comments.ts';
import { experts } from './experts.ts';
import type { PanelFeature } from './feature.ts';
import { ideas } from './ideas.ts';
import { likes } from './likes.ts';

/** Every feature of the panel, in the order they show. */
export const features: PanelFeature[] = [likes, comments, experts, ideas];
