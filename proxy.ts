import { getToken } from 'next-auth/jwt'
import { type NextRequest, NextResponse } from 'next/server'
import { authSecret } from '@/lib/auth/secret'

// Only a first line: sends requests without a session to the sign-in page. Every page,
// action and route handler still checks the session and the tenant itself.
export async function proxy(request: NextRequest) {
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
  matcher: ['/((?!login|setup|api/auth|api/health|api/hooks|api/metrics|api/v1/|_next/|favicon.ico).*)'],
}
