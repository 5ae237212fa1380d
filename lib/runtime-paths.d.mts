export function dataDir(env?: NodeJS.ProcessEnv): string
export function databaseUrl(env?: NodeJS.ProcessEnv): string
export function masterKeyPath(env?: NodeJS.ProcessEnv): string
export function providerOf(url: string | undefined): 'sqlite' | 'postgresql'
export function sqlitePath(url: string): string
