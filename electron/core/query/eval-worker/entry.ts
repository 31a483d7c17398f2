// Process entry of an evaluation worker thread (bundled beside the CLI, the bridge and the Electron main).
import { serveEvalJobs } from './worker-body';

serveEvalJobs();
