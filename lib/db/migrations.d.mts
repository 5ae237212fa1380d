export type Provider = 'sqlite' | 'postgresql'
export function applyMigrations(url: string): Promise<string[]>
export function pendingModelChanges(url: string): Promise<string>
