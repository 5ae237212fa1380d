// lib/ssh: THE SSH module (ssh2 only). Everything else in Fanout imports from here.
export { connect } from './connect'
export type { SshConnection } from './connection'
export { describeEndpoint, SshError, type SshErrorKind, type SshFailureKind } from './errors'
export { exec } from './exec'
export { installKeyWithPassword, type InstallKeyOptions } from './install-key'
export {
  authorizedKeysCommand,
  generatePlatformKeyPair,
  inspectPrivateKey,
  KeyError,
  type KeyErrorReason,
  loadPrivateKey,
  parsePublicKey,
  type PublicKeyLine,
  shellQuote,
} from './keys'
export { SftpError, type SftpErrorKind, type SftpSession } from './sftp'
export type { ConnectOptions, ExecOptions, ExecResult, SshCredential, SshEndpoint, SshHop, SshHopRef } from './types'
