// Runs claim uploads in the background, one at a time, in upload order, in the jobs thread (like
// report jobs, decision 079). The upload's bytes wait in memory: a restart fails the queued ones
// (boot), nothing of them written.
import { processClaimUpload } from "~/models/claim-uploads.server";
import { noteJob } from "./cluster.server";
import { registerThreadTask, runInThread } from "./worker-thread.server";

let queue: Promise<void> = Promise.resolve();

registerThreadTask("claim-upload", (uploadId, bytes) =>
  processClaimUpload(uploadId, Buffer.from(bytes!.buffer, bytes!.byteOffset, bytes!.byteLength)),
);

/** Queues the upload; the returned promise settles when it has been processed. */
export function enqueueClaimUpload(uploadId: number, bytes: Buffer): Promise<void> {
  noteJob("claim-upload", uploadId, true);
  queue = queue
    .then(() => runInThread("claim-upload", uploadId, bytes))
    .catch((error) => {
      console.error(`Claim upload ${uploadId} failed unexpectedly:`, error);
    })
    .finally(() => noteJob("claim-upload", uploadId, false));
  return queue;
}
