import { z } from "zod";
import { ANTHROPIC_MODELS, DEFAULT_CONTEXT_WINDOW, OPENAI_MODELS, type KnownModel } from "./known-models";
import { aiLogger } from "./log";
import { formatModelRef, PROVIDER_IDS, type ModelRef, type ProviderId } from "./model-ref";
import type { AiConfig } from "../config/ai";

export interface CatalogueModel {
  ref: ModelRef;
  provider: ProviderId;
  modelId: string;
  label: string;
  /** Tokens; undefined when the provider does not say (local and self-hosted servers). */
  contextWindow?: number;
}

export interface CatalogueNote {
  provider: ProviderId;
  message: string;
}

export interface CatalogueResult {
  models: CatalogueModel[];
  /** Why a configured provider contributed no models, e.g. its server is down. */
  notes: CatalogueNote[];
}

export interface ModelCatalogue {
  list(): Promise<CatalogueResult>;
  find(ref: ModelRef): Promise<CatalogueModel | undefined>;
  /** Forgets cached listings, e.g. after an operator started Ollama. */
  clear(): void;
}

interface ProviderListing {
  models: CatalogueModel[];
  note?: string;
}

const ollamaTagsSchema = z.object({
  models: z.array(z.object({ name: z.string().min(1), details: z.object({ parameter_size: z.string().optional() }).loose().optional() })),
});
const openAiModelsSchema = z.object({ data: z.array(z.object({ id: z.string().min(1) })) });

// A failed listing is kept briefly so a down server costs one timeout per few seconds, not per request.
const FAILURE_TTL_MS = 5_000;

function toEntry(provider: ProviderId, modelId: string, label = modelId, contextWindow?: number): CatalogueModel {
  return { ref: formatModelRef({ provider, modelId }), provider, modelId, label, contextWindow };
}

function fromKnown(provider: ProviderId, models: readonly KnownModel[]): CatalogueModel[] {
  return models.map((m) => toEntry(provider, m.id, m.label, m.contextWindow));
}

export function createModelCatalogue(
  config: AiConfig,
  options: { fetch?: typeof fetch; now?: () => number } = {},
): ModelCatalogue {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const cache = new Map<ProviderId, { expiresAt: number; listing: Promise<ProviderListing> }>();

  async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
    const response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(config.catalogue.timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
    return response.json();
  }

  async function listOllama(baseURL: string): Promise<CatalogueModel[]> {
    const { models } = ollamaTagsSchema.parse(await getJson(`${baseURL}/api/tags`));
    return models.map((m) =>
      toEntry("ollama", m.name, m.details?.parameter_size ? `${m.name} (${m.details.parameter_size})` : m.name),
    );
  }

  async function listOpenAiCompatible(settings: NonNullable<AiConfig["providers"]["openai-compatible"]>) {
    if (settings.models.length > 0) return settings.models.map((id) => toEntry("openai-compatible", id));
    const headers: Record<string, string> = settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {};
    const { data } = openAiModelsSchema.parse(await getJson(`${settings.baseURL}/models`, headers));
    return data.map((m) => toEntry("openai-compatible", m.id));
  }

  async function fetchListing(provider: ProviderId): Promise<ProviderListing> {
    const { providers } = config;
    try {
      switch (provider) {
        case "openai":
          return { models: providers.openai ? fromKnown("openai", OPENAI_MODELS) : [] };
        case "anthropic":
          return { models: providers.anthropic ? fromKnown("anthropic", ANTHROPIC_MODELS) : [] };
        case "ollama":
          return { models: providers.ollama ? await listOllama(providers.ollama.baseURL) : [] };
        case "openai-compatible": {
          const settings = providers["openai-compatible"];
          return { models: settings ? await listOpenAiCompatible(settings) : [] };
        }
      }
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      aiLogger.warn({ provider, err: reason }, "could not list models");
      return { models: [], note: `Could not list ${provider} models: ${reason}` };
    }
  }

  function cachedListing(provider: ProviderId): Promise<ProviderListing> {
    const hit = cache.get(provider);
    if (hit && hit.expiresAt > now()) return hit.listing;
    const listing = fetchListing(provider);
    cache.set(provider, { expiresAt: now() + config.catalogue.ttlMs, listing });
    void listing.then((l) => {
      if (l.note !== undefined && cache.get(provider)?.listing === listing) {
        cache.set(provider, { expiresAt: now() + Math.min(FAILURE_TTL_MS, config.catalogue.ttlMs), listing });
      }
    });
    return listing;
  }

  async function list(): Promise<CatalogueResult> {
    const configured = PROVIDER_IDS.filter((p) => config.providers[p] !== undefined);
    const listings = await Promise.all(configured.map(async (provider) => ({ provider, ...(await cachedListing(provider)) })));
    return {
      models: listings.flatMap((l) => l.models),
      notes: listings.flatMap((l) => (l.note === undefined ? [] : [{ provider: l.provider, message: l.note }])),
    };
  }

  return {
    list,
    async find(ref) {
      return (await list()).models.find((m) => m.ref === ref);
    },
    clear() {
      cache.clear();
    },
  };
}

/** The window to budget a prompt for; a modest default when the provider does not say. */
export function contextWindowOf(model: CatalogueModel | undefined): number {
  return model?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
}
