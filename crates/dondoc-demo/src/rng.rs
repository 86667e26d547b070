//! A tiny deterministic PRNG (splitmix64): the generator needs reproducibility, not quality.

/// splitmix64 state.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed ^ 0x6a09_e667_f3bc_c908)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // n is small: the modulo bias is irrelevant here.
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `p` percent.
    pub(crate) fn chance(&mut self, p: u32) -> bool {
        self.below(100) < p as usize
    }

    /// One element of a non-empty slice (the default when empty).
    pub(crate) fn pick<T: Copy + Default>(&mut self, xs: &[T]) -> T {
        let i = self.below(xs.len());
        xs.get(i).copied().unwrap_or_default()
    }
}
