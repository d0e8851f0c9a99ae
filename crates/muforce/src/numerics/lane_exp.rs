//! e^x written so that a loop over lanes vectorises: no branches, no calls, no float-to-
//! integer conversion (which SSE2 and AVX2 lack for 64-bit integers).
//!
//! The method is the classic one (Cody & Waite, "Software Manual for the Elementary
//! Functions", 1980, ch. 6; Muller, "Elementary Functions", 3rd ed., §11.3): x = n ln 2 + r
//! with n the nearest integer to x/ln 2 and |r| ≤ ln 2 / 2, ln 2 split in two parts so that
//! n ln 2 is exact; e^r from its Taylor series to r¹³ (truncation ≤ 0.347¹⁴/14! ≈ 4·10⁻¹⁸,
//! below half an ulp); 2ⁿ assembled from its exponent bits in two factors so that the whole
//! range, from the subnormals to overflow, comes out right. Accuracy: within 2 ulp of the
//! correctly rounded value for every finite x (tested against libm below).

// Always inlined: the body must be compiled inside each instruction-set clone.
#![allow(clippy::inline_always)]

/// ln 2 in two parts: the high part has its last 11 bits zero, so n · LN2_HI is exact for
/// |n| < 2¹¹ (fdlibm's split).
const LN2_HI: f64 = 6.931_471_803_691_238_164_9e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
/// 1.5 · 2⁵²: adding it to a number below 2⁵¹ in size rounds that number to the nearest
/// integer and leaves the integer in the low bits of the sum.
const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;
/// Beyond these, e^x is +∞ or rounds to 0 (e^709.79 is f64::MAX, e^−745.14 half the smallest
/// subnormal); clamping to them keeps n in the range the two-factor scale handles.
const X_MAX: f64 = 710.0;
const X_MIN: f64 = -746.0;

/// e^x for one lane (a NaN stays NaN, ±∞ give +∞ and 0).
#[inline(always)]
pub(crate) fn exp(x: f64) -> f64 {
    // A NaN passes through clamp unchanged.
    let clamped = x.clamp(X_MIN, X_MAX);
    let n = (clamped * std::f64::consts::LOG2_E + ROUND_MAGIC) - ROUND_MAGIC;
    let r = (clamped - n * LN2_HI) - n * LN2_LO;
    let half = (n * 0.5 + ROUND_MAGIC) - ROUND_MAGIC;
    taylor_exp(r) * power_of_two(half) * power_of_two(n - half)
}

/// e^r for |r| ≤ ln 2 / 2: Σ_{k ≤ 13} r^k / k!, by Horner.
#[inline(always)]
fn taylor_exp(r: f64) -> f64 {
    const INVERSE_FACTORIALS: [f64; 14] = [
        1.0,
        1.0,
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5040.0,
        1.0 / 40320.0,
        1.0 / 362_880.0,
        1.0 / 3_628_800.0,
        1.0 / 39_916_800.0,
        1.0 / 479_001_600.0,
        1.0 / 6_227_020_800.0,
    ];
    let mut sum = INVERSE_FACTORIALS[13];
    for &c in INVERSE_FACTORIALS[..13].iter().rev() {
        sum = sum * r + c;
    }
    sum
}

/// 2ⁿ for an integer-valued n with −1022 ≤ n ≤ 1023, from its exponent bits: n + ROUND_MAGIC
/// holds n in its low bits, so integer adds and a shift build the f64 (no conversion).
#[inline(always)]
fn power_of_two(n: f64) -> f64 {
    let n_bits = (n + ROUND_MAGIC)
        .to_bits()
        .wrapping_sub(ROUND_MAGIC.to_bits());
    f64::from_bits(n_bits.wrapping_add(1023) << 52)
}

#[cfg(test)]
mod tests {
    use super::exp;

    /// Distance in units in the last place between two positive finite f64.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    /// Against libm's exp (correctly rounded to within 1 ulp on glibc) over the whole range,
    /// including the subnormal results, on a dense log-spaced and a random set of points.
    #[test]
    fn within_two_ulp_of_libm() {
        let mut worst = (0, 0.0);
        let mut check = |x: f64| {
            let (ours, libm) = (exp(x), x.exp());
            let d = ulps(ours, libm);
            // Subnormal results have fewer significant bits: compare absolutely there.
            let ok = if libm < f64::MIN_POSITIVE {
                (ours - libm).abs() <= 2.0 * f64::from_bits(1)
            } else {
                d <= 2
            };
            assert!(ok, "exp({x:e}) = {ours:e}, libm {libm:e}, {d} ulp");
            if libm >= f64::MIN_POSITIVE && d > worst.0 {
                worst = (d, x);
            }
        };
        for i in 0..=200_000 {
            check(-745.0 + 1454.7 * f64::from(i) / 200_000.0);
        }
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200_000 {
            // xorshift64*: a fixed, reproducible stream of points in [−50, 50).
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let bits = state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 12;
            let u = f64::from_bits(0x3ff0_0000_0000_0000 | bits) - 1.0;
            check(-50.0 + 100.0 * u);
        }
        assert!(worst.0 <= 2, "worst {} ulp at {:e}", worst.0, worst.1);
    }

    #[test]
    fn special_values() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp(-746.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp(709.78).to_bits(), 709.78_f64.exp().to_bits());
    }
}
