// A lean entry: node:crypto only, so receivers can import it without loading faker or got.
export { signPayload, createPayloadSigner, type PayloadBytes } from './sign-payload.js';
export { verifySignature, type SignatureHeader } from './verify-signature.js';
