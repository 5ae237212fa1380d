// No server imports: the webhooks table builds the same addresses in the browser.
export function hookUrl(origin: string, webhookId: string): string {
  return `${origin}/api/hooks/${webhookId}`
}
