//! A process-wide bound on CPU-heavy work: unpacking and analyzing a package.
//!
//! Tree and lockfile audits run many packages at once so that their downloads overlap
//! ([`crate::deps`] uses 16 workers); only as many of them as the machine has cores unpack and
//! analyze at the same time, which also bounds memory (an unpacked tree lives only inside a
//! slot). The workers themselves are [`mcp_audit_core::parallel::map_on`] threads; inside a
//! slot, the analyzers share their work with `parallel::map` as they do for a single package.

use std::num::NonZeroUsize;
use std::sync::{Condvar, Mutex, PoisonError};

use mcp_audit_core::parallel::MAX_THREADS;

/// Counting slots for analysis.
struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

static ANALYSIS: Slots = Slots {
    free: Mutex::new(usize::MAX),
    freed: Condvar::new(),
};

/// Holds one analysis slot until dropped.
#[must_use = "the slot is released when the guard is dropped"]
pub struct SlotGuard(());

impl Drop for SlotGuard {
    fn drop(&mut self) {
        *ANALYSIS.free.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        ANALYSIS.freed.notify_one();
    }
}

/// Waits for an analysis slot (one per core, at most [`MAX_THREADS`], the bound that
/// [`mcp_audit_core::parallel`] puts on the threads inside one analysis).
pub fn analysis() -> SlotGuard {
    let mut free = ANALYSIS.free.lock().unwrap_or_else(PoisonError::into_inner);
    if *free == usize::MAX {
        // First use: one slot per core.
        *free = std::thread::available_parallelism()
            .map_or(1, NonZeroUsize::get)
            .clamp(1, MAX_THREADS);
    }
    while *free == 0 {
        free = ANALYSIS
            .freed
            .wait(free)
            .unwrap_or_else(PoisonError::into_inner);
    }
    *free -= 1;
    SlotGuard(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn slots_are_returned() {
        // More takes than there are slots, one after the other: each is given back.
        for _ in 0..20 {
            let guard = super::analysis();
            drop(guard);
        }
        let _again = super::analysis();
    }
}
