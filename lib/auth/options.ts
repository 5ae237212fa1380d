import 'server-only'
import type { NextAuthOptions } from 'next-auth'
import Credentials from 'next-auth/providers/credentials'
import { clientIp } from '@/lib/request-ip'
import { authSecret } from './secret'
import { signInErrorMessage, signInWithPassword } from './sign-in'

export const sessionMaxAgeSeconds = 12 * 60 * 60

// Without NEXTAUTH_URL, next-auth would build its URLs on http://localhost:3000; trusting
// the request's Host (as Auth.js 5 does with trustHost) serves whatever address users use.
if (!process.env.NEXTAUTH_URL) {
  delete process.env.NEXTAUTH_URL
  process.env.AUTH_TRUST_HOST ??= 'true'
}

export const authOptions: NextAuthOptions = {
  // The Credentials provider only works with JWT sessions.
  session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds },
  get secret() {
    return authSecret()
  },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      name: 'Email and password',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        const result = await signInWithPassword(
          String(credentials?.email ?? ''),
          String(credentials?.password ?? ''),
          clientIp(req?.headers ?? {}),
        )
        // next-auth hands a thrown error's message to the sign-in form as `error`.
        if (!result.ok) throw new Error(signInErrorMessage(result))
        return result.user
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sessionVersion = user.sessionVersion
      return token
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub
      // Sessions signed before the field existed count as version 0, as their users are.
      session.sessionVersion = token.sessionVersion ?? 0
      return session
    },
  },
}
