package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

func main() {
	path := os.Getenv("BOOKMARKS_DB")
	if path == "" {
		path = "/var/lib/bookmarks/bookmarks.db"
	}
	store, err := OpenStore(path)
	if err != nil {
		log.Fatalf("open %s: %v", path, err)
	}

	http.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		version, err := store.SQLiteVersion()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, map[string]string{"status": "ok", "sqlite": version})
	})
	http.HandleFunc("/bookmarks", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			b, err := store.Add(r.FormValue("url"), r.FormValue("title"))
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			writeJSON(w, b)
			return
		}
		list, err := store.List()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, list)
	})

	addr := ":8090"
	log.Printf("bookmarks listening on %s, data in %s", addr, path)
	log.Fatal(http.ListenAndServe(addr, nil))
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
