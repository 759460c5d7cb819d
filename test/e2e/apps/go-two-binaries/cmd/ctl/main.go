// Command ctl is the operator's tool: it prints its version and checks a running api.
package main

import (
	"fmt"
	"net/http"
	"os"
	"time"

	"example.com/inventory/internal/inventory"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: ctl version | ctl ping [URL]")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "version":
		fmt.Printf("ctl %s\n", inventory.Version)
	case "ping":
		url := "http://127.0.0.1:9090/health"
		if len(os.Args) > 2 {
			url = os.Args[2]
		}
		client := http.Client{Timeout: 3 * time.Second}
		resp, err := client.Get(url)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		resp.Body.Close()
		fmt.Println(resp.Status)
		if resp.StatusCode != http.StatusOK {
			os.Exit(1)
		}
	default:
		fmt.Fprintf(os.Stderr, "ctl: unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
}
