//! The guest heap: a bump allocator over `[__jolt_heap_start, initial sp − 32 KiB)`.
//!
//! `__jolt_heap_start` is where `jolt.ld` puts the heap reserve declared by
//! [`entry!`](crate::entry) (after `.bss`); the region runs on through any heap the memory
//! layout adds between the image and the stack, up to [`STACK_RESERVE`](crate::STACK_RESERVE)
//! bytes below the loader's stack pointer (and at least to the end of the reserve).
//!
//! Allocation is one align-up and one compare. Memory is not reused, except that freeing or
//! resizing the most recent allocation works in place, so a growing `Vec` or `String` that is
//! the last thing allocated (serialisers, parsers building one buffer) does not copy. Guests
//! are short runs, so a bump heap's waste is usually cheaper than a free list's cycles.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;

use crate::io::GuestCell;

/// A bump allocator over `[next, end)`; see the module docs.
pub struct BumpAllocator {
    next: GuestCell<usize>,
    end: GuestCell<usize>,
}

impl BumpAllocator {
    /// An allocator with an empty heap (every allocation fails until [`Self::init`]).
    pub const fn empty() -> Self {
        BumpAllocator {
            next: GuestCell(Cell::new(0)),
            end: GuestCell(Cell::new(0)),
        }
    }

    /// Hands `[start, end)` to the allocator.
    pub fn init(&self, start: usize, end: usize) {
        self.next.0.set(start);
        self.end.0.set(end.max(start));
    }

    /// Bytes not yet handed out.
    pub fn free_bytes(&self) -> usize {
        self.end.0.get() - self.next.0.get()
    }

    /// The address one past the last byte handed out (the heap's high-water mark).
    pub fn high_water(&self) -> usize {
        self.next.0.get()
    }
}

// SAFETY: `alloc` returns null or a block of `layout.size()` bytes aligned to `layout.align()`
// inside [start, end) that no live block overlaps (blocks are handed out in increasing
// order, and `next` only moves back over the most recent block when that block is freed).
unsafe impl GlobalAlloc for BumpAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let start = (self.next.0.get() + layout.align() - 1) & !(layout.align() - 1);
        match start.checked_add(layout.size()) {
            Some(end) if end <= self.end.0.get() => {
                self.next.0.set(end);
                start as *mut u8
            }
            _ => core::ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ptr as usize + layout.size() == self.next.0.get() {
            self.next.0.set(ptr as usize);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let start = ptr as usize;
        if start + layout.size() == self.next.0.get() {
            if let Some(end) = start.checked_add(new_size) {
                if end <= self.end.0.get() {
                    self.next.0.set(end);
                    return ptr;
                }
            }
        } else if new_size <= layout.size() {
            return ptr;
        }
        // SAFETY: the caller's contract for `realloc` (valid `ptr`, nonzero `new_size`);
        // the new layout keeps the old alignment.
        unsafe {
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let new = self.alloc(new_layout);
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            }
            new
        }
    }
}

/// The guest's global allocator.
#[cfg(target_os = "none")]
#[global_allocator]
pub static HEAP: BumpAllocator = BumpAllocator::empty();

/// Gives the heap region to [`HEAP`]; called once by the entry before `main`.
#[cfg(target_os = "none")]
pub(crate) fn init(initial_sp: usize) {
    extern "C" {
        static __jolt_heap_start: u8;
        static _end: u8;
    }
    // Linker-script symbols: only their addresses are taken.
    let (start, image_end) = (
        core::ptr::addr_of!(__jolt_heap_start) as usize,
        core::ptr::addr_of!(_end) as usize,
    );
    let end = initial_sp
        .saturating_sub(crate::STACK_RESERVE)
        .max(image_end);
    HEAP.init(start, end);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heap over a host buffer.
    fn heap(buffer: &mut [u64]) -> BumpAllocator {
        let heap = BumpAllocator::empty();
        let start = buffer.as_mut_ptr() as usize;
        heap.init(start, start + 8 * buffer.len());
        heap
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_bounded() {
        let mut buffer = [0u64; 32];
        let h = heap(&mut buffer);
        let a = unsafe { h.alloc(Layout::from_size_align(3, 1).unwrap()) } as usize;
        let b = unsafe { h.alloc(Layout::from_size_align(16, 16).unwrap()) } as usize;
        assert!(b.is_multiple_of(16) && b >= a + 3);
        let too_big = unsafe { h.alloc(Layout::from_size_align(1024, 1).unwrap()) };
        assert!(too_big.is_null(), "past the end of the heap");
    }

    #[test]
    fn the_last_block_is_freed_and_grown_in_place() {
        let mut buffer = [0u64; 32];
        let h = heap(&mut buffer);
        let layout = Layout::from_size_align(8, 8).unwrap();
        let a = unsafe { h.alloc(layout) };
        let free = h.free_bytes();
        let grown = unsafe { h.realloc(a, layout, 64) };
        assert_eq!(grown, a, "the last block grows in place");
        assert_eq!(h.free_bytes(), free - 56);
        unsafe { h.dealloc(grown, Layout::from_size_align(64, 8).unwrap()) };
        assert_eq!(
            h.free_bytes(),
            free + 8,
            "freeing the last block returns it"
        );
    }

    #[test]
    fn an_earlier_block_moves_with_its_contents() {
        let mut buffer = [0u64; 32];
        let h = heap(&mut buffer);
        let layout = Layout::from_size_align(4, 4).unwrap();
        let a = unsafe { h.alloc(layout) };
        unsafe { a.copy_from([1u8, 2, 3, 4].as_ptr(), 4) };
        let _b = unsafe { h.alloc(layout) };
        let moved = unsafe { h.realloc(a, layout, 8) };
        assert_ne!(moved, a);
        assert_eq!(
            unsafe { core::slice::from_raw_parts(moved, 4) },
            [1, 2, 3, 4]
        );
    }
}
