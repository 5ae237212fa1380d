/** The formats an import reads. */
export const importFormats = ['csv', 'ini', 'yaml'] as const
export type ImportFormat = (typeof importFormats)[number]

export const formatLabels: Record<ImportFormat, string> = {
  csv: 'CSV',
  ini: 'Ansible INI',
  yaml: 'Ansible YAML',
}

/** One import may create or update at most this many targets (one transaction, one preview). */
export const MAX_IMPORT_HOSTS = 5000

/** A host read from an import file, already checked against the target form's field rules. */
export interface ImportHost {
  name: string
  host: string
  port: number
  username?: string
  labels: string[]
  resourcePool?: string
  region?: string
  encoding?: string
  /** The name of one of the tenant's proxies (CSV only); resolved when planning. */
  proxy?: string
  /** 1-based line in the pasted text where the host is (first) defined. */
  line: number
}

export interface ImportIssue {
  line: number
  message: string
}

export interface ParseResult {
  hosts: ImportHost[]
  errors: ImportIssue[]
  /**
   * Whether the source says which labels each host has. Ansible inventories always do (its
   * groups); a CSV only with a labels column. An update replaces labels only when it does.
   */
  replacesLabels: boolean
}

/** What the preview shows of one host. */
export interface PreviewRow {
  line: number
  action: 'create' | 'update' | 'skip'
  name: string
  host: string
  port: number
  username: string | null
  labels: string[]
  proxy: string | null
}

export interface ImportPreview {
  format: ImportFormat
  counts: Record<PreviewRow['action'], number>
  errors: ImportIssue[]
  rows: PreviewRow[]
}
