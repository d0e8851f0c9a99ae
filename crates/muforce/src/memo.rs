//! Results kept for reuse within a process: pure functions of their inputs that scans and
//! figure sets ask for again and again (energy-loss tables, beam-dump yields).

use crate::error::Result;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Values by key, at most `capacity` of them (all are dropped when it is full: the callers
/// ask for the same few many times, so a finer policy buys nothing). Keys must describe the
/// inputs exactly; `format!("{:?}")` does, since Debug prints every f64 so that it reads
/// back to the same bits.
pub(crate) struct Memo<T> {
    values: OnceLock<Mutex<HashMap<String, T>>>,
    capacity: usize,
}

impl<T: Clone> Memo<T> {
    pub(crate) const fn new(capacity: usize) -> Self {
        Memo {
            values: OnceLock::new(),
            capacity,
        }
    }

    /// The value kept under `key`, or `build()`'s, kept when it succeeds. Two threads asking
    /// for the same new key may both build it; they get equal values.
    pub(crate) fn get_or_build(&self, key: String, build: impl FnOnce() -> Result<T>) -> Result<T> {
        let values = self.values.get_or_init(Mutex::default);
        if let Some(value) = values.lock().ok().and_then(|v| v.get(&key).cloned()) {
            return Ok(value);
        }
        let value = build()?;
        if let Ok(mut kept) = values.lock() {
            if kept.len() >= self.capacity {
                kept.clear();
            }
            kept.insert(key, value.clone());
        }
        Ok(value)
    }
}
