//! The `ntm` binary: everything lives in the library; see `ntm::cli`.

fn main() -> std::process::ExitCode {
    ntm::cli::main()
}
