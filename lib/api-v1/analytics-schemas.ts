import { z } from "zod";
import { chartFormatSchema } from "../analytics/chart-export";
import { analyticsQueryFields } from "../analytics/scope";

const MAX_USAGE_DAYS = 366;
const DAY_MS = 86_400_000;
export const USAGE_DEFAULT_DAYS = 30;

export const usageQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().meta({ description: `Start (inclusive); ${USAGE_DEFAULT_DAYS} days before \`to\` by default. Rounded down to the hour.` }),
    to: z.iso.datetime({ offset: true }).optional().meta({ description: "End (exclusive); now by default. Rounded up to the hour." }),
  })
  .transform((q, ctx) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - USAGE_DEFAULT_DAYS * DAY_MS);
    if (!(from < to)) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    if (to.getTime() - from.getTime() > MAX_USAGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["from"], message: `the window may span at most ${MAX_USAGE_DAYS} days` });
    return { from, to };
  });

const usageTotals = {
  turns: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().meta({ description: "Estimated from the model catalogue's prices; 0 where unknown." }),
};

export const usageSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    ...usageTotals,
    byModel: z.array(z.object({ model: z.string(), ...usageTotals })),
  })
  .meta({ id: "Usage" });
export type UsageDto = z.infer<typeof usageSchema>;

export const chartQuerySchema = analyticsQueryFields.extend({ format: chartFormatSchema });
