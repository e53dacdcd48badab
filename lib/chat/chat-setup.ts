/** The models the user may pick and how to configure one when there is none (serialisable). */
export interface ChatSetup {
  models: { ref: string; label: string; provider: string }[];
  defaultModel: string | null;
  providerConfigured: boolean;
  /** The variables to set, when no provider is configured. */
  setupMessage: string;
  /** Why a configured provider lists no models, e.g. its server is down. */
  notes: string[];
}
