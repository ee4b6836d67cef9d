//! Mounts the Wegwijs app over the static shell in `index.html`.

// Single-threaded: the browser runs the app on one thread, with no workers sharing its memory.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: the wasm has one thread (no `atomics` target feature, no shared memory).
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

fn main() {
    wegwijs::mount();
}
