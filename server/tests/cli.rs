//! The `inovasi` binary offers what the README documents, and nothing else: the demo and bench
//! tooling lives in the bench crate (`inovasi-bench`), not in what a regency installs.

use std::collections::BTreeSet;
use std::process::Command;

/// The subcommands `inovasi --help` lists (clap's "Commands:" section, without `help`).
fn listed_by_help() -> BTreeSet<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_inovasi"))
        .arg("--help")
        .output()
        .expect("the inovasi binary runs");
    assert!(out.status.success(), "inovasi --help failed: {out:?}");
    let text = String::from_utf8(out.stdout).expect("help is UTF-8");
    text.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// The subcommands in the README's "The `inovasi` command" block: each line that starts with
/// `inovasi` names one (`inovasi [serve]` names `serve`).
fn listed_by_readme() -> BTreeSet<String> {
    let readme = include_str!("../../README.md");
    let block = readme
        .split("## The `inovasi` command")
        .nth(1)
        .and_then(|rest| rest.split("```").nth(1))
        .expect("the README documents the inovasi command in a code block");
    block
        .lines()
        .filter_map(|l| l.strip_prefix("inovasi "))
        .filter_map(|l| l.split_whitespace().next())
        .map(|c| c.trim_matches(|ch| ch == '[' || ch == ']').to_string())
        .collect()
}

#[test]
fn help_lists_exactly_what_the_readme_documents() {
    let help = listed_by_help();
    let readme = listed_by_readme();
    assert!(
        readme.len() >= 7,
        "the README block was not read: {readme:?}"
    );
    assert_eq!(help, readme, "inovasi --help and the README disagree");
}

#[test]
fn the_bench_commands_are_not_in_the_product() {
    for removed in ["bench-assign", "bench-ranking", "seed-bench"] {
        let out = Command::new(env!("CARGO_BIN_EXE_inovasi"))
            .arg(removed)
            .output()
            .expect("the inovasi binary runs");
        assert!(!out.status.success(), "inovasi {removed} still runs");
    }
}
