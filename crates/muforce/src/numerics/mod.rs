//! Numerical building blocks: adaptive quadrature with error estimates and fixed
//! Gauss–Legendre rules.
//!
//! Written in-house because the hot paths need allocation-free, deterministic rules that
//! report an error estimate and fail loudly when they miss their tolerance, and that take
//! fallible integrands (nested integrals propagate errors); the quadrature crates on
//! crates.io offer either fixed rules without estimates or infallible closures only.

mod gauss_kronrod;
mod gauss_legendre;
mod lane_exp;
mod real;
mod roots;
mod simd_path;

pub use gauss_kronrod::{integrate, try_integrate, Integral, Tolerance};
pub(crate) use gauss_kronrod::{
    WG as GAUSS_7_WEIGHTS, WGK as KRONROD_15_WEIGHTS, XGK as KRONROD_15_NODES,
};
pub use gauss_legendre::GaussLegendre;
pub(crate) use real::{Narrow, Real, Simd, Wide, NARROW, WIDE};
pub use roots::brent;
pub(crate) use simd_path::run as run_on_simd_path;
pub use simd_path::SimdPath;
