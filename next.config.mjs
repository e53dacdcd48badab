/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets several checkouts' builds coexist (e.g. parallel end-to-end runs); `.next` by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Native modules and the logger stay outside the server bundle. So does Yjs: the room page's
  // server render (SSR layer) and the route handlers (RSC layer) would each bundle their own copy,
  // and two copies in one process break its constructor checks ("Yjs was already imported").
  serverExternalPackages: ["better-sqlite3", "pino", "pg", "yjs", "y-protocols", "lib0"],
  // `npm test` type-checks everything with tsc; checking again here would only slow every start.
  typescript: { ignoreBuildErrors: true },
  // y-monaco imports Monaco by a path monaco-editor 0.57 no longer exports: point it at the same
  // module the room editor uses, so both share one Monaco instance.
  turbopack: {
    resolveAlias: { "monaco-editor/esm/vs/editor/editor.api.js": "monaco-editor/editor/editor.api.js" },
  },
  webpack(config) {
    config.resolve.alias["monaco-editor/esm/vs/editor/editor.api.js$"] = "monaco-editor/editor/editor.api.js";
    return config;
  },
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
