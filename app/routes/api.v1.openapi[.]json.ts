import { apiRoute } from "~/http/api.server";
import { openApiDocument } from "~/http/openapi";

/** The API's description: public, like any API reference. */
export const loader = apiRoute(() => Response.json(openApiDocument));
