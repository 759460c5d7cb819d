use std::io::{self, BufRead};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("usage: slugify [TITLE...]   (reads titles from standard input when none are given)");
        return ExitCode::SUCCESS;
    }
    if args.is_empty() {
        for line in io::stdin().lock().lines() {
            match line {
                Ok(line) => println!("{}", slugify::slugify(&line)),
                Err(error) => {
                    eprintln!("slugify: {error}");
                    return ExitCode::FAILURE;
                }
            }
        }
    } else {
        println!("{}", slugify::slugify(&args.join(" ")));
    }
    ExitCode::SUCCESS
}
