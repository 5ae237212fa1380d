import { serialiseParameters, type StoredParameter } from './parameters'

export interface VersionState {
  sha256: string
  parameters: readonly StoredParameter[]
}

/**
 * A save makes a new immutable version only when the content (by hash) or the parameter
 * declarations changed; name, language and description are the script's, not a version's.
 * A newly entered secret counts as a change even when it equals the old one: values are
 * never decrypted to compare them (ARCHITECTURE decision 11).
 */
export function needsNewVersion(latest: VersionState, next: VersionState): boolean {
  return (
    latest.sha256 !== next.sha256 || serialiseParameters(latest.parameters) !== serialiseParameters(next.parameters)
  )
}
