use std::process::ExitCode;

fn main() -> ExitCode {
    zhaoshang::main()
}
