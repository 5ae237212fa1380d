/** The script languages Fanout runs (PRODUCT §1), as stored on a script. */
export type ScriptLanguage = 'bash' | 'sh' | 'python3' | 'perl' | 'powershell-core'

const MONACO_LANGUAGE: Record<ScriptLanguage, string> = {
  bash: 'shell',
  sh: 'shell',
  python3: 'python',
  perl: 'perl',
  'powershell-core': 'powershell',
}

/** Monaco's language id for a script language (all four are Monarch tokenizers: no worker). */
export function monacoLanguage(language: ScriptLanguage): string {
  return MONACO_LANGUAGE[language]
}

/** Indentation habits: 2 spaces for shell, 4 for Python/Perl/PowerShell (PEP 8, perlstyle, PoshCode). */
export function tabSize(language: ScriptLanguage): number {
  return MONACO_LANGUAGE[language] === 'shell' ? 2 : 4
}
