//! rcli: greet, count words and lines, or reverse lines of standard input.
use std::env;
use std::io::{self, Read, Write};
use std::process::ExitCode;

fn greet(name: Option<&str>) -> String {
    format!("hello, {}!", name.unwrap_or("world"))
}

fn count(text: &str) -> (usize, usize, usize) {
    (text.lines().count(), text.split_whitespace().count(), text.chars().count())
}

fn reverse_lines(text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.reverse();
    lines.join("\n")
}

fn read_stdin() -> io::Result<String> {
    let mut text = String::new();
    io::stdin().read_to_string(&mut text)?;
    Ok(text)
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let mut out = io::stdout().lock();
    let result = match args.first().map(String::as_str) {
        Some("hello") => writeln!(out, "{}", greet(args.get(1).map(String::as_str))),
        Some("wc") => read_stdin().and_then(|t| {
            let (lines, words, chars) = count(&t);
            writeln!(out, "{lines} {words} {chars}")
        }),
        Some("tac") => read_stdin().and_then(|t| writeln!(out, "{}", reverse_lines(&t))),
        _ => {
            eprintln!("usage: rcli hello [NAME] | wc | tac");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rcli: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greets_the_world_by_default() {
        assert_eq!(greet(None), "hello, world!");
        assert_eq!(greet(Some("ada")), "hello, ada!");
    }

    #[test]
    fn counts_lines_words_and_chars() {
        assert_eq!(count("one two\nthree\n"), (2, 3, 14));
    }

    #[test]
    fn reverses_lines() {
        assert_eq!(reverse_lines("a\nb\nc\n"), "c\nb\na");
    }
}
