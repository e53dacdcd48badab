import { getAuthOptions } from "@/app/_server/runtime";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(req, { params: await ctx.params }, getAuthOptions());
}

export { handler as GET, handler as POST };
