/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets several checkouts' builds coexist (e.g. parallel end-to-end runs); `.next` by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Native modules and the logger stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "pino", "pg"],
  // `npm test` type-checks everything with tsc; checking again here would only slow every start.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // forbidden() and app/forbidden.tsx answer 403 pages.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
