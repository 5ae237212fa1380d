import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Native modules: loaded by Node at run time, never bundled.
  serverExternalPackages: ['ssh2', 'better-sqlite3', '@node-rs/argon2'],
  poweredByHeader: false,
  typedRoutes: false,
}

export default nextConfig
