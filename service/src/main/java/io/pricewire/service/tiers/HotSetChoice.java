package io.pricewire.service.tiers;

import java.util.List;

/**
 * What {@link HotSetPolicy} chose for the next period.
 *
 * @param hot      the hot set, in rank order (written to {@code tier:hot})
 * @param promoted the members of {@code hot} that are not hot by rank, in rank order (written to {@code tier:promoted},
 *                 which the cold Lambda skips)
 * @param changed  whether {@code hot} holds other assets than the hot set it was chosen from
 */
record HotSetChoice(List<String> hot, List<String> promoted, boolean changed) {
    HotSetChoice {
        hot = List.copyOf(hot);
        promoted = List.copyOf(promoted);
    }
}
