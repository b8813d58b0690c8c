package dev.sentral.routing.music;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MusicOrderTest {
    @Property(tries = 500)
    void everyFileOncePerCycleAndNeverTwiceInARow(@ForAll @IntRange(min = 1, max = 10) int files,
                                                   @ForAll long seed) {
        MusicOrder order = new MusicOrder(files, new SplittableRandom(seed));
        int previous = -1;
        for (int cycle = 0; cycle < 20; cycle++) {
            Set<Integer> heard = new HashSet<>();
            for (int i = 0; i < files; i++) {
                int f = order.next();
                assertThat(f).isBetween(0, files - 1);
                assertThat(heard.add(f)).as("file %d twice in cycle %d", f, cycle).isTrue();
                if (files > 1) {
                    assertThat(f).as("the same file twice in a row").isNotEqualTo(previous);
                }
                previous = f;
            }
            assertThat(heard).hasSize(files);
        }
    }

    @Property(tries = 50)
    void theOrderIsActuallyRandom(@ForAll long seed) {
        // over 200 cycles of 10 files, every file opens a cycle at least once
        MusicOrder order = new MusicOrder(10, new SplittableRandom(seed));
        Set<Integer> openers = new HashSet<>();
        for (int cycle = 0; cycle < 200; cycle++) {
            openers.add(order.next());
            for (int i = 1; i < 10; i++) {
                order.next();
            }
        }
        assertThat(openers).hasSize(10);
    }
}
