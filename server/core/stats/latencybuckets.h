#pragma once

#include <QtGlobal>

namespace Confab::Server::LatencyBuckets {

// The bucket layout shared by LatencyHistogram and LatencySnapshot: log-scale buckets of
// microseconds, each at most 1/16 of its value wide (about 6 %). 0-31 µs have a bucket each;
// above, every power of two is split into 16 equal buckets, up to 2^32 µs (71 minutes), and
// anything longer counts in the last bucket.

/// Buckets per power of two, as a number of bits.
constexpr int kSubBits = 4;
constexpr int kSubBuckets = 1 << kSubBits;
/// Values below this have a bucket of their own.
constexpr qint64 kExactBelow = 2 * kSubBuckets;
/// The highest power of two that still gets its own buckets.
constexpr int kTopExponent = 31;
constexpr int kCount = int(kExactBelow) + (kTopExponent - kSubBits) * kSubBuckets;

/// The bucket a latency in microseconds falls into (negative counts as 0).
int bucketOf(qint64 micros);
/// The largest value that falls into `bucket`: what a reader sees as the bucket's bound.
qint64 upperBound(int bucket);
/// The smallest value that falls into `bucket`.
qint64 lowerBound(int bucket);

} // namespace Confab::Server::LatencyBuckets
