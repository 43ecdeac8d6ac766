import { apiRoute } from "~/http/api.server";
import { notFound } from "~/models/errors";

const unknownPath = apiRoute(() => {
  throw notFound("api_path");
});
export const loader = unknownPath;
export const action = unknownPath;
