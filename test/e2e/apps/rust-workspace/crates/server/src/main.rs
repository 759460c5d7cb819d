//! A link shortener over plain HTTP/1.1 on std's TcpListener.
use linkstore::LinkStore;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

fn main() {
    let addr = std::env::var("LISTEN").unwrap_or_else(|_| "0.0.0.0:7878".to_string());
    let listener = TcpListener::bind(&addr).unwrap_or_else(|e| panic!("cannot listen on {addr}: {e}"));
    println!("shortener listening on {addr}");
    let mut store = LinkStore::default();
    for stream in listener.incoming().flatten() {
        if let Err(error) = handle(stream, &mut store) {
            eprintln!("request failed: {error}");
        }
    }
}

fn handle(mut stream: TcpStream, store: &mut LinkStore) -> std::io::Result<()> {
    let mut request_line = String::new();
    BufReader::new(&stream).read_line(&mut request_line)?;
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let (status, headers, body) = match (method, target) {
        ("GET", "/health") => ("200 OK", String::new(), format!("{{\"status\":\"ok\",\"links\":{}}}\n", store.len())),
        ("POST", t) if t.starts_with("/shorten?url=") => match store.shorten(&t["/shorten?url=".len()..]) {
            Some(code) => ("201 Created", String::new(), format!("/{code}\n")),
            None => ("400 Bad Request", String::new(), "not an http(s) link\n".to_string()),
        },
        ("GET", t) => match store.resolve(t.trim_start_matches('/')) {
            Some(url) => ("302 Found", format!("Location: {url}\r\n"), String::new()),
            None => ("404 Not Found", String::new(), "no such link\n".to_string()),
        },
        _ => ("405 Method Not Allowed", String::new(), String::new()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}
