import type { MockRoute } from '../route.js';
import { accountRoutes } from './account.js';
import { authRoutes } from './auth.js';
import { passwordRoutes } from './password.js';
import { rightsRoutes } from './rights.js';
import { signupRoutes } from './signup.js';
import { tiersRoutes } from './tiers.js';

/** Every route of the mock, one per operation of `sdk/operations.ts` (checked in `index.ts`). */
export const allRoutes: readonly MockRoute[] = [...authRoutes, ...passwordRoutes, ...accountRoutes, ...signupRoutes, ...tiersRoutes, ...rightsRoutes];
