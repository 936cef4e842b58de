package dev.wharf.http;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CopyBuffers}: two 1 MiB buffers while the budget lasts, then one, then one small one; small regions uncounted. */
class CopyBuffersTest {
    private static final int MIB = 1 << 20;
    private final ByteBufferPool pool = new ArrayByteBufferPool.Quadratic(0, MIB, Integer.MAX_VALUE, 16L * MIB, 32L * MIB);

    @Test
    void transfersTakeTwoLargeBuffersThenOneThenASmallOneAndGiveTheBudgetBack() {
        CopyBuffers buffers = new CopyBuffers(3);

        CopyBuffers.Lease first = buffers.lease(pool, 3L * MIB);
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.get(0).capacity()).isGreaterThanOrEqualTo(MIB);
        assertThat(first.get(1).capacity()).isGreaterThanOrEqualTo(MIB);
        assertThat(buffers.largeFree()).isEqualTo(1);

        CopyBuffers.Lease second = buffers.lease(pool, 3L * MIB);
        assertThat(second.size()).isEqualTo(1);
        assertThat(second.get(0).capacity()).isGreaterThanOrEqualTo(MIB);
        assertThat(buffers.largeFree()).isZero();

        CopyBuffers.Lease third = buffers.lease(pool, 3L * MIB);
        assertThat(third.size()).isEqualTo(1);
        assertThat(third.get(0).capacity()).isGreaterThanOrEqualTo(CopyBuffers.SMALL).isLessThan(MIB);
        third.release(0);
        assertThat(buffers.largeFree()).isZero();

        first.release(0);
        first.abandon(1);
        second.release(0);
        assertThat(buffers.largeFree()).isEqualTo(3);
    }

    @Test
    void aRegionOfOneBufferTakesOneAndASmallRegionIsNotCounted() {
        CopyBuffers buffers = new CopyBuffers(2);

        CopyBuffers.Lease one = buffers.lease(pool, MIB);
        assertThat(one.size()).isEqualTo(1);
        assertThat(buffers.largeFree()).isEqualTo(1);
        CopyBuffers.Lease small = buffers.lease(pool, 4096);
        assertThat(small.size()).isEqualTo(1);
        assertThat(small.get(0).capacity()).isGreaterThanOrEqualTo(4096);
        assertThat(buffers.largeFree()).isEqualTo(1);

        small.release(0);
        one.release(0);
        assertThat(buffers.largeFree()).isEqualTo(2);
    }
}
