// Artillery loads this file (config.processor). The processor builds, encodes and signs each request;
// the secret comes from SYSTEME_MOCK_SECRET, the seed from SYSTEME_MOCK_SEED (random and logged if unset).
import { createArtilleryProcessor } from 'systeme-mock/artillery';

export const { beforeRequest } = createArtilleryProcessor({ mix: 'SALE_NEW=80,SALE_CANCELED=20' });
