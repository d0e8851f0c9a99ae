//! The help texts name the built-in experiments from the library's registry and quote no run
//! times, which go stale.

mod common;
use common::muforce;
use muforce::experiment::builtin_names;

fn help(subcommand: &str) -> String {
    let out = muforce()
        .args([subcommand, "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("help is UTF-8")
}

#[test]
fn reach_and_figures_help_name_every_built_in_experiment() {
    let names = builtin_names();
    assert!(names.len() >= 6 && names.contains(&"na62"));
    for subcommand in ["reach", "figures"] {
        let text = help(subcommand);
        for name in &names {
            assert!(
                text.contains(name),
                "{subcommand} --help omits {name}:\n{text}"
            );
        }
    }
}

#[test]
fn help_quotes_no_run_times() {
    for subcommand in ["reach", "figures"] {
        let text = help(subcommand);
        for quote in [" s of CPU", "~3 s", "~35 s", "seconds"] {
            assert!(
                !text.contains(quote),
                "{subcommand} --help quotes {quote:?}"
            );
        }
    }
}
