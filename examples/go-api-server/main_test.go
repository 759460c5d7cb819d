package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealth(t *testing.T) {
	server := httptest.NewServer(newStore().routes())
	defer server.Close()
	response, err := http.Get(server.URL + "/health")
	if err != nil {
		t.Fatal(err)
	}
	if response.StatusCode != http.StatusOK {
		t.Fatalf("status %d", response.StatusCode)
	}
}

func TestPutThenGet(t *testing.T) {
	handler := newStore().routes()
	put := httptest.NewRequest(http.MethodPut, "/kv/colour", strings.NewReader(`{"value":"green"}`))
	recorder := httptest.NewRecorder()
	handler.ServeHTTP(recorder, put)
	if recorder.Code != http.StatusOK {
		t.Fatalf("put: status %d", recorder.Code)
	}
	recorder = httptest.NewRecorder()
	handler.ServeHTTP(recorder, httptest.NewRequest(http.MethodGet, "/kv/colour", nil))
	if !strings.Contains(recorder.Body.String(), `"value":"green"`) {
		t.Fatalf("get: %s", recorder.Body.String())
	}
}

func TestMissingKey(t *testing.T) {
	recorder := httptest.NewRecorder()
	newStore().routes().ServeHTTP(recorder, httptest.NewRequest(http.MethodGet, "/kv/none", nil))
	if recorder.Code != http.StatusNotFound {
		t.Fatalf("status %d", recorder.Code)
	}
}
