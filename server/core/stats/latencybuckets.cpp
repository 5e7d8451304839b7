#include "server/core/stats/latencybuckets.h"

#include <bit>

namespace Confab::Server::LatencyBuckets {

namespace {

// The first bucket of the power of two 2^exponent (exponent > kSubBits).
int firstOfExponent(int exponent)
{
    return int(kExactBelow) + (exponent - kSubBits - 1) * kSubBuckets;
}

} // namespace

int bucketOf(qint64 micros)
{
    if (micros < kExactBelow)
        return micros < 0 ? 0 : int(micros);
    const int exponent = std::bit_width(quint64(micros)) - 1;
    if (exponent > kTopExponent)
        return kCount - 1;
    const int sub = int(micros >> (exponent - kSubBits)) - kSubBuckets;
    return firstOfExponent(exponent) + sub;
}

qint64 lowerBound(int bucket)
{
    if (bucket < kExactBelow)
        return bucket;
    const int exponent = (bucket - int(kExactBelow)) / kSubBuckets + kSubBits + 1;
    const int sub = (bucket - int(kExactBelow)) % kSubBuckets;
    return qint64(kSubBuckets + sub) << (exponent - kSubBits);
}

qint64 upperBound(int bucket)
{
    if (bucket < kExactBelow)
        return bucket;
    if (bucket >= kCount - 1)
        return (qint64(1) << (kTopExponent + 1)) - 1;
    return lowerBound(bucket + 1) - 1;
}

} // namespace Confab::Server::LatencyBuckets
