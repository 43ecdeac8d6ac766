// The HTTP API (SPEC 7) as an OpenAPI 3.1 document, served at /api/v1/openapi.json. It is
// generated from the zod schemas that parse the requests and describe the answers, and a test
// validates real answers against it (decision 013).
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registerMoney } from "./openapi/money";
import { registerClaims } from "./openapi/claims";
import { registerParties } from "./openapi/parties";
import { registerReports } from "./openapi/reports";
import { registerRefunds } from "./openapi/refunds";
import { registerNotifications } from "./openapi/notifications";

const registry = new OpenAPIRegistry();
registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
registerParties(registry);
registerRefunds(registry);
registerReports(registry);
registerMoney(registry);
registerClaims(registry);
registerNotifications(registry);

export const openApiDocument = new OpenApiGeneratorV31(registry.definitions).generateDocument({
  openapi: "3.1.0",
  info: {
    title: "tierpool API",
    version: "1",
    description:
      "Volume refunds of a buyers' consortium. Money fields end in Minor: integers in the currency's minor unit.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ bearer: [] }],
});
