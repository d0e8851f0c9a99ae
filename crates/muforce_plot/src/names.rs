//! Model names as a figure title writes them: the gauged L_μ − L_τ with its subscripts and
//! minus sign; the other presets keep their names.

/// The title form of a model name (`lmu-ltau` → "L_{μ} − L_{τ}", marked for
/// [`super::rich_text`]); other names unchanged.
pub(crate) fn model_title(model: &str) -> String {
    if model.eq_ignore_ascii_case("lmu-ltau") {
        "L_{μ} − L_{τ}".to_string()
    } else {
        model.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lmu_ltau_is_written_out() {
        assert_eq!(super::model_title("lmu-ltau"), "L_{μ} − L_{τ}");
        assert_eq!(super::model_title("muon-scalar"), "muon-scalar");
    }
}
