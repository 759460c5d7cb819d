// Package inventory keeps stock levels per SKU.
package inventory

import (
	"errors"
	"sort"
	"sync"
)

const Version = "1.2.0"

var ErrInsufficient = errors.New("not enough stock")

type Item struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

type Inventory struct {
	mu    sync.Mutex
	stock map[string]int
}

func New() *Inventory {
	return &Inventory{stock: map[string]int{}}
}

func (inv *Inventory) Add(sku string, n int) int {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.stock[sku] += n
	return inv.stock[sku]
}

func (inv *Inventory) Take(sku string, n int) (int, error) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	if inv.stock[sku] < n {
		return inv.stock[sku], ErrInsufficient
	}
	inv.stock[sku] -= n
	return inv.stock[sku], nil
}

func (inv *Inventory) Items() []Item {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	items := make([]Item, 0, len(inv.stock))
	for sku, n := range inv.stock {
		items = append(items, Item{SKU: sku, Quantity: n})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].SKU < items[j].SKU })
	return items
}
