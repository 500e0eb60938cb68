package org.trustmap.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Samples the used heap every few milliseconds on a daemon thread, so that the peak within any time window (a step)
 * can be read afterwards; also resets and reads the heap pools' own peak usage for the whole run.
 */
public final class HeapSampler {
    private final long[] times = new long[1 << 20];
    private final long[] used = new long[1 << 20];
    private volatile int count;
    private volatile boolean running = true;
    private final Thread thread;

    private HeapSampler(long periodMillis) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        thread = new Thread(() -> {
            while (running && count < times.length) {
                int i = count;
                times[i] = System.currentTimeMillis();
                used[i] = memory.getHeapMemoryUsage().getUsed();
                count = i + 1;
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "trustmap-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    public static HeapSampler start(long periodMillis) {
        return new HeapSampler(periodMillis);
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }

    /** The highest sampled heap use between two wall-clock instants (epoch millis). */
    public long peakBetween(long fromMillis, long toMillis) {
        long peak = 0;
        for (int i = 0; i < count; i++) {
            if (times[i] >= fromMillis && times[i] <= toMillis) {
                peak = Math.max(peak, used[i]);
            }
        }
        return peak;
    }

    /** The sum of the heap pools' peak usage since the start (an upper bound: pools peak at different times). */
    public long peakPools() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
