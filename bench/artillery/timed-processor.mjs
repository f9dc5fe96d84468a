// The example's processor, timed: each beforeRequest's CPU time on its thread (process.threadCpuUsage,
// Node >= 22.19: preemption by other processes not counted) and its wall time go to Artillery as custom
// histograms, which Artillery summarizes across workers like its own metrics.
import { createArtilleryProcessor } from 'systeme-mock/artillery';

const processor = createArtilleryProcessor({ mix: 'SALE_NEW=80,SALE_CANCELED=20' });
const cpuMicros = () => {
  const { user, system } = process.threadCpuUsage();
  return user + system;
};

export function beforeRequest(requestParams, context, events, next) {
  const wall = process.hrtime.bigint();
  const cpu = cpuMicros();
  processor.beforeRequest(requestParams, context, events, (error) => {
    events.emit('histogram', 'systeme_mock.before_request_cpu_us', cpuMicros() - cpu);
    events.emit('histogram', 'systeme_mock.before_request_wall_us', Number(process.hrtime.bigint() - wall) / 1000);
    next(error);
  });
}
