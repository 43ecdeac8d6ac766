import { apiRoute } from "~/http/api.server";
import { notFound } from "~/http/errors.server";

const unknownPath = apiRoute(() => {
  throw notFound("This API path");
});
export const loader = unknownPath;
export const action = unknownPath;
