// No 'use client': the page parses these, and the tabs link to them.
import { createSearchParamsCache, parseAsInteger, parseAsStringLiteral } from 'nuqs/server'

export const scriptTabs = ['script', 'history', 'runs'] as const
export type ScriptTab = (typeof scriptTabs)[number]

/** The detail page's URL: ?tab=history&from=2&to=3 compares, ?tab=history&version=2 shows one version. */
export const scriptPageParams = createSearchParamsCache({
  tab: parseAsStringLiteral(scriptTabs).withDefault('script'),
  from: parseAsInteger,
  to: parseAsInteger,
  version: parseAsInteger,
})
