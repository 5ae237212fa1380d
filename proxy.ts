import { getToken } from 'next-auth/jwt'
import { type NextRequest, NextResponse } from 'next/server'
import { authSecret } from '@/lib/auth/secret'

// Paths that answer without a session: sign-in and setup, and the API, hooks and auth
// routes, which check their own credentials.
const open = /^\/(login|setup|api\/auth|api\/hooks|api\/v1\/)/

// Next answers a server action past its body limit (1 MB, read as 1 MiB) with a 500 and logs
// a crash: refuse it here, as what it is. A text/plain answer is what Next's client shows.
const actionBodyLimit = 1024 * 1024
const tooLarge = 'This form is larger than the 1 MB the server accepts: shorten what you entered.'

// Only a first line: sends requests without a session to the sign-in page. Every page,
// action and route handler still checks the session and the tenant itself. A worker
// replica (FANOUT_ROLE=worker) serves no pages or API at all: only health and metrics.
export async function proxy(request: NextRequest) {
  if (process.env.FANOUT_ROLE === 'worker') {
    const error = 'This Fanout replica runs the engine only (FANOUT_ROLE=worker): use a web replica.'
    return NextResponse.json({ error }, { status: 503 })
  }
  if (request.headers.has('next-action') && Number(request.headers.get('content-length')) > actionBodyLimit)
    return new NextResponse(tooLarge, { status: 413, headers: { 'content-type': 'text/plain' } })
  if (open.test(request.nextUrl.pathname)) return NextResponse.next()
  const token = await getToken({ req: request, secret: authSecret() })
  if (token) return NextResponse.next()
  if (request.nextUrl.pathname.startsWith('/api/')) {
    return NextResponse.json({ error: 'Sign in first.' }, { status: 401 })
  }
  const login = new URL('/login', request.url)
  const back = request.nextUrl.pathname + request.nextUrl.search
  if (back !== '/') login.searchParams.set('callbackUrl', back)
  return NextResponse.redirect(login)
}

export const config = {
  matcher: ['/((?!api/health|api/metrics|_next/|favicon.ico).*)'],
}
