// Artillery runs (CPUs - 1) local workers; this 2-core machine would get one. Reporting three CPUs gives
// two workers, so the test covers disjoint streams across workers. Loaded with node --import.
import os from 'node:os';

const cpus = os.cpus();
os.cpus = () => [cpus[0], cpus[0], cpus[0]];
