import { z } from "zod";

// Runs in the browser before the app. Zod probes `new Function` to decide whether to compile fast
// object parsers; under the pages' CSP (no 'unsafe-eval') the caught probe is still reported as a
// violation. Parsing without that compilation is the same, a little slower.
z.config({ jitless: true });
