//! CLI integration tests: one test binary (one link) that runs the built `gigradar`.

mod dedup;

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run `gigradar` with `args`, feeding `stdin`.
pub fn gigradar(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gigradar"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gigradar runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin)
        .expect("stdin takes the input");
    child.wait_with_output().expect("gigradar finishes")
}
