//! Real numbers one at a time or several at once: the innermost integrand of the exact
//! cross section is written once, generic over [`Real`], and runs on `f64` where one value
//! is needed and on the lanes of [`Wide`] (eight) or [`Narrow`] (four) where a rule's nodes
//! are evaluated together (SIMD through the `wide` crate: eight lanes are one AVX-512
//! register, or two AVX or four SSE2 ones where the CPU has less; eight lanes were 15–20 %
//! faster than four on AVX-512).

use std::ops::{Add, Div, Mul, Neg, Sub};

/// Eight f64 lanes: the groups the integrand is evaluated in.
pub(crate) use wide::f64x8 as Wide;
pub(crate) const WIDE: usize = 8;
/// Four f64 lanes, for the last group where at most four nodes are left.
pub(crate) use wide::f64x4 as Narrow;
pub(crate) const NARROW: usize = 4;

/// The arithmetic the generic formulas need. Every operation acts lane by lane.
pub(crate) trait Real:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + Add<f64, Output = Self>
    + Sub<f64, Output = Self>
    + Mul<f64, Output = Self>
    + Div<f64, Output = Self>
{
    /// Every lane equal to `value`.
    fn splat(value: f64) -> Self;
    fn sqrt(self) -> Self;
    fn abs(self) -> Self;
    fn min(self, other: Self) -> Self;
    fn max(self, other: Self) -> Self;
    /// 1/x, exact (not an approximate reciprocal).
    fn recip(self) -> Self;
    /// −1 where the lane is negative, +1 elsewhere.
    fn signum(self) -> Self;
    /// `if_le` in the lanes where `self` ≤ `other`, `otherwise` in the rest.
    fn select_le(self, other: Self, if_le: Self, otherwise: Self) -> Self;
    /// Whether `self` > `other` in every lane (false where a lane is NaN).
    fn all_gt(self, other: Self) -> bool;
    /// Whether `self` ≤ `other` in every lane (false where a lane is NaN).
    fn all_le(self, other: Self) -> bool;
}

impl Real for f64 {
    #[inline]
    fn splat(value: f64) -> Self {
        value
    }
    #[inline]
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
    #[inline]
    fn abs(self) -> Self {
        f64::abs(self)
    }
    #[inline]
    fn min(self, other: Self) -> Self {
        f64::min(self, other)
    }
    #[inline]
    fn max(self, other: Self) -> Self {
        f64::max(self, other)
    }
    #[inline]
    fn recip(self) -> Self {
        1.0 / self
    }
    #[inline]
    fn signum(self) -> Self {
        if self < 0.0 {
            -1.0
        } else {
            1.0
        }
    }
    #[inline]
    fn select_le(self, other: Self, if_le: Self, otherwise: Self) -> Self {
        if self <= other {
            if_le
        } else {
            otherwise
        }
    }
    #[inline]
    fn all_gt(self, other: Self) -> bool {
        self > other
    }
    #[inline]
    fn all_le(self, other: Self) -> bool {
        self <= other
    }
}

/// A SIMD vector of `N` f64 lanes.
pub(crate) trait Simd<const N: usize>: Real {
    fn load(values: [f64; N]) -> Self;
    fn store(self) -> [f64; N];
    fn exp(self) -> Self;
}

/// [`Real`] and [`Simd`] for one of `wide`'s f64 vectors.
macro_rules! simd_real {
    ($simd:ty, $lanes:expr) => {
        impl Real for $simd {
            #[inline]
            fn splat(value: f64) -> Self {
                <$simd>::splat(value)
            }
            #[inline]
            fn sqrt(self) -> Self {
                <$simd>::sqrt(self)
            }
            #[inline]
            fn abs(self) -> Self {
                <$simd>::abs(self)
            }
            #[inline]
            fn min(self, other: Self) -> Self {
                <$simd>::min(self, other)
            }
            #[inline]
            fn max(self, other: Self) -> Self {
                <$simd>::max(self, other)
            }
            #[inline]
            fn recip(self) -> Self {
                <$simd>::splat(1.0) / self
            }
            #[inline]
            fn signum(self) -> Self {
                self.simd_lt(0.0)
                    .select(<$simd>::splat(-1.0), <$simd>::splat(1.0))
            }
            #[inline]
            fn select_le(self, other: Self, if_le: Self, otherwise: Self) -> Self {
                self.simd_le(other).select(if_le, otherwise)
            }
            #[inline]
            fn all_gt(self, other: Self) -> bool {
                self.simd_gt(other).all()
            }
            #[inline]
            fn all_le(self, other: Self) -> bool {
                self.simd_le(other).all()
            }
        }

        impl Simd<{ $lanes }> for $simd {
            #[inline]
            fn load(values: [f64; $lanes]) -> Self {
                <$simd>::from(values)
            }
            #[inline]
            fn store(self) -> [f64; $lanes] {
                self.to_array()
            }
            #[inline]
            fn exp(self) -> Self {
                <$simd>::exp(self)
            }
        }
    };
}

simd_real!(Wide, WIDE);
simd_real!(Narrow, NARROW);
