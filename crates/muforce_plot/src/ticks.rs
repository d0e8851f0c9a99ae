//! Tick labels as the field prints them: decades of a log axis as powers of ten with
//! superscript exponents, every decade the same way (10⁻², 10⁻¹, 10⁰, 10¹, as matplotlib's
//! default log formatter and hence the Python layer write them), the ticks between decades
//! unlabelled; numbers on a linear axis with a true minus sign (U+2212).

/// Superscript digits 0–9.
const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// `n` in superscript digits, with a superscript minus (⁻) when negative.
pub(crate) fn superscript(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(3 * (digits.len() + 1));
    if n < 0 {
        out.push('⁻');
    }
    for d in digits.bytes() {
        out.push(SUPERSCRIPT[usize::from(d - b'0')]);
    }
    out
}

/// The label of a tick on a log axis: "10ⁿ" at a decade, nothing elsewhere (a minor tick).
pub(crate) fn decade_label(v: f64) -> String {
    if !(v.is_finite() && v > 0.0) {
        return String::new();
    }
    let n = v.log10().round();
    // Decades the axis reaches are within a few ulps of 10ⁿ; 2 × 10ⁿ is far from it.
    if (v.log10() - n).abs() < 1e-6 {
        format!("10{}", superscript(n as i64))
    } else {
        String::new()
    }
}

/// The label of a tick at `v` on a log axis over `range`: [`decade_label`] when the axis holds
/// two decades or more; on a shorter axis, where plotters puts its ticks at 1, 2, …, 9 times
/// the one decade inside, the ticks at 1, 2 and 5 times it are labelled ("2 × 10⁻¹"), as
/// matplotlib does on short log axes, and the others left bare so that labels do not collide.
pub(crate) fn log_tick_label(v: f64, (lo, hi): (f64, f64)) -> String {
    let decades = hi.log10().floor() - lo.log10().ceil();
    if decades >= 1.0 || !(v.is_finite() && v > 0.0) {
        return decade_label(v);
    }
    let mantissa = v / 10f64.powf(v.log10().floor());
    if [1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-6) {
        scientific(v)
    } else {
        String::new()
    }
}

/// A positive number as a label: "10⁻³" for a power of ten, "3 × 10⁻⁴" otherwise (one
/// significant digit beyond the first when needed: "2.5 × 10¹³"); other numbers as written.
pub(crate) fn scientific(v: f64) -> String {
    if !(v.is_finite() && v > 0.0) {
        return linear_label(v);
    }
    let decade = decade_label(v);
    if !decade.is_empty() {
        return decade;
    }
    let text = format!("{v:.1e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    let exponent: i64 = exponent.parse().unwrap_or(0);
    match mantissa {
        "1" => return format!("10{}", superscript(exponent)),
        "10" => return format!("10{}", superscript(exponent + 1)),
        _ => {}
    }
    format!("{mantissa} × 10{}", superscript(exponent))
}

/// The label of a tick on a linear axis: at most three decimals, trailing zeros dropped, and
/// U+2212 for the minus sign ("−0.4", "0", "1.05").
pub(crate) fn linear_label(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let text = format!("{v:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_string(),
        t => t.replace('-', "\u{2212}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decades_are_powers_of_ten_with_superscripts() {
        assert_eq!(decade_label(1e-3), "10⁻³");
        assert_eq!(decade_label(100.0), "10²");
        assert_eq!(decade_label(1.0), "10⁰");
        assert_eq!(decade_label(10.0), "10¹");
        assert_eq!(decade_label(1e-12), "10⁻¹²");
        // The lower end of an axis built a hair below a decade still reads as the decade.
        assert_eq!(decade_label(1e-6 * (1.0 - 1e-9)), "10⁻⁶");
        for minor in [2e-3, 5.0, 0.3, 0.0, -10.0, f64::NAN, f64::INFINITY] {
            assert_eq!(decade_label(minor), "", "{minor}");
        }
    }

    #[test]
    fn short_log_axes_label_one_two_five() {
        assert_eq!(log_tick_label(0.2, (1e-3, 1.0)), "");
        assert_eq!(log_tick_label(0.1, (1e-3, 1.0)), "10⁻¹");
        assert_eq!(log_tick_label(0.1, (0.02, 0.5)), "10⁻¹");
        assert_eq!(log_tick_label(0.2, (0.02, 0.5)), "2 × 10⁻¹");
        assert_eq!(log_tick_label(0.5, (0.02, 0.5)), "5 × 10⁻¹");
        assert_eq!(log_tick_label(0.4, (0.02, 0.5)), "");
        assert_eq!(log_tick_label(f64::NAN, (0.02, 0.5)), "");
    }

    #[test]
    fn numbers_in_labels_are_powers_of_ten() {
        assert_eq!(scientific(1e13), "10¹³");
        assert_eq!(scientific(3e-4), "3 × 10⁻⁴");
        assert_eq!(scientific(2.5e13), "2.5 × 10¹³");
        assert_eq!(scientific(9.99e-4), "10⁻³");
        assert_eq!(scientific(-2.0), "\u{2212}2");
    }

    #[test]
    fn linear_labels_use_the_minus_sign() {
        assert_eq!(linear_label(-0.4), "\u{2212}0.4");
        assert_eq!(linear_label(-0.0), "0");
        assert_eq!(linear_label(1.05), "1.05");
        assert_eq!(linear_label(150.0), "150");
        assert_eq!(linear_label(2.5e-4), "0");
        assert_eq!(linear_label(f64::NAN), "");
    }
}
