// Runs claim uploads in the background, one at a time, in upload order (like report jobs). The
// upload's bytes wait in memory: a restart fails the queued ones (boot), nothing of them written.
import { processClaimUpload } from "~/models/claim-uploads.server";

let queue: Promise<void> = Promise.resolve();

/** Queues the upload; the returned promise settles when it has been processed. */
export function enqueueClaimUpload(uploadId: number, bytes: Buffer): Promise<void> {
  queue = queue
    .then(() => processClaimUpload(uploadId, bytes))
    .catch((error) => {
      console.error(`Claim upload ${uploadId} failed unexpectedly:`, error);
    });
  return queue;
}
