//! Work sharing over scoped threads that degrades instead of failing.
//!
//! The operating system may refuse a thread (`EAGAIN` when a process or user limit is reached,
//! `ENOMEM` for the stack). An audit must not abort for that: the calling thread always takes
//! part in the work, so a refused worker only costs speed. Every helper here keeps the order of
//! its inputs in its outputs.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread::Builder;

/// Most threads [`map`] uses, whatever the machine offers.
pub const MAX_THREADS: usize = 8;

/// Maps `f` over `items` on as many threads as the machine offers (at most [`MAX_THREADS`]),
/// heaviest items first so that one large item does not end up last on a busy thread.
pub fn map<T, R>(items: &[T], weight: impl Fn(&T) -> usize, f: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .clamp(1, MAX_THREADS);
    map_on(items, threads, weight, f)
}

/// Maps `f` over `items` on at most `threads` threads, the calling thread included.
pub fn map_on<T, R>(
    items: &[T],
    threads: usize,
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    map_with(items, threads, Builder::new, weight, f)
}

/// [`map_on`] with the builder of each worker thread given (tests use it to make spawning fail).
fn map_with<T, R>(
    items: &[T],
    threads: usize,
    builder: impl Fn() -> Builder,
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(weight(&items[*i])));
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = Vec::new();
    slots.resize_with(items.len(), || None);
    let slots = Mutex::new(slots);
    let work = || loop {
        let k = next.fetch_add(1, Ordering::Relaxed);
        let Some(&i) = order.get(k) else { break };
        let result = f(&items[i]);
        // A poisoned lock means another worker panicked; the scope re-raises that panic.
        if let Ok(mut slots) = slots.lock() {
            slots[i] = Some(result);
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            if builder().spawn_scoped(s, work).is_err() {
                break;
            }
        }
        work();
    });
    slots
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

/// Runs `a` on another thread while `b` runs on this one, and returns both results. When no
/// thread can be had, runs `b` and then `a` here. A panic in either is raised again here.
pub fn both<A, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B)
where
    A: Send,
{
    both_with(Builder::new(), a, b)
}

/// [`both`] with the builder of the second thread given.
pub fn both_with<A, B>(
    builder: Builder,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B)
where
    A: Send,
{
    // `a` is taken by the thread only when the thread exists, so a refused spawn keeps it.
    let slot = Mutex::new(Some(a));
    let take = || slot.lock().ok().and_then(|mut a| a.take());
    std::thread::scope(|s| {
        let spawned = builder.spawn_scoped(s, || take().map(|a| a()));
        let second = b();
        let first = match spawned {
            Ok(handle) => match handle.join() {
                Ok(first) => first,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        };
        // A refused thread never took `a`: run it here.
        let first = first.or_else(|| take().map(|a| a()));
        (first.expect("`a` ran on one thread or the other"), second)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stack larger than any address space: the OS refuses the thread (`EAGAIN`).
    fn refused() -> Builder {
        Builder::new().stack_size(1usize << 50)
    }

    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..100).collect();
        let doubled = map(&items, |n| *n % 7, |n| n * 2);
        assert_eq!(doubled, (0..100).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_refused_thread_costs_speed_not_the_result() {
        let items: Vec<usize> = (0..50).collect();
        let squared = map_with(&items, 4, refused, |n| *n, |n| n * n);
        assert_eq!(squared, (0..50).map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn both_runs_both_sides_with_or_without_a_second_thread() {
        assert_eq!(both(|| 1 + 1, || "b"), (2, "b"));
        assert_eq!(both_with(refused(), || 1 + 1, || "b"), (2, "b"));
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn a_panic_on_the_other_thread_is_raised_here() {
        let _ = both(|| -> u8 { panic!("boom") }, || 1);
    }

    #[test]
    fn empty_input_gives_empty_output() {
        let none: Vec<u8> = Vec::new();
        assert!(map_on(&none, 4, |_| 0, |n| *n).is_empty());
    }
}
