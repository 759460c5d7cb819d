module example.com/bookmarks

go 1.19

require github.com/mattn/go-sqlite3 v1.14.16

// Built against Debian's packaged source (golang-github-mattn-go-sqlite3-dev), which links the
// system SQLite from libsqlite3-dev.
replace github.com/mattn/go-sqlite3 => /usr/share/gocode/src/github.com/mattn/go-sqlite3
