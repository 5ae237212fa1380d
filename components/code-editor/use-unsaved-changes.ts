'use client'

import { useEffect } from 'react'

const MESSAGE = 'You have unsaved changes. Leave anyway?'

/**
 * Warns before leaving a page with unsaved changes (`dirty`):
 * - reload, close, typed URL, external link: the browser's own `beforeunload` prompt;
 * - a click on a same-origin `<a>` (next/link included): `window.confirm`, caught in the capture
 *   phase before the router sees it.
 *
 * Limits, by design (no hook into the App Router exists for this):
 * - programmatic navigation (`router.push`, a server action's `redirect`) is not intercepted:
 *   set `dirty` to false before navigating after a save;
 * - browser Back/Forward inside the app is not intercepted (popstate cannot be cancelled);
 * - links opened elsewhere (modifier keys, middle click, `target`, `download`) and same-page
 *   `#hash` links pass through, as nothing is lost.
 */
export function useUnsavedChanges(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = ''
    }

    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null
      if (!(anchor instanceof HTMLAnchorElement)) return
      if (anchor.hasAttribute('download') || (anchor.target && anchor.target !== '_self')) return
      const url = new URL(anchor.href, window.location.href)
      // Other origins unload the page, and `beforeunload` asks there.
      if (url.origin !== window.location.origin) return
      const samePage = url.pathname === window.location.pathname && url.search === window.location.search
      if (samePage && url.hash) return
      if (window.confirm(MESSAGE)) return
      event.preventDefault()
      event.stopImmediatePropagation()
    }

    window.addEventListener('beforeunload', onBeforeUnload)
    window.addEventListener('click', onClick, { capture: true })
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload)
      window.removeEventListener('click', onClick, { capture: true })
    }
  }, [dirty])
}
