// Command api serves the inventory over HTTP.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strconv"

	"example.com/inventory/internal/inventory"
)

func main() {
	inv := inventory.New()
	inv.Add("bolt-m6", 120)
	inv.Add("nut-m6", 80)

	mux := http.NewServeMux()
	mux.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, map[string]string{"status": "ok", "version": inventory.Version})
	})
	mux.HandleFunc("/items", func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, inv.Items())
	})
	mux.HandleFunc("/take", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		left, err := inv.Take(r.URL.Query().Get("sku"), n)
		if err != nil {
			reply(w, http.StatusConflict, map[string]any{"error": err.Error(), "left": left})
			return
		}
		reply(w, http.StatusOK, map[string]int{"left": left})
	})

	addr := ":" + envOr("PORT", "9090")
	log.Printf("inventory api %s on %s", inventory.Version, addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
