import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Native modules: loaded by Node at run time, never bundled.
  serverExternalPackages: ['ssh2', 'better-sqlite3', '@node-rs/argon2'],
  poweredByHeader: false,
  // Types are checked by `npm test` (tsc over the whole tree, tests included), not by
  // every `npm start` build, so a type slip in a test can never keep the server down.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  experimental: {
    // proxy.ts makes Next buffer each request body, silently cut at this size (10 MB by
    // default): file-step uploads go up to 50 MiB (lib/files/size.ts) plus multipart framing.
    proxyClientMaxBodySize: '51mb',
  },
}

export default nextConfig
