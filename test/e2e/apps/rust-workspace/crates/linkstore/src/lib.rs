//! Short codes for long links, kept in memory.
use std::collections::HashMap;

const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";

#[derive(Default)]
pub struct LinkStore {
    links: HashMap<String, String>,
    next: u64,
}

impl LinkStore {
    /// Stores a link and returns its code; the same link always gets the same code.
    pub fn shorten(&mut self, url: &str) -> Option<String> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return None;
        }
        if let Some((code, _)) = self.links.iter().find(|(_, stored)| stored.as_str() == url) {
            return Some(code.clone());
        }
        self.next += 1;
        let code = encode(self.next * 7919);
        self.links.insert(code.clone(), url.to_string());
        Some(code)
    }

    pub fn resolve(&self, code: &str) -> Option<&str> {
        self.links.get(code).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.links.len()
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }
}

fn encode(mut n: u64) -> String {
    let mut code = Vec::new();
    while n > 0 {
        code.push(ALPHABET[(n % ALPHABET.len() as u64) as usize]);
        n /= ALPHABET.len() as u64;
    }
    String::from_utf8(code).unwrap()
}

#[cfg(test)]
mod tests {
    use super::LinkStore;

    #[test]
    fn shortens_and_resolves() {
        let mut store = LinkStore::default();
        let code = store.shorten("https://example.org/a/long/path").unwrap();
        assert_eq!(store.resolve(&code), Some("https://example.org/a/long/path"));
        assert_eq!(store.shorten("https://example.org/a/long/path"), Some(code));
        assert_eq!(store.shorten("ftp://nope"), None);
    }
}
