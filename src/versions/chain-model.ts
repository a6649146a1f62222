import type { FallbackModel } from '../types';
import type { LanguageModelV1 } from './v1-types';

/**
 * A language model of any AI SDK major a chain can hold: V1 (AI SDK 4), or
 * V2, V3, V4 (AI SDK 5, 6, 7; `FallbackModel`). One chain is of one spec
 * version: V2, V3 and V4 mixed are lifted to the highest; V1 is never mixed.
 */
export type ChainModel = LanguageModelV1 | FallbackModel;
