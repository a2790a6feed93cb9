// Starts apexMutationWorker.ts in a worker thread: worker threads do not inherit tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./apexMutationWorker.ts');
