import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, createSecondHistogram, type MicrosHistogram, recordMicros } from '../../src/load/load-stats.js';

// The library's own index computation, the oracle for the faster one.
const libraryIndex = (histogram: MicrosHistogram, value: number): number =>
  hdr.Int32Histogram.prototype.countsArrayIndex.call(histogram, value);

function valuesToCheck(): number[] {
  const values: number[] = [];
  for (let v = 1; v <= 70_000; v++) values.push(v);
  for (let bit = 1; bit <= 32; bit++) {
    const power = 2 ** bit;
    for (let d = -3; d <= 3; d++) if (power + d >= 1 && power + d <= 0xffff_ffff) values.push(power + d);
  }
  // A fixed pseudo-random spread over the whole range, plus the edges and non-integers.
  let x = 12345;
  for (let k = 0; k < 100_000; k++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    values.push(1 + (x % 3_600_000_000));
  }
  values.push(3_600_000_000, 0xffff_ffff, 2.5, 1000.75);
  return values;
}

describe('MicrosHistogram', () => {
  it('puts every value in the bucket hdr-histogram-js would, at 2 and 3 significant digits', () => {
    for (const histogram of [createLatencyHistogram(), createSecondHistogram()] as MicrosHistogram[]) {
      const mismatches = valuesToCheck().filter((v) => histogram.countsArrayIndex(v) !== libraryIndex(histogram, v));
      expect(mismatches).toEqual([]);
    }
  });

  it('encodes to the same base64 as the histogram hdr.build makes, after the same values', () => {
    const built = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000,
      numberOfSignificantValueDigits: 3,
      bitBucketSize: 32,
      autoResize: false,
      useWebAssembly: false,
    });
    const ours = createLatencyHistogram();
    for (const micros of [1, 7, 999.6, 1024, 2047, 2048, 65_535.2, 1_000_000, 3_599_999_999, 5e9, -3]) {
      recordMicros(built, micros);
      recordMicros(ours, micros);
    }
    expect(ours.totalCount).toBe(11);
    expect([ours.minNonZeroValue, ours.maxValue]).toEqual([1, 3_600_000_000]);
    expect(hdr.encodeIntoCompressedBase64(ours)).toBe(hdr.encodeIntoCompressedBase64(built));
  });
});
