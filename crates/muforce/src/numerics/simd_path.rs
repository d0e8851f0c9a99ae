//! Run-time choice of the instruction set for the hot integrand.
//!
//! The default build is portable (baseline x86-64: SSE2). The exact cross section's
//! product rule runs its innermost loop through [`run`], which calls it from a clone
//! compiled with AVX-512 or AVX2+FMA when the CPU has them (checked once, at run time).
//! `MUFORCE_SIMD=baseline|avx2|avx512` forces a path (for comparisons in tests and
//! benchmarks); a path the CPU lacks, or an unknown name, falls back to the best path
//! available, with a warning on stderr. Other architectures always take the baseline.
#![allow(unsafe_code)]

use std::sync::OnceLock;

/// An instruction-set path of the hot integrand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimdPath {
    /// The build's own target features (portable).
    Baseline,
    /// x86-64 AVX2 with FMA.
    Avx2,
    /// x86-64 AVX-512 (F), with AVX2 and FMA.
    Avx512,
}

impl SimdPath {
    /// All paths, slowest first.
    pub const ALL: [Self; 3] = [Self::Baseline, Self::Avx2, Self::Avx512];

    /// The name `MUFORCE_SIMD` takes.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Baseline => "baseline",
            Self::Avx2 => "avx2",
            Self::Avx512 => "avx512",
        }
    }

    /// Whether this CPU can run the path.
    #[must_use]
    pub fn is_available(self) -> bool {
        match self {
            Self::Baseline => true,
            #[cfg(target_arch = "x86_64")]
            Self::Avx2 => {
                std::arch::is_x86_feature_detected!("avx2")
                    && std::arch::is_x86_feature_detected!("fma")
            }
            #[cfg(target_arch = "x86_64")]
            Self::Avx512 => {
                Self::Avx2.is_available() && std::arch::is_x86_feature_detected!("avx512f")
            }
            #[cfg(not(target_arch = "x86_64"))]
            Self::Avx2 | Self::Avx512 => false,
        }
    }

    /// The fastest path this CPU can run.
    #[must_use]
    pub fn best() -> Self {
        Self::ALL
            .into_iter()
            .rev()
            .find(|path| path.is_available())
            .unwrap_or(Self::Baseline)
    }

    /// The path in use: `MUFORCE_SIMD` if set to an available path, else [`Self::best`].
    /// Decided once per process.
    #[must_use]
    pub fn selected() -> Self {
        static SELECTED: OnceLock<SimdPath> = OnceLock::new();
        *SELECTED.get_or_init(|| {
            let Ok(wanted) = std::env::var("MUFORCE_SIMD") else {
                return Self::best();
            };
            match Self::ALL.into_iter().find(|path| path.name() == wanted) {
                Some(path) if path.is_available() => path,
                _ => {
                    let best = Self::best();
                    eprintln!(
                        "warning: MUFORCE_SIMD={wanted} is not one of baseline|avx2|avx512 \
                         available on this CPU; using {}",
                        best.name()
                    );
                    best
                }
            }
        })
    }
}

/// Runs `body` compiled for `path` (its inlined code uses the path's instructions); a path
/// the CPU lacks runs the baseline.
#[inline]
pub(crate) fn run<R>(path: SimdPath, body: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        if path == SimdPath::Avx512 && path.is_available() {
            // SAFETY: AVX-512F, AVX2 and FMA were detected at run time just above.
            return unsafe { avx512(body) };
        }
        if path == SimdPath::Avx2 && path.is_available() {
            // SAFETY: AVX2 and FMA were detected at run time just above.
            return unsafe { avx2(body) };
        }
    }
    let _ = path;
    body()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn avx2<R>(body: impl FnOnce() -> R) -> R {
    body()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
fn avx512<R>(body: impl FnOnce() -> R) -> R {
    body()
}
