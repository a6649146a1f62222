import type { AnySpecAdapter } from './adapter';
import type { SpecVersion } from './spec-version';
import { v1Adapter } from './v1-adapter';
import { v2Adapter } from './v2-adapter';
import { v3Adapter } from './v3-adapter';
import { v4Adapter } from './v4-adapter';

/** The adapter of each spec version. */
export const SPEC_ADAPTERS: Record<SpecVersion, AnySpecAdapter> = {
  v1: v1Adapter,
  v2: v2Adapter,
  v3: v3Adapter,
  v4: v4Adapter,
};
