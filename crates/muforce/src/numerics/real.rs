//! Real numbers one at a time or several at once: the innermost integrand of the exact
//! cross section is written once, generic over [`Real`], and runs on `f64` where one value
//! is needed and on the lanes of [`Wide`] (eight) or [`Narrow`] (four) where a rule's nodes
//! are evaluated together (eight lanes are one AVX-512 register, or two AVX or four SSE2
//! ones where the CPU has less; eight lanes were 15–20 % faster than four on AVX-512).
//!
//! The lanes are plain arrays whose operations are loops over the lanes: the compiler turns
//! them into the vector instructions of whatever instruction set the calling code is
//! compiled for, so the clones of `simd_path` get AVX-512 or AVX2 code from one source. (A
//! SIMD crate that picks its intrinsics when the library is compiled would leave those
//! clones with the portable build's SSE2.)

// Always inlined: the lane loops must be compiled inside each instruction-set clone.
#![allow(clippy::inline_always)]

use std::ops::{Add, Div, Mul, Neg, Sub};

use super::lane_exp::exp as lane_exp;

/// `N` f64 lanes, operated on lane by lane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Lanes<const N: usize>(pub [f64; N]);

/// Eight f64 lanes: the groups the integrand is evaluated in.
pub(crate) type Wide = Lanes<8>;
pub(crate) const WIDE: usize = 8;
/// Four f64 lanes, for the last group where at most four nodes are left.
pub(crate) type Narrow = Lanes<4>;
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
    /// e^x in every lane (within 2 ulp of libm; see `lane_exp`).
    fn exp(self) -> Self;
}

impl<const N: usize> Lanes<N> {
    /// `f` applied to each lane.
    #[inline(always)]
    fn map(self, f: impl Fn(f64) -> f64) -> Self {
        let mut out = self.0;
        for value in &mut out {
            *value = f(*value);
        }
        Self(out)
    }

    /// `f` applied to each pair of lanes.
    #[inline(always)]
    fn zip(self, other: Self, f: impl Fn(f64, f64) -> f64) -> Self {
        let mut out = self.0;
        for (value, &b) in out.iter_mut().zip(&other.0) {
            *value = f(*value, b);
        }
        Self(out)
    }

    /// Whether `f` holds in every pair of lanes (no early exit, so the loop vectorises).
    #[inline(always)]
    fn every(self, other: Self, f: impl Fn(f64, f64) -> bool) -> bool {
        let mut all = true;
        for (&a, &b) in self.0.iter().zip(&other.0) {
            all &= f(a, b);
        }
        all
    }
}

/// The arithmetic operators lane by lane, with another `Lanes` or with one `f64`.
macro_rules! lane_operator {
    ($trait:ident, $method:ident, $op:tt) => {
        impl<const N: usize> $trait for Lanes<N> {
            type Output = Self;
            #[inline(always)]
            fn $method(self, other: Self) -> Self {
                self.zip(other, |a, b| a $op b)
            }
        }
        impl<const N: usize> $trait<f64> for Lanes<N> {
            type Output = Self;
            #[inline(always)]
            fn $method(self, other: f64) -> Self {
                self.map(|a| a $op other)
            }
        }
    };
}

lane_operator!(Add, add, +);
lane_operator!(Sub, sub, -);
lane_operator!(Mul, mul, *);
lane_operator!(Div, div, /);

impl<const N: usize> Neg for Lanes<N> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        self.map(|a| -a)
    }
}

// The comparisons are written as selects (not `f64::min`, whose NaN rule costs extra
// instructions) so that each becomes one vector compare and blend.
impl<const N: usize> Real for Lanes<N> {
    #[inline(always)]
    fn splat(value: f64) -> Self {
        Self([value; N])
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        self.map(f64::sqrt)
    }
    #[inline(always)]
    fn abs(self) -> Self {
        self.map(f64::abs)
    }
    #[inline(always)]
    fn min(self, other: Self) -> Self {
        self.zip(other, |a, b| if a < b { a } else { b })
    }
    #[inline(always)]
    fn max(self, other: Self) -> Self {
        self.zip(other, |a, b| if a > b { a } else { b })
    }
    #[inline(always)]
    fn recip(self) -> Self {
        self.map(|a| 1.0 / a)
    }
    #[inline(always)]
    fn signum(self) -> Self {
        self.map(|a| if a < 0.0 { -1.0 } else { 1.0 })
    }
    #[inline(always)]
    fn select_le(self, other: Self, if_le: Self, otherwise: Self) -> Self {
        let mut out = otherwise.0;
        for (((value, &a), &b), &chosen) in out.iter_mut().zip(&self.0).zip(&other.0).zip(&if_le.0)
        {
            if a <= b {
                *value = chosen;
            }
        }
        Self(out)
    }
    #[inline(always)]
    fn all_gt(self, other: Self) -> bool {
        self.every(other, |a, b| a > b)
    }
    #[inline(always)]
    fn all_le(self, other: Self) -> bool {
        self.every(other, |a, b| a <= b)
    }
}

impl<const N: usize> Simd<N> for Lanes<N> {
    #[inline(always)]
    fn load(values: [f64; N]) -> Self {
        Self(values)
    }
    #[inline(always)]
    fn store(self) -> [f64; N] {
        self.0
    }
    #[inline(always)]
    fn exp(self) -> Self {
        self.map(lane_exp)
    }
}
