// systeme-mock/artillery: a processor for Artillery scenarios. It never imports Artillery (Artillery
// imports it), so the optional peer dependency only states the versions it was tested with.
export { createArtilleryProcessor, STREAM_COUNT, STREAM_LOCAL_BITS } from './create-artillery-processor.js';

export type {
  ArtilleryContext,
  ArtilleryEvents,
  ArtilleryNext,
  ArtilleryProcessor,
  ArtilleryProcessorOptions,
  ArtilleryRequestParams,
  PreparedEvent,
} from './create-artillery-processor.js';
