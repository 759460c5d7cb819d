package main

import (
	"database/sql"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

type Bookmark struct {
	ID      int64     `json:"id"`
	URL     string    `json:"url"`
	Title   string    `json:"title"`
	Created time.Time `json:"created"`
}

type Store struct {
	db *sql.DB
}

func OpenStore(path string) (*Store, error) {
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=5000&_journal_mode=WAL")
	if err != nil {
		return nil, err
	}
	_, err = db.Exec(`CREATE TABLE IF NOT EXISTS bookmarks (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		url TEXT NOT NULL UNIQUE,
		title TEXT NOT NULL,
		created TIMESTAMP NOT NULL
	)`)
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

func (s *Store) Add(url, title string) (Bookmark, error) {
	b := Bookmark{URL: url, Title: title, Created: time.Now().UTC()}
	res, err := s.db.Exec(`INSERT INTO bookmarks (url, title, created) VALUES (?, ?, ?)
		ON CONFLICT(url) DO UPDATE SET title = excluded.title`, b.URL, b.Title, b.Created)
	if err != nil {
		return b, err
	}
	b.ID, err = res.LastInsertId()
	return b, err
}

func (s *Store) List() ([]Bookmark, error) {
	rows, err := s.db.Query(`SELECT id, url, title, created FROM bookmarks ORDER BY id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []Bookmark{}
	for rows.Next() {
		var b Bookmark
		if err := rows.Scan(&b.ID, &b.URL, &b.Title, &b.Created); err != nil {
			return nil, err
		}
		list = append(list, b)
	}
	return list, rows.Err()
}

func (s *Store) SQLiteVersion() (string, error) {
	var version string
	err := s.db.QueryRow(`SELECT sqlite_version()`).Scan(&version)
	return version, err
}
