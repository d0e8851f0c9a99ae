//! The threads muforce computes on from Python. The library parallelises with rayon; rayon's
//! global pool does not survive `fork` (the child inherits the pool's state but none of its
//! threads, and its first parallel call waits forever). A `ProcessPoolExecutor` forks on
//! Linux, so a Python process that computed something and then hands work to a process pool
//! would hang. Every computation therefore runs in a pool owned by the current process: after
//! a fork the child builds its own.

use pyo3::Python;
use rayon::ThreadPool;
use std::sync::{Arc, Mutex, PoisonError};

/// The pool of this process and the process id it was built in.
static POOL: Mutex<Option<(u32, Arc<ThreadPool>)>> = Mutex::new(None);

/// The current process's pool (rayon's default size: `RAYON_NUM_THREADS` or the core count),
/// or None if the system refuses new threads (then rayon's global pool is used).
fn pool() -> Option<Arc<ThreadPool>> {
    let pid = std::process::id();
    let mut slot = POOL.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((owner, pool)) = slot.as_ref() {
        if *owner == pid {
            return Some(Arc::clone(pool));
        }
    }
    // A pool inherited through fork has no threads to stop: dropping it would wait on them,
    // so it is forgotten instead.
    if let Some((_, inherited)) = slot.take() {
        std::mem::forget(inherited);
    }
    let pool = Arc::new(rayon::ThreadPoolBuilder::new().build().ok()?);
    *slot = Some((pid, Arc::clone(&pool)));
    Some(pool)
}

/// Runs `f` without the GIL on this process's threads.
pub trait Compute {
    /// `Python::detach`, with rayon's parallel calls inside `f` on this process's pool.
    fn compute<T: Send, F: FnOnce() -> T + Send>(self, f: F) -> T;
}

impl Compute for Python<'_> {
    fn compute<T: Send, F: FnOnce() -> T + Send>(self, f: F) -> T {
        self.detach(|| match pool() {
            Some(pool) => pool.install(f),
            None => f(),
        })
    }
}
