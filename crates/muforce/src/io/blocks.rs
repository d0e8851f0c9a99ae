//! Event records formatted in parallel and written in order. Formatting the numbers, not the
//! disk, sets the speed of writing a large event file, and the records are independent; the
//! bytes are those of a serial loop, for any number of threads.

use rayon::prelude::*;
use std::io::Write;

/// Records formatted per block (one task each).
const BLOCK: usize = 1024;
/// Blocks formatted before they are written: bounds the memory held (about 30 MB of HepMC3).
const BLOCKS_AT_ONCE: usize = 32;

/// Writes `write_one(buffer, index, item)` for every item of `items`, in order.
pub(crate) fn write_blocks<T: Sync>(
    out: &mut impl Write,
    items: &[T],
    write_one: impl Fn(&mut Vec<u8>, usize, &T) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    // The buffers are kept from group to group: fresh ones would fault in their pages anew.
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    for (g, group) in items.chunks(BLOCK * BLOCKS_AT_ONCE).enumerate() {
        let start = g * BLOCK * BLOCKS_AT_ONCE;
        buffers.resize_with(group.len().div_ceil(BLOCK), Vec::new);
        buffers
            .par_iter_mut()
            .zip(group.par_chunks(BLOCK))
            .enumerate()
            .try_for_each(|(b, (buffer, block))| {
                buffer.clear();
                for (i, item) in block.iter().enumerate() {
                    write_one(buffer, start + b * BLOCK + i, item)?;
                }
                Ok::<(), std::io::Error>(())
            })?;
        for buffer in &buffers {
            out.write_all(buffer)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Across several groups and a last partial block, on one thread and on two, the bytes
    /// are those of the serial loop.
    #[test]
    fn blocks_are_written_in_order() {
        let items: Vec<u64> = (0..(2 * BLOCK * BLOCKS_AT_ONCE + 3 * BLOCK + 17) as u64)
            .map(|i| i * 7919 % 1000)
            .collect();
        let mut serial = Vec::new();
        for (i, v) in items.iter().enumerate() {
            writeln!(serial, "{i} {v}").unwrap();
        }
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut out = Vec::new();
            pool.install(|| {
                write_blocks(&mut out, &items, |buffer, i, v| writeln!(buffer, "{i} {v}"))
            })
            .unwrap();
            assert!(out == serial, "{threads} threads");
        }
    }
}
