//! Design scans: `--vary KEY=VALUES` overrides applied to an experiment file's TOML value tree
//! before validation, so every design is checked exactly as an edited file would be.
//!
//! Keys are dotted paths to numeric fields (`beam.energy_gev`, `production.e_out_max_gev`).
//! An array of tables is addressed by an element's `name` (`scenario.MOT=1e11.muons`, or
//! `scenario[MOT=1e11].muons` when the name holds a dot) or by its 0-based index
//! (`scenario.0.muons`). Values are a list (`10,20,50`) or a range `LO:HI:Nlin` / `LO:HI:Nlog`
//! (N points, both ends included).

use crate::error::show;
use crate::{Error, Result};

/// One segment of a key: a table key, a `name` selector or an index into an array of tables.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Plain(String),
    Bracketed(String),
}

/// A parsed `--vary KEY=VALUES`.
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    /// The key as written.
    pub key: String,
    /// The values in the order they were given (ranges ascending).
    pub values: Vec<f64>,
}

impl Vary {
    /// Parses `KEY=VALUES`.
    pub fn parse(spec: &str) -> Result<Self> {
        // A name selector may itself hold '=' (`scenario.MOT=1e11.muons=1e10,1e11`): the values
        // are after the last '='.
        let (key, values) = spec.rsplit_once('=').ok_or_else(|| {
            Error::out_of_range("--vary", spec, "KEY=VALUES, e.g. beam.energy_gev=10,20,50")
        })?;
        let key = key.trim();
        if key.is_empty() {
            return Err(Error::out_of_range("--vary", spec, "a non-empty KEY"));
        }
        parse_key(key)?;
        Ok(Vary {
            key: key.to_string(),
            values: parse_values(key, values)?,
        })
    }
}

/// The most points of one range.
pub const MAX_POINTS: usize = 100_000;

/// Parses VALUES: `a,b,c` or `LO:HI:Nlin` / `LO:HI:Nlog`.
pub fn parse_values(key: &str, text: &str) -> Result<Vec<f64>> {
    let text = text.trim();
    let field = format!("--vary {key}");
    let number = |s: &str| -> Result<f64> {
        let v: f64 = s
            .trim()
            .parse()
            .map_err(|_| Error::out_of_range(&field, s.trim(), "a number"))?;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(Error::out_of_range(&field, s.trim(), "a finite number"))
        }
    };
    if text.is_empty() {
        return Err(Error::out_of_range(
            &field,
            "''",
            "a list a,b,c or a range LO:HI:Nlin / LO:HI:Nlog",
        ));
    }
    if !text.contains(':') {
        return text.split(',').map(number).collect();
    }
    let parts: Vec<&str> = text.split(':').collect();
    let [lo, hi, count] = parts[..] else {
        return Err(Error::out_of_range(
            &field,
            text,
            "a range LO:HI:Nlin or LO:HI:Nlog",
        ));
    };
    let (lo, hi) = (number(lo)?, number(hi)?);
    let count = count.trim();
    let (n, log) = if let Some(n) = count.strip_suffix("log") {
        (n, true)
    } else if let Some(n) = count.strip_suffix("lin") {
        (n, false)
    } else {
        return Err(Error::out_of_range(
            &field,
            count,
            "a point count ending in lin or log, e.g. 12log",
        ));
    };
    let n: usize = n
        .parse()
        .ok()
        .filter(|&n| (1..=MAX_POINTS).contains(&n))
        .ok_or_else(|| {
            Error::out_of_range(
                &field,
                count,
                format!("1 to {MAX_POINTS} points, e.g. 12log"),
            )
        })?;
    if hi < lo {
        return Err(Error::out_of_range(
            &field,
            text,
            format!(
                "LO <= HI (an empty range; LO = {}, HI = {})",
                show(lo),
                show(hi)
            ),
        ));
    }
    if n == 1 && hi > lo {
        return Err(Error::out_of_range(
            &field,
            text,
            "2 or more points when LO < HI (1 point only when LO = HI)",
        ));
    }
    if log && lo <= 0.0 {
        return Err(Error::out_of_range(&field, text, "LO > 0 for a log range"));
    }
    #[allow(clippy::cast_precision_loss)]
    let points = (0..n)
        .map(|i| {
            // Both ends exactly as written (exp(ln lo) need not equal lo).
            if i == 0 {
                return lo;
            }
            let t = i as f64 / (n - 1) as f64;
            if i == n - 1 {
                return hi;
            }
            let x = if log {
                (lo.ln() + t * (hi.ln() - lo.ln())).exp()
            } else {
                lo + t * (hi - lo)
            };
            // Twelve significant digits: 1e11, not the 100000000000.00015 of exp(ln …), in
            // the tables and the edited files.
            format!("{x:.11e}").parse().unwrap_or(x)
        })
        .collect();
    Ok(points)
}

fn parse_key(key: &str) -> Result<Vec<Segment>> {
    let mut segments = Vec::new();
    let mut rest = key;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let end = inner
                .find(']')
                .ok_or_else(|| Error::out_of_range("--vary", key, "a closing ']'"))?;
            segments.push(Segment::Bracketed(inner[..end].to_string()));
            rest = &inner[end + 1..];
            rest = rest.strip_prefix('.').unwrap_or(rest);
            continue;
        }
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let word = &rest[..end];
        if word.is_empty() {
            return Err(Error::out_of_range(
                "--vary",
                key,
                "dotted keys without empty parts, e.g. beam.energy_gev",
            ));
        }
        segments.push(Segment::Plain(word.to_string()));
        rest = &rest[end..];
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    Ok(segments)
}

/// Every numeric field of a TOML tree in the key form `--vary` accepts, sorted.
pub fn numeric_fields(root: &toml::Value) -> Vec<String> {
    fn walk(prefix: &str, value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::Integer(_) | toml::Value::Float(_) => out.push(prefix.to_string()),
            toml::Value::Table(table) => {
                for (k, v) in table {
                    let path = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&path, v, out);
                }
            }
            toml::Value::Array(items) if items.iter().all(toml::Value::is_table) => {
                for (i, item) in items.iter().enumerate() {
                    let label = match item.get("name").and_then(toml::Value::as_str) {
                        Some(name) if name.contains('.') || name.contains('[') => {
                            format!("{prefix}[{name}]")
                        }
                        Some(name) => format!("{prefix}.{name}"),
                        None => format!("{prefix}.{i}"),
                    };
                    walk(&label, item, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", root, &mut out);
    out.sort();
    out
}

/// Sets the numeric field `key` of `root` to `value`; the field must exist and be numeric
/// (otherwise the error lists the numeric fields). An integer field stays an integer when
/// `value` is integral.
pub fn apply(root: &mut toml::Value, key: &str, value: f64) -> Result<()> {
    // The route is found on a shared borrow (so a miss can list the fields), then followed.
    let route = route(root, key)?;
    let mut node: &mut toml::Value = root;
    for step in &route {
        node = match step {
            Step::Key(k) => node.get_mut(k.as_str()),
            Step::Index(i) => node.get_mut(*i),
        }
        .expect("route checked above");
    }
    // |value| < 9e15 is exactly representable as i64, so the cast is exact.
    let integral = value.fract() == 0.0 && value.abs() < 9.0e15;
    #[allow(clippy::cast_possible_truncation)]
    let as_integer = value as i64;
    *node = match node {
        toml::Value::Integer(_) if integral => toml::Value::Integer(as_integer),
        _ => toml::Value::Float(value),
    };
    Ok(())
}

#[derive(PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The steps from `root` to the numeric field `key` (an unknown key lists the fields).
fn route(root: &toml::Value, key: &str) -> Result<Vec<Step>> {
    let unknown = || Error::unknown("numeric field", key, &numeric_fields(root));
    let mut route: Vec<Step> = Vec::new();
    let mut at: &toml::Value = root;
    for segment in &parse_key(key)? {
        let (step, next) = step(at, segment).ok_or_else(unknown)?;
        route.push(step);
        at = next;
    }
    if !matches!(at, toml::Value::Integer(_) | toml::Value::Float(_)) {
        return Err(unknown());
    }
    Ok(route)
}

/// Whether the keys `a` and `b` name the same numeric field of `root` (`scenario.0.muons`
/// and `scenario.MOT=1e11.muons` may); an unknown key is an error listing the fields.
pub fn same_field(root: &toml::Value, a: &str, b: &str) -> Result<bool> {
    Ok(route(root, a)? == route(root, b)?)
}

fn step<'a>(at: &'a toml::Value, segment: &Segment) -> Option<(Step, &'a toml::Value)> {
    let (Segment::Plain(word) | Segment::Bracketed(word)) = segment;
    match at {
        toml::Value::Table(table) => table
            .get(word.as_str())
            .map(|v| (Step::Key(word.clone()), v)),
        toml::Value::Array(items) => {
            let by_name = items
                .iter()
                .position(|item| item.get("name").and_then(toml::Value::as_str) == Some(word));
            let index = by_name.or_else(|| match segment {
                Segment::Plain(w) => w.parse::<usize>().ok().filter(|&i| i < items.len()),
                Segment::Bracketed(_) => None,
            })?;
            Some((Step::Index(index), &items[index]))
        }
        _ => None,
    }
}

/// The experiment text with each `(key, value)` applied, re-serialized for the ordinary
/// parser (so the design is validated, and fails, exactly as an edited file would).
pub fn edited_text(source_name: &str, text: &str, overrides: &[(&str, f64)]) -> Result<String> {
    let mut root: toml::Value = toml::from_str(text).map_err(|e| Error::Parse {
        source_name: source_name.to_string(),
        message: e.to_string(),
    })?;
    for &(key, value) in overrides {
        apply(&mut root, key, value)?;
    }
    toml::to_string(&root).map_err(|e| Error::Parse {
        source_name: source_name.to_string(),
        message: e.to_string(),
    })
}

/// Every combination of the varied values, the first key varying slowest.
pub fn designs(varies: &[Vary]) -> Vec<Vec<f64>> {
    varies.iter().fold(vec![Vec::new()], |acc, vary| {
        acc.iter()
            .flat_map(|prefix| {
                vary.values.iter().map(move |&v| {
                    let mut d = prefix.clone();
                    d.push(v);
                    d
                })
            })
            .collect()
    })
}

/// A `--shard I/N`: the I-th (1-based) of N contiguous, near-equal parts of the design list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    /// 1-based part number.
    pub index: usize,
    /// Number of parts.
    pub count: usize,
}

impl Shard {
    /// Parses `I/N` with 1 ≤ I ≤ N.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || Error::out_of_range("--shard", text, "I/N with 1 <= I <= N, e.g. 3/10");
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let index: usize = i.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// The whole study: part 1 of 1.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// The design indices `start..end` of this part among `total` designs.
    pub fn range(self, total: usize) -> std::ops::Range<usize> {
        (self.index - 1) * total / self.count..self.index * total / self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[beam]\nenergy_gev = 160.0\n[target]\nlength_cm = 20\nmaterial = \"Pb\"\n\
        [[scenario]]\nname = \"MOT=1e11\"\nmuons = 1e11\n[[scenario]]\nname = \"a.b\"\nmuons = 1e13\n";

    fn tree() -> toml::Value {
        toml::from_str(TEXT).unwrap()
    }

    #[test]
    fn lists_and_ranges() {
        assert_eq!(
            parse_values("k", "10,20,50").unwrap(),
            vec![10.0, 20.0, 50.0]
        );
        assert_eq!(
            parse_values("k", "0.1:0.9:5lin").unwrap(),
            vec![0.1, 0.3, 0.5, 0.7, 0.9]
        );
        // 10..1000 in 3 log points: the middle is the geometric mean, 100.
        let log = parse_values("k", "10:1000:3log").unwrap();
        assert_eq!(log[0], 10.0);
        assert_eq!(log[1], 100.0);
        assert_eq!(log[2], 1000.0);
        for bad in [
            "",
            "5:1:3lin",
            "0:1:3log",
            "1:2:0lin",
            "1:2:100001lin",
            "1:2:99999999999999999999lin",
            "1:2:3",
            "1:2:1lin",
            "a,b",
            "1:2",
        ] {
            assert!(parse_values("k", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_reach_tables_and_named_array_elements() {
        let mut t = tree();
        apply(&mut t, "beam.energy_gev", 100.0).unwrap();
        apply(&mut t, "target.length_cm", 40.0).unwrap();
        apply(&mut t, "scenario.MOT=1e11.muons", 5e10).unwrap();
        apply(&mut t, "scenario[a.b].muons", 7e12).unwrap();
        apply(&mut t, "scenario.1.muons", 8e12).unwrap();
        assert!(same_field(&t, "scenario.1.muons", "scenario[a.b].muons").unwrap());
        assert!(!same_field(&t, "scenario.0.muons", "scenario[a.b].muons").unwrap());
        assert_eq!(t["beam"]["energy_gev"].as_float(), Some(100.0));
        assert_eq!(t["target"]["length_cm"].as_integer(), Some(40));
        assert_eq!(t["scenario"][0]["muons"].as_float(), Some(5e10));
        assert_eq!(t["scenario"][1]["muons"].as_float(), Some(8e12));
    }

    #[test]
    fn unknown_keys_list_the_numeric_fields() {
        let mut t = tree();
        let err = apply(&mut t, "beam.energy", 1.0).unwrap_err().to_string();
        assert!(err.contains("beam.energy_gev"), "{err}");
        assert!(err.contains("scenario[a.b].muons"), "{err}");
        assert!(err.contains("scenario.MOT=1e11.muons"), "{err}");
        // A string field is not numeric.
        assert!(apply(&mut t, "target.material", 1.0).is_err());
        assert!(apply(&mut t, "scenario.7.muons", 1.0).is_err());
    }

    const NA64MU: &str = include_str!("../../../../experiments/na64mu.toml");

    fn parse(text: &str) -> Result<crate::experiment::Description> {
        crate::experiment::Description::from_toml("na64mu.toml", text, &|p| {
            Err(Error::out_of_range("spectrum", p, "none in this test"))
        })
    }

    #[test]
    fn edited_design_equals_the_hand_edited_file() {
        // The same change made by hand in the text and by `--vary` gives the same experiment.
        let by_hand = NA64MU.replace("e_out_max_gev = 80.0", "e_out_max_gev = 60.0");
        assert_ne!(by_hand, NA64MU);
        let varied =
            edited_text("na64mu.toml", NA64MU, &[("production.e_out_max_gev", 60.0)]).unwrap();
        assert_eq!(parse(&varied).unwrap(), parse(&by_hand).unwrap());
    }

    #[test]
    fn edited_design_fails_as_the_file_would() {
        let by_hand = NA64MU.replace("energy_gev = 160.0", "energy_gev = -5.0");
        let varied = edited_text("na64mu.toml", NA64MU, &[("beam.energy_gev", -5.0)]).unwrap();
        let (a, b) = (parse(&by_hand).unwrap_err(), parse(&varied).unwrap_err());
        // Same field and reason; only the line/column of the re-serialized text may differ.
        let strip = |e: &Error| {
            let s = e.to_string();
            s.rsplit_once(": ").map(|(_, m)| m.to_string()).unwrap_or(s)
        };
        assert_eq!(strip(&a), strip(&b), "{a} vs {b}");
    }

    #[test]
    fn vary_spec_with_equals_in_a_name() {
        let v = Vary::parse("scenario.MOT=1e11.muons=1e10,1e11").unwrap();
        assert_eq!(v.key, "scenario.MOT=1e11.muons");
        assert_eq!(v.values, vec![1e10, 1e11]);
    }

    #[test]
    fn designs_and_shards_partition() {
        let a = Vary::parse("x=1,2").unwrap();
        let b = Vary::parse("y=10,20,30").unwrap();
        let all = designs(&[a, b]);
        assert_eq!(all.len(), 6);
        assert_eq!(all[0], vec![1.0, 10.0]);
        assert_eq!(all[5], vec![2.0, 30.0]);
        // Shards of 7 designs in 3 parts cover 0..7 without overlap.
        let ranges: Vec<_> = (1..=3)
            .map(|i| Shard { index: i, count: 3 }.range(7))
            .collect();
        assert_eq!(ranges, vec![0..2, 2..4, 4..7]);
        for bad in ["0/3", "4/3", "1/0", "x", "1/"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Shard::parse("2/5").unwrap(), Shard { index: 2, count: 5 });
    }
}
