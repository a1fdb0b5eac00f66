//! Giving the allocator's freed memory back to the system between stages.
//! mimalloc keeps freed pages to reuse them and returns them later, on its
//! own schedule: after a stage that made and dropped hundreds of megabytes
//! (the passage index, the LSA coordinates) they stayed resident into the
//! next stage and raised a million-article run's peak by half a gigabyte.

/// Returns the memory mimalloc holds freed to the system now.
#[allow(unsafe_code)]
pub fn give_back_freed_memory() {
    // SAFETY: `mi_collect` takes no pointer and only walks mimalloc's own
    // structures; it may be called from any thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
