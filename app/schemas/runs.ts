// Input schemas for allocation runs: shared by the runs screen and the API.
import { z } from "zod";
import { positiveId } from "./ids";
import { monthKey } from "./programs";

export const runPreviewInput = z.object({ programId: positiveId, month: monthKey });
export const runPostInput = z.object({ runId: positiveId });
