/**
 * The sandbox's two ways of answering. `default` adds the sandbox's own conveniences (error codes
 * naming the field or the KYC level, a refresh grant); `documented` says only what Vault's
 * reference documents, so a client is tried against nothing more than Vault promises.
 */
import { DOCUMENTED_ERROR, errorResponse, type VaultError } from './errors.js';

export const profileNames = ['default', 'documented'] as const;
export type ProfileName = (typeof profileNames)[number];

export interface SandboxProfile {
  readonly name: ProfileName;
  /** `status` at pay-callback of a payment not final yet (the pending card, a bank page not answered). */
  readonly pendingStatus: string;
  /** `validationStatus` of the test card that is never approved. */
  readonly unapprovedCardStatus: string;
  /** The `grant_type`s `POST /oauth/token` takes. */
  readonly grants: readonly string[];
  /** Whether a refusal of a Vault call is the one error Vault documents (else the sandbox's own code). */
  readonly documentedErrors: boolean;
}

const PROFILES: Readonly<Record<ProfileName, SandboxProfile>> = {
  default: {
    name: 'default',
    pendingStatus: 'PENDING',
    unapprovedCardStatus: 'PENDING',
    grants: ['mobile_phone', 'refresh_token'],
    documentedErrors: false,
  },
  // Status words the checkout has never been shown, so it is tried on words it does not know.
  documented: {
    name: 'documented',
    pendingStatus: 'IN_PROGRESS',
    unapprovedCardStatus: 'ON_REVIEW',
    grants: ['mobile_phone'],
    documentedErrors: true,
  },
};

/** The profile of that name (default: `default`). */
export function sandboxProfile(name: ProfileName = 'default'): SandboxProfile {
  if (!Object.hasOwn(PROFILES, name)) throw new RangeError(`profile must be one of ${profileNames.join(', ')}, not "${String(name)}"`);
  return PROFILES[name];
}

// Vault's own calls: token, profile and KYC, catalog, PayIn. The test controls keep their answers.
const VAULT_CALL = /^\/(?:oauth\/token$|v3\/payin\/|v2\/customer\/|v2\/catalog\/|v1\/kyc\/)/;

/**
 * The answer for a refusal: as thrown, or, when the profile says only what Vault documents and the
 * call is Vault's, Vault's one documented error — a 400, except a refused token (401, which the
 * client needs to sign in again) and an internal error (500).
 */
export function refusalAnswer(profile: SandboxProfile, path: string, error: VaultError): Response {
  if (!profile.documentedErrors || !VAULT_CALL.test(path)) return errorResponse(error.status, error.body, error.headers);
  const kept = error.status === 401 || error.status === 500;
  return errorResponse(kept ? error.status : 400, DOCUMENTED_ERROR, error.status === 401 ? error.headers : {});
}
