// The example's processor, timed: each beforeRequest's duration goes to Artillery as a custom histogram
// (systeme_mock.before_request_us), which Artillery summarizes across workers like its own metrics.
import { createArtilleryProcessor } from 'systeme-mock/artillery';

const processor = createArtilleryProcessor({ mix: 'SALE_NEW=80,SALE_CANCELED=20' });

export function beforeRequest(requestParams, context, events, next) {
  const start = process.hrtime.bigint();
  processor.beforeRequest(requestParams, context, events, (error) => {
    events.emit('histogram', 'systeme_mock.before_request_us', Number(process.hrtime.bigint() - start) / 1000);
    next(error);
  });
}
