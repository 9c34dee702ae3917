//! The `gigradar` binary, run as a user runs it. One test binary for every command (link once).

mod dedup;
mod fetch;
mod rank;
mod spotify;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Run `gigradar` with `args` (and `stdin`), from the project root.
pub fn gigradar(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gigradar"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gigradar runs");
    {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin is piped");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("stdin takes the input");
        }
    }
    child.wait_with_output().expect("gigradar finishes")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}
